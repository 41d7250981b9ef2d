import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { contentDisposition } from '../../core/http/content-disposition';
import { RecordsDashboardQueryDto, RecordsDashboardDto } from './records-dashboard.dto';
import { RecordsDashboardService } from './records-dashboard.service';

/**
 * 文書管理の集計 (電子決裁率, lead time, documents waiting, replies overdue, binders due) for administrators and
 * heads of departments; the per-department-month figures as CSV.
 */
@Controller('records')
export class RecordsDashboardController {
  constructor(private readonly dashboard: RecordsDashboardService) {}

  @Get('dashboard')
  @ZodResponse({ status: 200, type: RecordsDashboardDto })
  @ApiErrors('records/dashboard_not_allowed')
  get(@CurrentUser() user: AuthUser, @Query() { fiscalYear, departmentId }: RecordsDashboardQueryDto) {
    return this.dashboard.dashboard(user, fiscalYear, departmentId);
  }

  @Get('dashboard.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'One row per department and month of the 年度 in which something was decided (年月, 課, 電子決裁, 書面決裁, ' +
      '電子決裁率(%), 所要時間中央値(時間), 最長(時間)): CSV in UTF-8 with BOM.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors('records/dashboard_not_allowed')
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() { fiscalYear, departmentId }: RecordsDashboardQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.dashboard.csv(user, fiscalYear, departmentId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', String(file.body.length));
    res.end(file.body);
  }
}
