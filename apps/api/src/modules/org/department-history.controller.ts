import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { AbolishDepartmentDto, DepartmentChangeDto, DepartmentHistoryDto, IdParamDto } from './org.dto';
import { DepartmentHistoryService } from './department-history.service';

/** A department's history and reorganisations entered ahead (改称, 移管, 廃止・統合): everyone reads, administrators change. */
@Controller('org/departments')
export class DepartmentHistoryController {
  constructor(private readonly history: DepartmentHistoryService) {}

  @Get(':id/history')
  @ZodResponse({ status: 200, type: DepartmentHistoryDto })
  departmentHistory(@Param() { id }: IdParamDto) {
    return this.history.history(id);
  }

  @AdminOnly()
  @Post(':id/changes')
  @ZodResponse({ status: 201, type: DepartmentHistoryDto })
  change(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto, @Body() body: DepartmentChangeDto) {
    return this.history.change(user, id, body);
  }

  @AdminOnly()
  @Post(':id/abolition')
  @ZodResponse({ status: 201, type: DepartmentHistoryDto })
  abolish(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto, @Body() body: AbolishDepartmentDto) {
    return this.history.abolish(user, id, body.from);
  }
}
