import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { AttendancePunchesService } from './attendance-punches.service';
import {
  AttendanceMonthDto,
  AttendanceMonthQueryDto,
  AttendanceTodayDto,
  PunchDto,
  PunchResultDto,
} from './attendance.dto';

/** My attendance (勤怠): today's status, clocking in and out, and my month. Everyone sees only their own. */
@Controller('attendance')
export class AttendanceController {
  constructor(private readonly punches: AttendancePunchesService) {}

  @Get('today')
  @ZodResponse({ status: 200, type: AttendanceTodayDto })
  today(@CurrentUser() user: AuthUser) {
    return this.punches.today(user);
  }

  /** 出勤 or 退勤 now, from the office or from home; a second tap (or a resend) records nothing new. */
  @Post('punches')
  @ZodResponse({ status: 201, type: PunchResultDto })
  punch(@CurrentUser() user: AuthUser, @Body() body: PunchDto) {
    return this.punches.punch(user, body);
  }

  /** My punches and minutes worked, day by day, for a month (default: this one). */
  @Get('me/month')
  @ZodResponse({ status: 200, type: AttendanceMonthDto })
  @ApiErrors('attendance/month_out_of_range')
  month(@CurrentUser() user: AuthUser, @Query() { month }: AttendanceMonthQueryDto) {
    return this.punches.month(user, month);
  }
}
