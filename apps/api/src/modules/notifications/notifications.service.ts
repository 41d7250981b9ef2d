import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type {
  LocalizedText,
  Notification,
  NotificationList,
  NotificationListQuery,
  UnreadCount,
} from '@ringi/contracts';
import { notificationKindSchema, notificationListQuerySchema } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { NotificationEntity } from './notification.entity';
import {
  NOTIFICATIONS_CREATED,
  NOTIFICATIONS_READ,
  type NotificationsCreatedEvent,
  type NotificationsReadEvent,
} from './notifications.events';

/** What another module asks to tell some people. */
export interface NotifyInput {
  userIds: readonly string[];
  /** A dotted name of what happened: `approval.step_activated`, `chat.mention` … */
  kind: string;
  title: LocalizedText;
  body?: LocalizedText | null;
  /** An app path (`/approvals/…`) that opens what it is about. */
  link?: string | null;
}

const LINK = /^\/([^/\\]|$)/;

export function toNotification(row: NotificationEntity): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: { ja: row.titleJa, en: row.titleEn },
    body: row.bodyJa === null || row.bodyEn === null ? null : { ja: row.bodyJa, en: row.bodyEn },
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * In-app notifications (お知らせ). Other modules call `notify` inside their own unit of work (or listen-side, in a
 * new one); the rows commit with their change, and only after commit are they delivered live. Everyone reads
 * and marks only their own: someone else's notification is "not found".
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly repo: Repository<NotificationEntity>,
    private readonly uow: UnitOfWork,
    private readonly events: EventEmitter2,
  ) {}

  /** Stores one notification per person in `tx`; delivers them (with unread counts) after commit. */
  async notify(tx: Tx, input: NotifyInput): Promise<Notification[]> {
    const userIds = [...new Set(input.userIds)];
    if (!userIds.length) return [];
    notificationKindSchema.parse(input.kind);
    if (input.link != null && !LINK.test(input.link)) throw new Error(`not an app path: ${input.link}`);
    const rows = await tx.em.getRepository(NotificationEntity).save(
      userIds.map((userId) =>
        tx.em.getRepository(NotificationEntity).create({
          userId,
          kind: input.kind,
          titleJa: input.title.ja,
          titleEn: input.title.en,
          bodyJa: input.body?.ja ?? null,
          bodyEn: input.body?.en ?? null,
          link: input.link ?? null,
          readAt: null,
        }),
      ),
    );
    const items = rows.map((row) => ({ userId: row.userId, notification: toNotification(row) }));
    tx.afterCommit(() => {
      this.events.emit(NOTIFICATIONS_CREATED, { items } satisfies NotificationsCreatedEvent);
    });
    return items.map((item) => item.notification);
  }

  async list(user: AuthUser, query: NotificationListQuery): Promise<NotificationList> {
    const { page, pageSize, order } = notificationListQuerySchema.parse(query);
    const qb = this.repo.createQueryBuilder('n').where('n.user_id = :userId', { userId: user.id });
    if (order === 'unread_first')
      qb.orderBy('(n.read_at IS NULL)', 'DESC').addOrderBy('n.created_at', 'DESC');
    else qb.orderBy('n.created_at', 'DESC');
    const [rows, total] = await qb
      .addOrderBy('n.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const { unreadCount } = await this.unreadCount(user.id);
    return { items: rows.map(toNotification), total, page, pageSize, unreadCount };
  }

  async unreadCount(userId: string): Promise<UnreadCount> {
    return { unreadCount: await this.repo.count({ where: { userId, readAt: IsNull() } }) };
  }

  /** The unread counts of these people, in one query (0 for those without any). */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { user_id: string; n: number }[] = await this.repo.query(
      `SELECT user_id, count(*)::int AS n FROM notification
        WHERE user_id = ANY($1::uuid[]) AND read_at IS NULL GROUP BY user_id`,
      [[...userIds]],
    );
    const counts = new Map(userIds.map((id) => [id, 0]));
    for (const row of rows) counts.set(row.user_id, row.n);
    return counts;
  }

  /** Marks one of one's own notifications read (again: nothing changes); another person's is not found. */
  async markRead(user: AuthUser, id: string): Promise<UnreadCount> {
    return this.uow.run(async (tx) => {
      const repo = tx.em.getRepository(NotificationEntity);
      const row = await repo.findOne({ where: { id, userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new AppException('notifications/not_found');
      if (!row.readAt) {
        const readAt = new Date();
        await repo.update({ id }, { readAt });
        this.afterRead(tx, { userId: user.id, ids: [id], all: false, readAt: readAt.toISOString() });
      }
      return this.unreadCountIn(tx, user.id);
    });
  }

  /** Marks all of one's notifications read. */
  async markAllRead(user: AuthUser): Promise<UnreadCount> {
    return this.uow.run(async (tx) => {
      const readAt = new Date();
      const result = await tx.em
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt })
        .where('user_id = :userId AND read_at IS NULL', { userId: user.id })
        .execute();
      if (result.affected)
        this.afterRead(tx, { userId: user.id, ids: [], all: true, readAt: readAt.toISOString() });
      return this.unreadCountIn(tx, user.id);
    });
  }

  /**
   * Deletes everyone's notifications that link to `path` or below it (what they told of is gone, e.g. a disposed
   * meeting); each person's unread count is told again.
   */
  async withdraw(tx: Tx, path: string): Promise<number> {
    const rows: { id: string; user_id: string; unread: boolean }[] = await tx.em.query(
      `WITH gone AS (
         DELETE FROM notification WHERE link = $1 OR starts_with(link, $1 || '/')
         RETURNING id, user_id, read_at IS NULL AS unread)
       SELECT id, user_id, unread FROM gone`,
      [path],
    );
    const readAt = new Date().toISOString();
    const byUser = new Map<string, string[]>();
    for (const r of rows) if (r.unread) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.id]);
    for (const [userId, ids] of byUser) this.afterRead(tx, { userId, ids, all: false, readAt });
    return rows.length;
  }

  private afterRead(tx: Tx, event: NotificationsReadEvent): void {
    tx.afterCommit(() => {
      this.events.emit(NOTIFICATIONS_READ, event);
    });
  }

  private async unreadCountIn(tx: Tx, userId: string): Promise<UnreadCount> {
    return {
      unreadCount: await tx.em
        .getRepository(NotificationEntity)
        .count({ where: { userId, readAt: IsNull() } }),
    };
  }
}
