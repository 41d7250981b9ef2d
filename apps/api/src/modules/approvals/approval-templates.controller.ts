import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApprovalTemplatesService } from './approval-templates.service';
import {
  ApprovalIdParamDto,
  ApprovalTemplateDto,
  ApprovalTemplateListDto,
  CreateApprovalTemplateDto,
  DecisionAuthorityTableDto,
  ReplaceDecisionAuthorityDto,
  UpdateApprovalTemplateDto,
} from './approvals.dto';

/** Templates and the 専決規程: everyone reads them, administrators change them. */
@Controller('approvals')
export class ApprovalTemplatesController {
  constructor(private readonly templates: ApprovalTemplatesService) {}

  @Get('templates')
  @ZodResponse({ status: 200, type: ApprovalTemplateListDto })
  async list(@CurrentUser() user: AuthUser) {
    return { items: await this.templates.list(user) };
  }

  @AdminOnly()
  @Post('templates')
  @ZodResponse({ status: 201, type: ApprovalTemplateDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateApprovalTemplateDto) {
    return this.templates.create(user, body);
  }

  @AdminOnly()
  @Patch('templates/:id')
  @ZodResponse({ status: 200, type: ApprovalTemplateDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: ApprovalIdParamDto,
    @Body() body: UpdateApprovalTemplateDto,
  ) {
    return this.templates.update(user, id, body);
  }

  @Get('decision-authority')
  @ZodResponse({ status: 200, type: DecisionAuthorityTableDto })
  authority() {
    return this.templates.authorityTable();
  }

  @AdminOnly()
  @Put('decision-authority')
  @ZodResponse({ status: 200, type: DecisionAuthorityTableDto })
  replaceAuthority(@CurrentUser() user: AuthUser, @Body() body: ReplaceDecisionAuthorityDto) {
    return this.templates.replaceAuthorityTable(user, body);
  }
}
