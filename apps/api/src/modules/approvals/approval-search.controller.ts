import { Controller, Get, Query } from '@nestjs/common';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { approvalSearchQuerySchema, approvalSearchResultSchema } from '@ringi/contracts';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { ApprovalSearchService } from './approval-search.service';

export class ApprovalSearchQueryDto extends createZodDto(approvalSearchQuerySchema) {}
export class ApprovalSearchResultDto extends createZodDto(approvalSearchResultSchema) {}

/** Search of approval documents among those the caller may see (the document policy decides). */
@Controller('approvals')
export class ApprovalSearchController {
  constructor(private readonly search: ApprovalSearchService) {}

  /** `GET /api/approvals/search?title=…&amountMin=…&status=decided&status=completed&page=…` */
  @Get('search')
  @ZodResponse({ status: 200, type: ApprovalSearchResultDto })
  @ApiErrors('approval/search_date_range_invalid', 'approval/search_amount_range_invalid')
  find(@CurrentUser() user: AuthUser, @Query() query: ApprovalSearchQueryDto) {
    return this.search.search(user, query);
  }
}
