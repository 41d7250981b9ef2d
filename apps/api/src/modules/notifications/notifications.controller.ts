import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  idParamSchema,
  notificationListQuerySchema,
  notificationListSchema,
  unreadCountSchema,
  type NotificationList,
  type UnreadCount,
} from '@ringi/contracts';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { NotificationsService } from './notifications.service';

class NotificationListQueryDto extends createZodDto(notificationListQuerySchema) {}
class NotificationIdParamDto extends createZodDto(idParamSchema) {}
class NotificationListDto extends createZodDto(notificationListSchema) {}
class UnreadCountDto extends createZodDto(unreadCountSchema) {}

/** One's own notifications (お知らせ). */
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ZodResponse({ status: 200, type: NotificationListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQueryDto): Promise<NotificationList> {
    return this.notifications.list(user, query);
  }

  @Get('unread-count')
  @ZodResponse({ status: 200, type: UnreadCountDto })
  unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCount> {
    return this.notifications.unreadCount(user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: UnreadCountDto })
  markAllRead(@CurrentUser() user: AuthUser): Promise<UnreadCount> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: UnreadCountDto })
  markRead(@CurrentUser() user: AuthUser, @Param() { id }: NotificationIdParamDto): Promise<UnreadCount> {
    return this.notifications.markRead(user, id);
  }
}
