import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { AttendanceOvertimeService } from './attendance-overtime.service';
import { AttendanceAbsence } from './attendance-absence';
import { AttendanceApprovals } from './attendance-approvals';
import { AttendanceCorrectionsController } from './attendance-corrections.controller';
import { AttendanceCorrectionsService } from './attendance-corrections.service';
import { AttendanceLeaveService } from './attendance-leave.service';
import { AttendancePunchesService } from './attendance-punches.service';
import { AttendanceSettingsController } from './attendance-settings.controller';
import { AttendanceSettingsService } from './attendance-settings.service';
import { AttendanceController } from './attendance.controller';
import { AttendancePublisher } from './attendance.publisher';

/**
 * Attendance (庶務事務, issue 9): so far clocking in and out (出勤・退勤) from the office or from home, today's
 * status on every device, the person's month, and annual leave requested through the approval engine (休暇届),
 * overtime (時間外勤務命令) checked against the limits, punch corrections (打刻修正), special leave, absence-driven
 * deputies, and the town's settings.
 */
@Module({
  imports: [ApprovalsModule, NotificationsModule, OrgModule],
  controllers: [AttendanceController, AttendanceSettingsController, AttendanceCorrectionsController],
  providers: [
    AttendanceAbsence,
    AttendanceApprovals,
    AttendancePunchesService,
    AttendanceLeaveService,
    AttendanceOvertimeService,
    AttendanceCorrectionsService,
    AttendancePublisher,
    AttendanceSettingsService,
  ],
})
export class AttendanceModule {}
