import type { NotificationList, NotificationListQuery, UnreadCount } from '@ringi/contracts';
import { http } from '../../app/http';

export const listNotifications = (query: NotificationListQuery = {}) =>
  http.get<NotificationList>('/api/me/notifications', { query: { ...query } });
export const getUnreadCount = () => http.get<UnreadCount>('/api/me/notifications/unread-count');
export const markNotificationRead = (id: string) =>
  http.post<UnreadCount>(`/api/me/notifications/${encodeURIComponent(id)}/read`);
export const markAllNotificationsRead = () => http.post<UnreadCount>('/api/me/notifications/read-all');
