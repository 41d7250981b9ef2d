import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { RecordsBindersService } from './records-binders.service';
import {
  BinderDetailDto,
  BinderListDto,
  BinderSearchDto,
  CreateYearBindersDto,
  CreateYearBindersResultDto,
  FilePlanDto,
  FilePlanItemDto,
  RecordsIdParamDto,
  SaveFilePlanItemDto,
} from './records-binders.dto';
import { RecordsFilePlanService } from './records-file-plan.service';

/**
 * The file plan (文書分類表) and the yearly binders (簿冊). Anyone signed in reads the plan and finds binders;
 * only the records officer (an administrator) changes the plan and makes a year's binders. A binder's records
 * list only what the person may see.
 */
@Controller('records')
export class RecordsBindersController {
  constructor(
    private readonly filePlan: RecordsFilePlanService,
    private readonly binders: RecordsBindersService,
  ) {}

  @Get('file-plan')
  @ZodResponse({ status: 200, type: FilePlanDto })
  plan() {
    return this.filePlan.list();
  }

  @Post('file-plan')
  @ZodResponse({ status: 201, type: FilePlanItemDto })
  @ApiErrors('records/not_records_officer', 'records/file_plan_code_taken', 'org/department_not_found')
  createItem(@CurrentUser() user: AuthUser, @Body() body: SaveFilePlanItemDto) {
    return this.filePlan.create(user, body);
  }

  /** The whole item as it should be (a change applies to binders made afterwards). */
  @Patch('file-plan/:id')
  @ZodResponse({ status: 200, type: FilePlanItemDto })
  @ApiErrors(
    'records/not_records_officer',
    'records/file_plan_item_not_found',
    'records/file_plan_code_taken',
    'org/department_not_found',
  )
  updateItem(
    @CurrentUser() user: AuthUser,
    @Param() { id }: RecordsIdParamDto,
    @Body() body: SaveFilePlanItemDto,
  ) {
    return this.filePlan.update(user, id, body);
  }

  /** Makes a 年度's binders from the active plan (only the missing ones: safe to repeat). */
  @Post('binders/year')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: CreateYearBindersResultDto })
  @ApiErrors('records/not_records_officer')
  createYear(@CurrentUser() user: AuthUser, @Body() { fiscalYear }: CreateYearBindersDto) {
    return this.binders.createYear(user, fiscalYear);
  }

  @Get('binders')
  @ZodResponse({ status: 200, type: BinderListDto })
  search(@Query() query: BinderSearchDto) {
    return this.binders.search(query);
  }

  @Get('binders/:id')
  @ZodResponse({ status: 200, type: BinderDetailDto })
  @ApiErrors('records/binder_not_found')
  detail(@CurrentUser() user: AuthUser, @Param() { id }: RecordsIdParamDto) {
    return this.binders.detail(user, id);
  }
}
