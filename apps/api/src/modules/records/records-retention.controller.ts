import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import {
  BinderDto,
  CreateDisposalListDto,
  DisposalListDto,
  DisposalListsDto,
  ExtendRetentionDto,
  RecordsIdParamDto,
  RetentionDueDto,
  RetentionDueQueryDto,
} from './records-binders.dto';
import { RecordsDisposalService } from './records-disposal.service';
import { RecordsRetentionService } from './records-retention.service';

/**
 * The end of retention, for the records officer (an administrator) only: the binders due, 延長, 移管, and the
 * 廃棄目録 approved through their own 起案.
 */
@Controller('records')
@ApiErrors('records/not_records_officer')
export class RecordsRetentionController {
  constructor(
    private readonly retention: RecordsRetentionService,
    private readonly disposal: RecordsDisposalService,
  ) {}

  /** Active binders (not 永年) whose retention ends by `by` (default: the end of the present 年度). */
  @Get('retention/due')
  @ZodResponse({ status: 200, type: RetentionDueDto })
  due(@CurrentUser() user: AuthUser, @Query() { by }: RetentionDueQueryDto) {
    return this.retention.due(user, by);
  }

  @Post('binders/:id/extend')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: BinderDto })
  @ApiErrors(
    'records/binder_not_found',
    'records/binder_not_active',
    'records/binder_permanent',
    'records/extension_not_later',
  )
  extend(
    @CurrentUser() user: AuthUser,
    @Param() { id }: RecordsIdParamDto,
    @Body() body: ExtendRetentionDto,
  ) {
    return this.retention.extend(user, id, body);
  }

  /** 移管予定: only once the retention is over. */
  @Post('binders/:id/transfer')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: BinderDto })
  @ApiErrors(
    'records/binder_not_found',
    'records/binder_not_active',
    'records/binder_permanent',
    'records/binder_not_due',
  )
  transfer(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto) {
    return this.retention.transfer(user, id);
  }

  /** 移管済: the archives received it (the files stay; the binder is closed). */
  @Post('binders/:id/transferred')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: BinderDto })
  @ApiErrors('records/binder_not_found', 'records/binder_not_active')
  transferred(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto) {
    return this.retention.transferred(user, id);
  }

  @Get('disposal-lists')
  @ZodResponse({ status: 200, type: DisposalListsDto })
  lists(@CurrentUser() user: AuthUser) {
    return this.disposal.list(user);
  }

  /** A draft 廃棄目録 起案 listing the binders; submit it on the approval screen. */
  @Post('disposal-lists')
  @ZodResponse({ status: 201, type: DisposalListDto })
  @ApiErrors(
    'records/binder_not_found',
    'records/binder_not_active',
    'records/binder_permanent',
    'records/binder_not_due',
    'records/binder_for_transfer',
    'approval/template_not_found',
    'approval/template_inactive',
    'approval/no_department',
  )
  createList(@CurrentUser() user: AuthUser, @Body() body: CreateDisposalListDto) {
    return this.disposal.create(user, body);
  }

  @Get('disposal-lists/:id')
  @ZodResponse({ status: 200, type: DisposalListDto })
  @ApiErrors('records/disposal_list_not_found')
  list(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto) {
    return this.disposal.get(user, id);
  }
}
