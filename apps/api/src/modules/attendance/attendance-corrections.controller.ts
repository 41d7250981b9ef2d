import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { AttendanceCorrectionsService } from './attendance-corrections.service';
import {
  CreatePunchCorrectionDto,
  LeaveRequestParamDto,
  MyPunchCorrectionsDto,
  PunchCorrectionDto,
  PunchCorrectionResultDto,
  PunchCorrectionsQueryDto,
} from './attendance.dto';

/** My punch corrections (打刻修正), decided through the approval route. Everyone sees only their own. */
@Controller('attendance/me/corrections')
export class AttendanceCorrectionsController {
  constructor(private readonly corrections: AttendanceCorrectionsService) {}

  /**
   * Asks for a forgotten or wrong punch to be corrected (or a wrong one removed): checked, then sent as a
   * 打刻修正届 up the approval route; the punches change once it is decided. A resend with the same client id
   * records nothing new.
   */
  @Post()
  @ZodResponse({ status: 201, type: PunchCorrectionResultDto })
  @ApiErrors(
    'attendance/correction_future',
    'attendance/month_closed',
    'attendance/correction_time_off_day',
    'attendance/correction_order',
    'attendance/correction_nothing_to_remove',
    'attendance/correction_pending',
    'approval/no_department',
    'approval/template_not_found',
  )
  request(@CurrentUser() user: AuthUser, @Body() body: CreatePunchCorrectionDto) {
    return this.corrections.request(user, body);
  }

  /** My corrections of the days of a month (default: this one). */
  @Get()
  @ZodResponse({ status: 200, type: MyPunchCorrectionsDto })
  mine(@CurrentUser() user: AuthUser, @Query() { month }: PunchCorrectionsQueryDto) {
    return this.corrections.mine(user, month);
  }

  /** Takes back my correction while it waits for approval (its 打刻修正届 is withdrawn). */
  @Post(':id/withdraw')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PunchCorrectionDto })
  @ApiErrors('attendance/correction_not_found', 'attendance/correction_not_withdrawable')
  withdraw(@CurrentUser() user: AuthUser, @Param() { id }: LeaveRequestParamDto) {
    return this.corrections.withdraw(user, id);
  }
}
