import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiHeader } from '@nestjs/swagger';
import { APPROVAL_ATTACHMENT_MAX_BYTES } from '@ringi/contracts';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import type { UploadedFile as Upload } from '../../core/files/files.service';
import { uploadOptions } from '../../core/files/upload-limits';
import { ApprovalDocumentsService } from './approval-documents.service';
import {
  ApprovalActionDto,
  ApprovalAttachmentParamDto,
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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a repeated request safe: the same key from the same person acts once and answers with the document (8–80 of 0-9 A-Z a-z _ -; or `clientActionId` in the body).',
  })
  act(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @Body() body: ApprovalActionDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.documents.act(user, id, body, key);
  }

  /** 添付: the drafter while it is with them, and on the route the drafter and the current actors. */
  @Post('documents/:id/attachments')
  @UseInterceptors(FileInterceptor('file', uploadOptions(APPROVAL_ATTACHMENT_MAX_BYTES)))
  @ZodResponse({ status: 201, type: ApprovalDocumentDto })
  @ApiConsumes('multipart/form-data')
  @ApiErrors(
    'approval/document_not_found',
    'approval/not_allowed_to_attach',
    'approval/attachments_closed',
    'approval/too_many_attachments',
    'files/missing',
    'files/too_large',
    'files/type_not_allowed',
  )
  @ApiBody({
    description:
      'The file as the form field `file`: PDF, Word, Excel, PowerPoint (or OpenDocument), JPEG or PNG.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  attach(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @UploadedFile() file: Upload | undefined,
  ) {
    return this.documents.attach(user, id, file);
  }

  /** Removes an attachment while the document is with its drafter (a submitted one stays in its versions). */
  @Delete('documents/:id/attachments/:attachmentId')
  @ZodResponse({ status: 200, type: ApprovalDocumentDto })
  @ApiErrors(
    'approval/document_not_found',
    'approval/attachment_not_found',
    'approval/attachment_not_removable',
    'approval/attachments_closed',
    'approval/not_the_drafter',
  )
  detach(@CurrentUser() user: AuthUser, @Param() { id, attachmentId }: ApprovalAttachmentParamDto) {
    return this.documents.detach(user, id, attachmentId);
  }
}
