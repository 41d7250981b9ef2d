import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AttendanceLeaveService } from './attendance-leave.service';
import { AttendancePunchesService } from './attendance-punches.service';
import { AttendanceController } from './attendance.controller';
import { AttendancePublisher } from './attendance.publisher';

/**
 * Attendance (庶務事務, issue 9): so far clocking in and out (出勤・退勤) from the office or from home, today's
 * status on every device, the person's month, and annual leave requested through the approval engine (休暇届).
 * Overtime, corrections and timesheets come next.
 */
@Module({
  imports: [ApprovalsModule],
  controllers: [AttendanceController],
  providers: [AttendancePunchesService, AttendanceLeaveService, AttendancePublisher],
})
export class AttendanceModule {}
