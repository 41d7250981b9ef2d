import { Module } from '@nestjs/common';
import { AttendancePunchesService } from './attendance-punches.service';
import { AttendanceController } from './attendance.controller';
import { AttendancePublisher } from './attendance.publisher';

/**
 * Attendance (庶務事務, issue 9): so far clocking in and out (出勤・退勤) from the office or from home, today's
 * status on every device, and the person's month. Leave, overtime, corrections and timesheets come next.
 */
@Module({
  controllers: [AttendanceController],
  providers: [AttendancePunchesService, AttendancePublisher],
})
export class AttendanceModule {}
