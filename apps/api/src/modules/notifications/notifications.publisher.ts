import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';
import {
  NOTIFICATIONS_CREATED,
  NOTIFICATIONS_READ,
  type NotificationsCreatedEvent,
  type NotificationsReadEvent,
} from './notifications.events';
import { NotificationsService } from './notifications.service';

/**
 * Turns committed notifications into socket emits to `user:{id}` (every tab of the person, on every instance
 * through the adapter), each with the person's unread count read after the commit.
 */
@Injectable()
export class NotificationsPublisher {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly realtime: RealtimeGateway,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(NOTIFICATIONS_CREATED, { async: true, promisify: true })
  async onCreated(event: NotificationsCreatedEvent): Promise<void> {
    try {
      const counts = await this.notifications.unreadCounts(event.items.map((item) => item.userId));
      for (const { userId, notification } of event.items) {
        this.realtime.server
          .to(userRoom(userId))
          .emit('notification:new', { notification, unreadCount: counts.get(userId) ?? 0 });
      }
    } catch (error) {
      this.logger.error({ err: error }, 'delivering notifications failed');
    }
  }

  @OnEvent(NOTIFICATIONS_READ, { async: true, promisify: true })
  async onRead(event: NotificationsReadEvent): Promise<void> {
    try {
      const { unreadCount } = await this.notifications.unreadCount(event.userId);
      this.realtime.server.to(userRoom(event.userId)).emit('notification:read', {
        ids: event.ids,
        all: event.all,
        readAt: event.readAt,
        unreadCount,
      });
    } catch (error) {
      this.logger.error({ err: error }, 'announcing read notifications failed');
    }
  }
}
