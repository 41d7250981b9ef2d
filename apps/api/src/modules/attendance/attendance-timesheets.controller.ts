import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { contentDisposition } from '../../core/http/content-disposition';
import { AttendanceClerksService } from './attendance-clerks.service';
import { AttendanceMonthCloseService } from './attendance-month-close.service';
import { AttendanceTimesheetExportService } from './attendance-timesheet-export.service';
import { AttendanceTimesheetRemindersService } from './attendance-timesheet-reminders.service';
import { AttendanceTimesheetsService } from './attendance-timesheets.service';
import {
  AddAttendanceClerkDto,
  AttendanceClerkListDto,
  AttendanceClerkParamDto,
  DepartmentTimesheetDto,
  PersonTimesheetDto,
  PersonTimesheetQueryDto,
  TimesheetCloseDto,
  TimesheetDepartmentsDto,
  TimesheetDepartmentsQueryDto,
  TimesheetExportQueryDto,
  TimesheetMissingDto,
  TimesheetMissingQueryDto,
  TimesheetQueryDto,
  TimesheetRemindDto,
  TimesheetRemindResultDto,
} from './attendance-timesheets.dto';

/**
 * 出勤簿: timesheets for the 庶務担当 (attendance clerk), heads of departments and administrators; month close,
 * the payroll export, who has not punched or reported with one tap to remind; and the clerks themselves
 * (administrators). Who may see what is decided by `AttendanceTimesheetPolicy` alone.
 */
@Controller('attendance')
export class AttendanceTimesheetsController {
  constructor(
    private readonly timesheets: AttendanceTimesheetsService,
    private readonly close: AttendanceMonthCloseService,
    private readonly exporter: AttendanceTimesheetExportService,
    private readonly reminders: AttendanceTimesheetRemindersService,
    private readonly clerks: AttendanceClerksService,
  ) {}

  /** The departments whose timesheets I may see (for the picker); empty for most staff. */
  @Get('timesheets/departments')
  @ZodResponse({ status: 200, type: TimesheetDepartmentsDto })
  @ApiErrors('attendance/month_out_of_range')
  departments(@CurrentUser() user: AuthUser, @Query() { month }: TimesheetDepartmentsQueryDto) {
    return this.timesheets.departments(user, month);
  }

  /** A department's month, person by person and day by day, with totals and whether it is closed. */
  @Get('timesheets')
  @ZodResponse({ status: 200, type: DepartmentTimesheetDto })
  @ApiErrors('attendance/timesheet_not_allowed', 'org/department_not_found', 'attendance/month_out_of_range')
  department(@CurrentUser() user: AuthUser, @Query() { departmentId, month }: TimesheetQueryDto) {
    return this.timesheets.department(user, departmentId, month);
  }

  /** One person's month: for the person, their head, their 庶務担当 and administrators. */
  @Get('timesheets/person')
  @ZodResponse({ status: 200, type: PersonTimesheetDto })
  @ApiErrors('attendance/timesheet_not_allowed', 'org/staff_not_found', 'attendance/month_out_of_range')
  person(@CurrentUser() user: AuthUser, @Query() { userId, month }: PersonTimesheetQueryDto) {
    return this.timesheets.person(user, userId, month);
  }

  /** Closes a department's month (and those of the departments below it): nothing more is recorded in it. */
  @Post('timesheets/close')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: DepartmentTimesheetDto })
  @ApiErrors(
    'attendance/timesheet_not_allowed',
    'org/department_not_found',
    'attendance/month_not_closable',
    'attendance/month_out_of_range',
  )
  closeMonth(@CurrentUser() user: AuthUser, @Body() body: TimesheetCloseDto) {
    return this.close.close(user, body);
  }

  /** Reopens a closed month (administrators only). */
  @Post('timesheets/reopen')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: DepartmentTimesheetDto })
  @ApiErrors('attendance/reopen_not_allowed', 'org/department_not_found', 'attendance/month_out_of_range')
  reopenMonth(@CurrentUser() user: AuthUser, @Body() body: TimesheetCloseDto) {
    return this.close.reopen(user, body);
  }

  /** The payroll export: a department's month, or (administrators, no department) the whole town's. */
  @Get('timesheets/export')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description:
      'The month for payroll, one row per person (職員番号, 氏名, 所属, 出勤日数, 勤務時間, 年休(日), 年休(時間), ' +
      '時間外(時間) …; hours as decimals): CSV in UTF-8 with BOM, or XLSX with a day-by-day second sheet.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiErrors('attendance/timesheet_not_allowed', 'org/department_not_found', 'attendance/month_out_of_range')
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: TimesheetExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.exporter.export(user, query);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', String(file.body.length));
    res.end(file.body);
  }

  /** Who has not punched in (a working day), left a clock-in open, or not reported overtime: to remind them. */
  @Get('timesheets/missing')
  @ZodResponse({ status: 200, type: TimesheetMissingDto })
  @ApiErrors('attendance/timesheet_not_allowed', 'org/department_not_found', 'attendance/month_out_of_range')
  missing(@CurrentUser() user: AuthUser, @Query() { departmentId, date }: TimesheetMissingQueryDto) {
    return this.reminders.missing(user, departmentId, date);
  }

  /** One tap: reminds the people listed (in-app notification), at most once per person and day. */
  @Post('timesheets/remind')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: TimesheetRemindResultDto })
  @ApiErrors('attendance/timesheet_not_allowed', 'org/department_not_found', 'attendance/month_out_of_range')
  remind(@CurrentUser() user: AuthUser, @Body() body: TimesheetRemindDto) {
    return this.reminders.remind(user, body);
  }

  /** 庶務担当 of every department (administrators). */
  @Get('clerks')
  @AdminOnly()
  @ZodResponse({ status: 200, type: AttendanceClerkListDto })
  listClerks() {
    return this.clerks.list();
  }

  /** Makes someone (by staff number) the 庶務担当 of a department; again: nothing changes. */
  @Post('clerks')
  @AdminOnly()
  @ZodResponse({ status: 201, type: AttendanceClerkListDto })
  @ApiErrors('org/department_not_found', 'org/staff_not_found')
  addClerk(@CurrentUser() user: AuthUser, @Body() body: AddAttendanceClerkDto) {
    return this.clerks.add(user, body);
  }

  @Delete('clerks/:departmentId/:userId')
  @AdminOnly()
  @ZodResponse({ status: 200, type: AttendanceClerkListDto })
  @ApiErrors('attendance/clerk_not_found')
  removeClerk(@CurrentUser() user: AuthUser, @Param() { departmentId, userId }: AttendanceClerkParamDto) {
    return this.clerks.remove(user, departmentId, userId);
  }
}
