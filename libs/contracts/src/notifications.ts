import { z } from 'zod';
import { uuidSchema } from './common';

/** A text in both languages of the app; the web app shows the one of the person's current language. */
export const localizedTextSchema = z.object({ ja: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** What happened, as a dotted name of the feature that said it (`approval.step_activated`, `chat.mention` …). */
export const notificationKindSchema = z.string().regex(/^[a-z]+(\.[a-z_]+)+$/);

/** An in-app notification (お知らせ) of the signed-in person. */
export const notificationSchema = z.object({
  id: uuidSchema,
  kind: z.string(),
  title: localizedTextSchema,
  body: localizedTextSchema.nullable(),
  /** The app path that opens what it is about (`/approvals/…`), or null. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const NOTIFICATION_ORDERS = ['unread_first', 'newest'] as const;
export const NOTIFICATIONS_PAGE_SIZE_MAX = 100;

/** Paging of one's notifications: unread first (then newest) or simply newest first. */
export const notificationListQuerySchema = z.strictObject({
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number<number | string>().int().min(1).max(NOTIFICATIONS_PAGE_SIZE_MAX).default(20),
  order: z.enum(NOTIFICATION_ORDERS).default('unread_first'),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  /** How many notifications the person has in all (not just on this page). */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  unreadCount: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** Server event `notification:new`: a notification for this person, with their new unread count. */
export const notificationNewEventSchema = z.object({
  notification: notificationSchema,
  unreadCount: z.number().int().min(0),
});
export type NotificationNewEvent = z.infer<typeof notificationNewEventSchema>;

/** Server event `notification:read`: some (or all) of this person's notifications were read, in any tab. */
export const notificationReadEventSchema = z.object({
  /** The notifications now read; empty when `all` is true. */
  ids: z.array(uuidSchema),
  all: z.boolean(),
  readAt: z.iso.datetime({ offset: true }),
  unreadCount: z.number().int().min(0),
});
export type NotificationReadEvent = z.infer<typeof notificationReadEventSchema>;
