import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApprovalDocumentsService } from './approval-documents.service';
import {
  ApprovalActionDto,
  ApprovalDocumentDto,
  ApprovalIdParamDto,
  ApprovalInboxCountsDto,
  ApprovalInboxDto,
  ApprovalInboxQueryDto,
  CreateApprovalDraftDto,
  UpdateApprovalDraftDto,
} from './approvals.dto';

/** Documents (起案, acting on them) and the inbox. Access to each document is the document policy's. */
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly documents: ApprovalDocumentsService) {}

  @Get('inbox')
  @ZodResponse({ status: 200, type: ApprovalInboxDto })
  inbox(@CurrentUser() user: AuthUser, @Query() query: ApprovalInboxQueryDto) {
    return this.documents.inbox(user, query);
  }

  @Get('inbox/counts')
  @ZodResponse({ status: 200, type: ApprovalInboxCountsDto })
  counts(@CurrentUser() user: AuthUser) {
    return this.documents.counts(user);
  }

  @Post('documents')
  @ZodResponse({ status: 201, type: ApprovalDocumentDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateApprovalDraftDto) {
    return this.documents.create(user, body);
  }

  @Get('documents/:id')
  @ZodResponse({ status: 200, type: ApprovalDocumentDto })
  get(@CurrentUser() user: AuthUser, @Param() { id }: ApprovalIdParamDto) {
    return this.documents.get(user, id);
  }

  @Patch('documents/:id')
  @ZodResponse({ status: 200, type: ApprovalDocumentDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @Body() body: UpdateApprovalDraftDto,
  ) {
    return this.documents.update(user, id, body);
  }

  /** 引用起案: a new draft from this document. */
  @Post('documents/:id/copy')
  @ZodResponse({ status: 201, type: ApprovalDocumentDto })
  copy(@CurrentUser() user: AuthUser, @Param() { id }: ApprovalIdParamDto) {
    return this.documents.copy(user, id);
  }

  /** Submit, approve, decide, acknowledge, send back, reject, comment, withdraw, enforce, discard. */
  @Post('documents/:id/actions')
  @ZodResponse({ status: 200, type: ApprovalDocumentDto })
  act(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @Body() body: ApprovalActionDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.documents.act(user, id, body, key);
  }
}
