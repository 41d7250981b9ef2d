import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  Channel,
  ChatMembers,
  ChatReadStates,
  ChatReceipts,
  CreateChannelRequest,
  NotifyLevel,
  UpdateChannelRequest,
} from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { CHANNEL_SELECT, PERSON_JSON, returned, toChannel, type ChannelListRow } from './chat-read';
import { ChatPresenceService } from './chat-presence.service';
import { CHAT_CHANNEL_CHANGED, type ChatChannelChangedEvent } from './chat.events';
import { ChatPolicy, ORG_CHART_KINDS, type ChannelRow } from './chat.policy';

const UNIQUE_VIOLATION = '23505';

/**
 * Channels: my channels (with unread and mention counts), browsing and joining public ones, creating public and
 * private channels, direct messages (one channel per set of people), their settings, members, notification level,
 * and who has read (既読) or confirmed (確認) a message.
 */
@Injectable()
export class ChatChannelsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: ChatPolicy,
    private readonly events: EventEmitter2,
    private readonly presence: ChatPresenceService,
  ) {}

  /** `mine`: every channel I am a member of; `browse`: every public channel. Newest activity first. */
  async list(user: AuthUser, scope: 'mine' | 'browse'): Promise<Channel[]> {
    const where =
      scope === 'mine'
        ? `c.id IN (SELECT channel_id FROM chat_channel_member WHERE user_id = $1)`
        : `c.kind = 'public'`;
    const rows: ChannelListRow[] = await this.uow.query(
      `${CHANNEL_SELECT} WHERE ${where}
        ORDER BY CASE c.kind WHEN 'all_staff' THEN 0 WHEN 'department' THEN 1 ELSE 2 END,
                 c.last_message_at DESC NULLS LAST, c.created_at`,
      [user.id],
    );
    return rows.map((r) => toChannel(r, this.policy.canManage(user, { kind: r.kind, my_role: r.my_role })));
  }

  async get(user: AuthUser, channelId: string): Promise<Channel> {
    await this.policy.readable(user, channelId);
    const [row]: ChannelListRow[] = await this.uow.query(`${CHANNEL_SELECT} WHERE c.id = $2`, [
      user.id,
      channelId,
    ]);
    return toChannel(row!, this.policy.canManage(user, { kind: row!.kind, my_role: row!.my_role }));
  }

  async create(user: AuthUser, req: CreateChannelRequest): Promise<Channel> {
    const id = await this.uow.run(async (tx) => {
      const others = await this.activePeople(
        tx,
        (req.memberIds ?? []).filter((m) => m !== user.id),
      );
      let row: { id: string } | undefined;
      try {
        [row] = await tx.em.query(
          `INSERT INTO chat_channel (kind, name, topic, description, created_by) VALUES ($1, $2, $3, $4, $5)
           RETURNING id`,
          [req.kind, req.name, req.topic ?? '', req.description ?? '', user.id],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION)
          throw new AppException('chat/channel_name_taken');
        throw error;
      }
      await tx.em.query(`INSERT INTO chat_member (channel_id, user_id, role) VALUES ($1, $2, 'owner')`, [
        row!.id,
        user.id,
      ]);
      await this.insertMembers(tx, row!.id, others);
      this.announce(tx, row!.id, [user.id, ...others], []);
      return row!.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, channelId: string, req: UpdateChannelRequest): Promise<Channel> {
    await this.uow.run(async (tx) => {
      const channel = await this.policy.readable(user, channelId);
      this.policy.requireManager(user, channel);
      if (req.name !== undefined && ORG_CHART_KINDS.includes(channel.kind))
        throw new AppException('chat/org_channel_fixed');
      const sets: string[] = [];
      const params: unknown[] = [channelId];
      const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
      if (req.name !== undefined) set('name', req.name);
      if (req.topic !== undefined) set('topic', req.topic);
      if (req.description !== undefined) set('description', req.description);
      if (req.receiptsEnabled !== undefined) set('receipts_enabled', req.receiptsEnabled);
      if (req.archived !== undefined)
        sets.push(`archived_at = ${req.archived ? 'coalesce(archived_at, now())' : 'NULL'}`);
      if (!sets.length) return;
      try {
        await tx.em.query(
          `UPDATE chat_channel SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
          params,
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION)
          throw new AppException('chat/channel_name_taken');
        throw error;
      }
      this.announce(tx, channelId, [], []);
    });
    return this.get(user, channelId);
  }

  /** The direct message with these people (and me): the existing one, or a new one. */
  async direct(user: AuthUser, userIds: readonly string[]): Promise<Channel> {
    const id = await this.uow.run(async (tx) => {
      const others = await this.activePeople(
        tx,
        userIds.filter((u) => u !== user.id),
      );
      if (!others.length) throw new AppException('chat/person_not_found');
      const members = [user.id, ...others].sort();
      const key = members.join(',');
      const [created]: { id: string }[] = await tx.em.query(
        `INSERT INTO chat_channel (kind, direct_key, created_by) VALUES ('direct', $1, $2)
         ON CONFLICT (direct_key) DO NOTHING RETURNING id`,
        [key, user.id],
      );
      if (created) {
        await this.insertMembers(tx, created.id, members);
        this.announce(tx, created.id, members, []);
        return created.id;
      }
      const [existing]: { id: string }[] = await tx.em.query(
        `SELECT id FROM chat_channel WHERE direct_key = $1`,
        [key],
      );
      return existing!.id;
    });
    return this.get(user, id);
  }

  /** Joins a public channel (again: nothing changes). */
  async join(user: AuthUser, channelId: string): Promise<Channel> {
    await this.uow.run(async (tx) => {
      const channel = await this.policy.readable(user, channelId);
      if (channel.my_role) return;
      this.policy.requireOpen(channel);
      await this.insertMembers(tx, channelId, [user.id]);
      this.announce(tx, channelId, [user.id], []);
    });
    return this.get(user, channelId);
  }

  async leave(user: AuthUser, channelId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const channel = await this.policy.member(user, channelId);
      if (ORG_CHART_KINDS.includes(channel.kind) || channel.kind === 'direct')
        throw new AppException('chat/cannot_leave');
      if (channel.my_role === 'owner') {
        const [owners]: { n: number }[] = await tx.em.query(
          `SELECT count(*)::int AS n FROM chat_member m JOIN app_user u ON u.id = m.user_id AND u.active
            WHERE m.channel_id = $1 AND m.role = 'owner'`,
          [channelId],
        );
        const [members]: { n: number }[] = await tx.em.query(
          `SELECT count(*)::int AS n FROM chat_member WHERE channel_id = $1`,
          [channelId],
        );
        if (owners!.n <= 1 && members!.n > 1) throw new AppException('chat/cannot_leave');
      }
      await tx.em.query(`DELETE FROM chat_member WHERE channel_id = $1 AND user_id = $2`, [
        channelId,
        user.id,
      ]);
      this.announce(tx, channelId, [], [user.id]);
    });
  }

  async addMembers(user: AuthUser, channelId: string, userIds: readonly string[]): Promise<ChatMembers> {
    await this.uow.run(async (tx) => {
      const channel = await this.manageable(user, channelId);
      this.policy.requireOpen(channel);
      const people = await this.activePeople(tx, userIds);
      const added = await this.insertMembers(tx, channelId, people);
      this.announce(tx, channelId, added, []);
    });
    return this.members(user, channelId);
  }

  async removeMember(user: AuthUser, channelId: string, userId: string): Promise<void> {
    if (userId === user.id) return this.leave(user, channelId);
    await this.uow.run(async (tx) => {
      await this.manageable(user, channelId);
      const removed = returned(
        await tx.em.query(
          `DELETE FROM chat_member WHERE channel_id = $1 AND user_id = $2 RETURNING user_id`,
          [channelId, userId],
        ),
      );
      if (!removed.length) throw new AppException('chat/person_not_found');
      this.announce(tx, channelId, [], [userId]);
    });
  }

  /** The members today, each with their presence (online, away, テレワーク中, offline). */
  async members(user: AuthUser, channelId: string): Promise<ChatMembers> {
    await this.policy.readable(user, channelId);
    const rows: {
      person: ChatMembers['items'][number]['person'];
      role: 'owner' | 'member';
      from_org_chart: boolean;
    }[] = await this.uow.query(
      `SELECT ${PERSON_JSON('u')} AS person, cm.role, cm.from_org_chart
         FROM (SELECT DISTINCT ON (user_id) user_id, role, from_org_chart FROM chat_channel_member
                WHERE channel_id = $1 ORDER BY user_id, role DESC) cm
         JOIN app_user u ON u.id = cm.user_id
        ORDER BY cm.role DESC, u.family_name_kana, u.given_name_kana`,
      [channelId],
    );
    const presence = await this.presence.of(rows.map((r) => r.person.id));
    return {
      items: rows.map((r) => ({
        person: r.person,
        role: r.role,
        fromOrgChart: r.from_org_chart,
        presence: presence.get(r.person.id) ?? 'offline',
      })),
    };
  }

  async setNotify(user: AuthUser, channelId: string, notify: NotifyLevel): Promise<Channel> {
    await this.policy.member(user, channelId);
    await this.uow.query(
      `INSERT INTO chat_read_state (channel_id, user_id, notify) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET notify = EXCLUDED.notify`,
      [channelId, user.id, notify],
    );
    return this.get(user, channelId);
  }

  /** Who among the members (but the sender) has read the message (既読), when receipts are on; the sender always may. */
  async receipts(user: AuthUser, channelId: string, messageId: string): Promise<ChatReceipts> {
    const channel = await this.policy.member(user, channelId);
    const message = await this.messageOf(channelId, messageId);
    if (!channel.receipts_enabled && message.author_id !== user.id)
      throw new AppException('chat/receipts_off');
    const rows: { person: ChatReceipts['notYet'][number]; read_at: Date | null; done: boolean }[] =
      await this.uow.query(
        `SELECT ${PERSON_JSON('u')} AS person, rs.read_at, COALESCE(rs.last_read_seq >= $3, false) AS done
           FROM (SELECT DISTINCT user_id FROM chat_channel_member WHERE channel_id = $1) cm
           JOIN app_user u ON u.id = cm.user_id
           LEFT JOIN chat_read_state rs ON rs.channel_id = $1 AND rs.user_id = cm.user_id
          WHERE cm.user_id IS DISTINCT FROM $2
          ORDER BY u.family_name_kana, u.given_name_kana`,
        [channelId, message.author_id, this.readSeqOf(message)],
      );
    return this.split(messageId, rows);
  }

  /**
   * How far every other member has read the channel (read receipts on): a message's 既読 count is the number of
   * members, but its sender, whose `lastReadSeq` reaches it (its thread's root, for a reply).
   */
  async readStates(user: AuthUser, channelId: string): Promise<ChatReadStates> {
    const channel = await this.policy.member(user, channelId);
    if (!channel.receipts_enabled) throw new AppException('chat/receipts_off');
    const rows: { user_id: string; last_read_seq: string }[] = await this.uow.query(
      `SELECT cm.user_id, COALESCE(rs.last_read_seq, 0) AS last_read_seq
         FROM (SELECT DISTINCT user_id FROM chat_channel_member WHERE channel_id = $1) cm
         LEFT JOIN chat_read_state rs ON rs.channel_id = $1 AND rs.user_id = cm.user_id
        WHERE cm.user_id <> $2`,
      [channelId, user.id],
    );
    return { items: rows.map((r) => ({ userId: r.user_id, lastReadSeq: Number(r.last_read_seq) })) };
  }

  /** Who has confirmed (確認しました) the message and who has not yet. */
  async acks(user: AuthUser, channelId: string, messageId: string): Promise<ChatReceipts> {
    await this.policy.member(user, channelId);
    const message = await this.messageOf(channelId, messageId);
    if (!message.ack_requested) throw new AppException('chat/ack_not_requested');
    const rows: { person: ChatReceipts['notYet'][number]; read_at: Date | null; done: boolean }[] =
      await this.uow.query(
        `SELECT ${PERSON_JSON('u')} AS person, a.acked_at AS read_at, a.user_id IS NOT NULL AS done
           FROM (SELECT DISTINCT user_id FROM chat_channel_member WHERE channel_id = $1) cm
           JOIN app_user u ON u.id = cm.user_id
           LEFT JOIN chat_ack a ON a.message_id = $3 AND a.user_id = cm.user_id
          WHERE cm.user_id IS DISTINCT FROM $2
          ORDER BY u.family_name_kana, u.given_name_kana`,
        [channelId, message.author_id, messageId],
      );
    return this.split(messageId, rows);
  }

  /** The message's sender (or a manager) asks those who have not confirmed it yet; returns whom. */
  async ackPending(
    user: AuthUser,
    channelId: string,
    messageId: string,
  ): Promise<{ ids: string[]; author: boolean; text: string; channelName: string }> {
    const acks = await this.acks(user, channelId, messageId);
    const message = await this.messageOf(channelId, messageId);
    const channel = await this.get(user, channelId);
    return {
      ids: acks.notYet.map((p) => p.id),
      author: message.author_id === user.id || channel.canManage,
      text: message.body,
      channelName: channel.name,
    };
  }

  // ---------------------------------------------------------------------------------------------------------

  private split(
    messageId: string,
    rows: { person: ChatReceipts['notYet'][number]; read_at: Date | null; done: boolean }[],
  ): ChatReceipts {
    return {
      messageId,
      done: rows
        .filter((r) => r.done)
        .map((r) => ({ person: r.person, at: r.read_at?.toISOString() ?? null })),
      notYet: rows.filter((r) => !r.done).map((r) => r.person),
    };
  }

  private readSeqOf(message: { seq: string; thread_root_seq: string | null }): number {
    // A reply is read once the thread's root is (a person reading the channel up to it can open the thread).
    return Number(message.thread_root_seq ?? message.seq);
  }

  private async messageOf(
    channelId: string,
    messageId: string,
  ): Promise<{
    author_id: string | null;
    seq: string;
    thread_root_seq: string | null;
    ack_requested: boolean;
    body: string;
  }> {
    const [row]: {
      author_id: string | null;
      seq: string;
      thread_root_seq: string | null;
      ack_requested: boolean;
      body: string;
      deleted_at: Date | null;
    }[] = await this.uow.query(
      `SELECT m.author_id, m.seq, r.seq AS thread_root_seq, m.ack_requested, m.body, m.deleted_at
         FROM chat_message m LEFT JOIN chat_message r ON r.id = m.thread_root_id
        WHERE m.channel_id = $1 AND m.id = $2`,
      [channelId, messageId],
    );
    if (!row) throw new AppException('chat/message_not_found');
    if (row.deleted_at) throw new AppException('chat/message_deleted');
    return row;
  }

  private async manageable(user: AuthUser, channelId: string): Promise<ChannelRow> {
    const channel = await this.policy.readable(user, channelId);
    if (ORG_CHART_KINDS.includes(channel.kind)) throw new AppException('chat/org_channel_fixed');
    this.policy.requireManager(user, channel);
    return channel;
  }

  /** The active staff among the ids (each once); any unknown or retired one is refused. */
  private async activePeople(tx: Tx, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows: { id: string }[] = await tx.em.query(
      `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active`,
      [unique],
    );
    if (rows.length !== unique.length) throw new AppException('chat/person_not_found');
    return unique;
  }

  /** Adds members (already there: skipped); returns those added. */
  private async insertMembers(tx: Tx, channelId: string, userIds: readonly string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: { user_id: string }[] = await tx.em.query(
      `INSERT INTO chat_member (channel_id, user_id) SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [channelId, userIds],
    );
    return rows.map((r) => r.user_id);
  }

  private announce(tx: Tx, channelId: string, added: string[], removed: string[]): void {
    const event: ChatChannelChangedEvent = { channelId, added, removed };
    tx.afterCommit(() => this.events.emit(CHAT_CHANNEL_CHANGED, event));
  }
}
