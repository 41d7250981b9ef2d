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
import { AttendanceClerksService } from './attendance-clerks.service';
import { AttendanceMonthCloseService } from './attendance-month-close.service';
import { AttendanceMonthLock } from './attendance-month-lock';
import { AttendanceTimesheetExportService } from './attendance-timesheet-export.service';
import { AttendanceTimesheetRemindersService } from './attendance-timesheet-reminders.service';
import { AttendanceTimesheetPolicy } from './attendance-timesheet.policy';
import { AttendanceTimesheetsController } from './attendance-timesheets.controller';
import { AttendanceTimesheetsService } from './attendance-timesheets.service';
import { AttendancePublisher } from './attendance.publisher';

/**
 * Attendance (庶務事務, issue 9): so far clocking in and out (出勤・退勤) from the office or from home, today's
 * status on every device, the person's month, and annual leave requested through the approval engine (休暇届),
 * overtime (時間外勤務命令) checked against the limits, punch corrections (打刻修正), special leave, absence-driven
 * deputies, and the town's settings.
 */
@Module({
  imports: [ApprovalsModule, NotificationsModule, OrgModule],
  controllers: [
    AttendanceController,
    AttendanceSettingsController,
    AttendanceCorrectionsController,
    AttendanceTimesheetsController,
  ],
  providers: [
    AttendanceAbsence,
    AttendanceApprovals,
    AttendancePunchesService,
    AttendanceLeaveService,
    AttendanceOvertimeService,
    AttendanceCorrectionsService,
    AttendancePublisher,
    AttendanceSettingsService,
    // Timesheets (出勤簿), month close and its lock (every recording service asks `AttendanceMonthLock`).
    AttendanceMonthLock,
    AttendanceTimesheetPolicy,
    AttendanceTimesheetsService,
    AttendanceMonthCloseService,
    AttendanceTimesheetExportService,
    AttendanceTimesheetRemindersService,
    AttendanceClerksService,
  ],
  exports: [AttendanceMonthLock],
})
export class AttendanceModule {}
