import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalNotificationsListener } from './approval-notifications.listener';
import { MeetingNotificationsListener } from './meeting-notifications.listener';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsPublisher } from './notifications.publisher';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications fed by the domain events of every feature (approvals today; chat and attendance later)
 * or by `NotificationsService.notify(tx, …)` inside another module's unit of work; delivered live to
 * `user:{id}` after commit.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity])],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsPublisher,
    ApprovalNotificationsListener,
    MeetingNotificationsListener,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
