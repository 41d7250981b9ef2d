import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { AttendanceOvertimeService } from './attendance-overtime.service';
import { AttendanceSettingsService } from './attendance-settings.service';
import {
  AttendanceSettingsDto,
  OvertimeReportDto,
  OvertimeReportQueryDto,
  PutWorkScheduleDto,
  ScheduleParamDto,
  UpdateAttendanceSettingsDto,
  WorkScheduleDto,
  WorkScheduleListDto,
} from './attendance-settings.dto';

/**
 * The town's attendance settings: anyone signed in may read the rules in force (they are the town's published
 * rules); only an administrator changes them, sets a person's schedule, or reads the yearly overtime report.
 */
@Controller('attendance')
export class AttendanceSettingsController {
  constructor(
    private readonly settings: AttendanceSettingsService,
    private readonly overtime: AttendanceOvertimeService,
  ) {}

  @Get('settings')
  @ZodResponse({ status: 200, type: AttendanceSettingsDto })
  view() {
    return this.settings.view();
  }

  /** The working day, calendar, leave rules, overtime warnings and 他律的業務 departments, all at once. */
  @Put('settings')
  @AdminOnly()
  @ZodResponse({ status: 200, type: AttendanceSettingsDto })
  @ApiErrors('attendance/settings_invalid', 'org/department_not_found')
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateAttendanceSettingsDto) {
    return this.settings.update(user, body);
  }

  /** Everyone's schedule: the town's regular day, or their own (part-time, shorter days). */
  @Get('schedules')
  @AdminOnly()
  @ZodResponse({ status: 200, type: WorkScheduleListDto })
  schedules() {
    return this.settings.schedules();
  }

  @Put('schedules/:userId')
  @AdminOnly()
  @ZodResponse({ status: 200, type: WorkScheduleDto })
  @ApiErrors('org/staff_not_found')
  putSchedule(@Param() { userId }: ScheduleParamDto, @Body() body: PutWorkScheduleDto) {
    return this.settings.putSchedule(userId, body);
  }

  /** The town's yearly overtime report (時間外勤務の状況) for a fiscal year. */
  @Get('overtime-report')
  @AdminOnly()
  @ZodResponse({ status: 200, type: OvertimeReportDto })
  report(@Query() { fiscalYear }: OvertimeReportQueryDto) {
    return this.overtime.yearReport(fiscalYear);
  }
}
