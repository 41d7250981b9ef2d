import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/** A `chat_channel` row as the services use it. */
export interface ChannelRow {
  id: string;
  kind: ChannelKind;
  name: string | null;
  topic: string;
  description: string;
  department_id: string | null;
  receipts_enabled: boolean;
  archived_at: Date | null;
  message_seq: string;
  change_seq: string;
  created_by: string | null;
  /** My role when I am a member (owner, member), else null. */
  my_role: 'owner' | 'member' | null;
  /** A department channel whose department is not in effect today (abolished, or not yet started). */
  department_gone: boolean;
}

/** Kinds whose members are whoever the org chart says today (no rows in `chat_member`). */
export const ORG_CHART_KINDS: readonly ChannelKind[] = ['all_staff', 'department'];

/**
 * The one place that decides who may read and write a channel (every endpoint, socket event, search, file
 * download and room join asks it):
 * - members read and write (all-staff and department channels: whoever the org chart says today, 本務 and 兼務;
 *   the others: `chat_member`);
 * - anyone may read a public channel and join it (browse); private channels and direct messages exist only for
 *   their members: everyone else, administrators included, is told they do not exist (404);
 * - the owners of a public or private channel and administrators change it (topic, receipts, members, archive);
 *   administrators also set the topic and receipts of all-staff and department channels;
 * - an archived channel (or a department channel whose department is gone) is read-only.
 */
@Injectable()
export class ChatPolicy {
  constructor(private readonly uow: UnitOfWork) {}

  /** The channel with my role in it, or null when it does not exist. */
  async find(user: AuthUser, channelId: string, lock = false): Promise<ChannelRow | null> {
    const rows: ChannelRow[] = await this.uow.query(
      `SELECT c.id, c.kind, c.name, c.topic, c.description, c.department_id, c.receipts_enabled, c.archived_at,
              c.message_seq, c.change_seq, c.created_by,
              (SELECT cm.role FROM chat_channel_member cm
                WHERE cm.channel_id = c.id AND cm.user_id = $2 LIMIT 1) AS my_role,
              (c.kind = 'department' AND NOT EXISTS (
                 SELECT 1 FROM department_version v
                  WHERE v.department_id = c.department_id AND v.valid_from <= ringi_tokyo_today()
                    AND (v.valid_to IS NULL OR v.valid_to >= ringi_tokyo_today()))) AS department_gone
         FROM chat_channel c WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [channelId, user.id],
    );
    return rows[0] ?? null;
  }

  /** A channel I may read: a member, or any channel that is public. Everything else is "not found". */
  async readable(user: AuthUser, channelId: string): Promise<ChannelRow> {
    const channel = await this.find(user, channelId);
    if (!channel || !(channel.my_role || channel.kind === 'public'))
      throw new AppException('chat/channel_not_found');
    return channel;
  }

  /** A channel I am a member of (to write, react, read receipts): 404 when I may not read it, else 403. */
  async member(user: AuthUser, channelId: string): Promise<ChannelRow> {
    const channel = await this.readable(user, channelId);
    if (!channel.my_role) throw new AppException('chat/not_member');
    return channel;
  }

  /** A channel that takes new messages and changes to them. */
  requireOpen(channel: ChannelRow): void {
    if (channel.archived_at || channel.department_gone) throw new AppException('chat/channel_archived');
  }

  canManage(user: AuthUser, channel: Pick<ChannelRow, 'kind' | 'my_role'>): boolean {
    if (channel.kind === 'direct') return false;
    return user.role === 'admin' || (channel.my_role === 'owner' && !ORG_CHART_KINDS.includes(channel.kind));
  }

  requireManager(user: AuthUser, channel: ChannelRow): void {
    if (!this.canManage(user, channel)) throw new AppException('chat/not_channel_manager');
  }

  /** Whether the person is a member of the channel today. */
  async isMember(channelId: string, userId: string): Promise<boolean> {
    const rows: { ok: boolean }[] = await this.uow.query(
      `SELECT EXISTS (SELECT 1 FROM chat_channel_member WHERE channel_id = $1 AND user_id = $2) AS ok`,
      [channelId, userId],
    );
    return rows[0]?.ok === true;
  }

  /** The channels of which the person is a member today. */
  async channelIdsOf(userId: string): Promise<string[]> {
    const rows: { channel_id: string }[] = await this.uow.query(
      `SELECT DISTINCT channel_id FROM chat_channel_member WHERE user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.channel_id);
  }

  /** Whether the person may read the stored file attached in chat (a member of its channel, or its uploader). */
  async mayReadFile(user: AuthUser, fileId: string, ownerId: string | null): Promise<boolean> {
    const rows: { ok: boolean }[] = await this.uow.query(
      `SELECT EXISTS (
         SELECT 1 FROM chat_message_file f JOIN chat_message m ON m.id = f.message_id
           JOIN chat_channel c ON c.id = m.channel_id
          WHERE f.stored_file_id = $1 AND m.deleted_at IS NULL
            AND (c.kind = 'public'
                 OR EXISTS (SELECT 1 FROM chat_channel_member cm WHERE cm.channel_id = c.id AND cm.user_id = $2))
       ) OR ($3::uuid = $2 AND NOT EXISTS (SELECT 1 FROM chat_message_file f WHERE f.stored_file_id = $1)) AS ok`,
      [fileId, user.id, ownerId],
    );
    return rows[0]?.ok === true;
  }
}
