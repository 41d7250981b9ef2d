import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { AttendanceCorrectionsService } from './attendance-corrections.service';
import { AttendanceLeaveService } from './attendance-leave.service';
import { AttendanceOvertimeService } from './attendance-overtime.service';
import { AttendancePunchesService } from './attendance-punches.service';
import {
  AttendanceMonthDto,
  AttendanceMonthQueryDto,
  AttendanceTodayDto,
  CreateLeaveRequestDto,
  CreateOvertimeRequestDto,
  MyOvertimeDto,
  OvertimeRequestResultDto,
  ReportOvertimeDto,
  LeaveRequestParamDto,
  LeaveRequestResultDto,
  MyLeaveDto,
  PunchDto,
  PunchResultDto,
  SetAbsenceDeputyDto,
  CreateSpecialLeaveRequestDto,
  SpecialLeaveRequestResultDto,
} from './attendance.dto';

/** My attendance (勤怠): today's status, clocking in and out, and my month. Everyone sees only their own. */
@Controller('attendance')
export class AttendanceController {
  constructor(
    private readonly punches: AttendancePunchesService,
    private readonly leave: AttendanceLeaveService,
    private readonly overtime: AttendanceOvertimeService,
    private readonly corrections: AttendanceCorrectionsService,
  ) {}

  @Get('today')
  @ZodResponse({ status: 200, type: AttendanceTodayDto })
  today(@CurrentUser() user: AuthUser) {
    return this.punches.today(user);
  }

  /** 出勤 or 退勤 now, from the office or from home; a second tap (or a resend) records nothing new. */
  @Post('punches')
  @ZodResponse({ status: 201, type: PunchResultDto })
  @ApiErrors('attendance/month_closed')
  punch(@CurrentUser() user: AuthUser, @Body() body: PunchDto) {
    return this.punches.punch(user, body);
  }

  /**
   * My punches and minutes worked, day by day, for a month (default: this one), with each day's correction
   * (打刻修正) and which punches one put in.
   */
  @Get('me/month')
  @ZodResponse({ status: 200, type: AttendanceMonthDto })
  @ApiErrors('attendance/month_out_of_range')
  async month(@CurrentUser() user: AuthUser, @Query() { month }: AttendanceMonthQueryDto) {
    return this.corrections.annotate(user, await this.punches.month(user, month));
  }

  /** My annual leave (年次休暇): the balance today and my requests. */
  @Get('me/leave')
  @ZodResponse({ status: 200, type: MyLeaveDto })
  myLeave(@CurrentUser() user: AuthUser) {
    return this.leave.mine(user);
  }

  /**
   * Requests annual leave (days, or hours on a day): checked against the balance, then sent as a 休暇届 through
   * the approval route; the balance changes once it is decided.
   */
  @Post('me/leave-requests')
  @ZodResponse({ status: 201, type: LeaveRequestResultDto })
  @ApiErrors(
    'attendance/leave_insufficient',
    'attendance/leave_not_working_day',
    'attendance/leave_hours',
    'attendance/leave_dates',
    'attendance/leave_overlap',
    'approval/no_department',
    'approval/template_not_found',
    'attendance/month_closed',
  )
  requestLeave(@CurrentUser() user: AuthUser, @Body() body: CreateLeaveRequestDto) {
    return this.leave.request(user, body);
  }

  /**
   * Requests special leave (特別休暇: 夏季, 病気, 忌引, 結婚, 子の看護, 短期介護, 産前・産後, 介護 …): checked against its
   * type's limit in the town's table, then sent as a 休暇届 through the approval route.
   */
  @Post('me/special-leave-requests')
  @ZodResponse({ status: 201, type: SpecialLeaveRequestResultDto })
  @ApiErrors(
    'attendance/special_leave_type',
    'attendance/special_leave_details',
    'attendance/special_leave_period',
    'attendance/special_leave_limit',
    'attendance/leave_overlap',
    'attendance/leave_hours',
    'attendance/leave_not_working_day',
    'attendance/leave_dates',
    'approval/no_department',
    'approval/template_not_found',
    'attendance/month_closed',
  )
  requestSpecialLeave(@CurrentUser() user: AuthUser, @Body() body: CreateSpecialLeaveRequestDto) {
    return this.leave.requestSpecial(user, body);
  }

  /** Takes back my leave not yet begun: withdraws the 休暇届 while it is on its route, or cancels approved leave. */
  @Post('me/leave-requests/:id/cancel')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MyLeaveDto })
  @ApiErrors('attendance/leave_not_found', 'attendance/leave_not_cancellable', 'attendance/month_closed')
  cancelLeave(@CurrentUser() user: AuthUser, @Param() { id }: LeaveRequestParamDto) {
    return this.leave.cancel(user, id);
  }

  /**
   * Names who acts for me (代決) while I am on leave, or with null nobody: each leave of whole days approved from
   * now on registers that person as my deputy for its days.
   */
  @Put('me/absence-deputy')
  @ZodResponse({ status: 200, type: MyLeaveDto })
  @ApiErrors('org/deputy_self', 'org/staff_not_found')
  setAbsenceDeputy(@CurrentUser() user: AuthUser, @Body() body: SetAbsenceDeputyDto) {
    return this.leave.setAbsenceDeputy(user, body.deputyUserId);
  }

  /** My overtime: this month and fiscal year against the limits, warnings, and my requests. */
  @Get('me/overtime')
  @ZodResponse({ status: 200, type: MyOvertimeDto })
  myOvertime(@CurrentUser() user: AuthUser) {
    return this.overtime.mine(user);
  }

  /**
   * Requests overtime before the work (時間外勤務命令): refused past a limit unless 特例業務, then sent up the
   * approval route; warnings go to the person and their chief.
   */
  @Post('me/overtime-requests')
  @ZodResponse({ status: 201, type: OvertimeRequestResultDto })
  @ApiErrors(
    'attendance/overtime_over_limit',
    'approval/no_department',
    'approval/template_not_found',
    'attendance/month_closed',
  )
  requestOvertime(@CurrentUser() user: AuthUser, @Body() body: CreateOvertimeRequestDto) {
    return this.overtime.request(user, body);
  }

  /** Reports the minutes actually worked (approved overtime, from its day on). */
  @Post('me/overtime-requests/:id/actual')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: MyOvertimeDto })
  @ApiErrors('attendance/overtime_not_found', 'attendance/overtime_not_reportable', 'attendance/month_closed')
  reportOvertime(
    @CurrentUser() user: AuthUser,
    @Param() { id }: LeaveRequestParamDto,
    @Body() body: ReportOvertimeDto,
  ) {
    return this.overtime.report(user, id, body.minutes);
  }
}
