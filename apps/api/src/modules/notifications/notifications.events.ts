import type { Notification } from '@ringi/contracts';

/** Notifications were stored (after commit); the publisher delivers them to `user:{id}`. */
export const NOTIFICATIONS_CREATED = 'notifications.created';
export interface NotificationsCreatedEvent {
  items: { userId: string; notification: Notification }[];
}

/** A person's notifications were marked read (after commit); the publisher tells their other tabs. */
export const NOTIFICATIONS_READ = 'notifications.read';
export interface NotificationsReadEvent {
  userId: string;
  ids: string[];
  all: boolean;
  readAt: string;
}
