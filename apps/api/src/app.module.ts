import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { CoreModule } from './core/core.module';
import { ChatModule } from './modules/chat/chat.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { RecordsModule } from './modules/records/records.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { IdentityModule } from './modules/identity/identity.module';
import { DisasterModule } from './modules/disaster/disaster.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrgModule } from './modules/org/org.module';

@Module({
  imports: [
    ConfigModule,
    CoreModule,
    IdentityModule,
    OrgModule,
    NotificationsModule,
    ApprovalsModule,
    MeetingsModule,
    ChatModule,
    DisasterModule,
    AttendanceModule,
    RecordsModule,
  ],
})
export class AppModule {}
