import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { ChatChannelsService } from './chat-channels.service';
import { ChatPresenceService } from './chat-presence.service';
import { defaultNotify } from './chat-read';
import {
  CHAT_MENTIONS_ADDED,
  CHAT_MESSAGE_POSTED,
  type ChatMentionsAddedEvent,
  type ChatMessagePostedEvent,
} from './chat.events';

const EXCERPT = 80;

/**
 * In-app notifications of chat (and, through the web app, browser notifications): a person is told of a new
 * message when it mentions them (or @channel, or @here while they are connected), when it is a direct message,
 * or of every message in channels they set to "all"; never in channels they set to "none", never of their own.
 * Also the reminder to confirm (確認) a message.
 */
@Injectable()
export class ChatNotificationsService {
  private readonly logger = new Logger('ChatNotifications');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
    private readonly channels: ChatChannelsService,
    private readonly presence: ChatPresenceService,
  ) {}

  @OnEvent(CHAT_MESSAGE_POSTED, { async: true, promisify: true })
  async onPosted(event: ChatMessagePostedEvent): Promise<void> {
    try {
      await this.notifyPosted(event);
    } catch (error) {
      this.logger.warn({ err: error, messageId: event.message.id }, 'chat notifications not sent');
    }
  }

  @OnEvent(CHAT_MENTIONS_ADDED, { async: true, promisify: true })
  async onMentionsAdded(event: ChatMentionsAddedEvent): Promise<void> {
    try {
      // Only the people the edit newly mentions, as a new message mentioning only them would.
      await this.notifyPosted({
        ...event,
        message: { ...event.message, mentionIds: event.addedIds, mentionAll: null, threadRootId: null },
        onlyMentions: true,
      });
    } catch (error) {
      this.logger.warn({ err: error, messageId: event.message.id }, 'chat notifications not sent');
    }
  }

  /** Whom a new message notifies, by their notification level of the channel; returns them. */
  async notifyPosted(event: ChatMessagePostedEvent & { onlyMentions?: boolean }): Promise<string[]> {
    const { message } = event;
    const authorId = message.author?.id ?? null;
    const members: { user_id: string; notify: 'all' | 'mentions' | 'none' | null }[] = await this.uow.query(
      `SELECT DISTINCT cm.user_id, rs.notify FROM chat_channel_member cm
         LEFT JOIN chat_read_state rs ON rs.channel_id = cm.channel_id AND rs.user_id = cm.user_id
        WHERE cm.channel_id = $1 AND cm.user_id IS DISTINCT FROM $2`,
      [event.channelId, authorId],
    );
    const here = message.mentionAll === 'here' ? await this.presence.connected() : null;
    // A reply tells the people of its thread (who started it or replied before), as a mention would.
    const thread = new Set<string>(
      message.threadRootId
        ? (
            await this.uow.query<{ author_id: string }[]>(
              `SELECT DISTINCT author_id FROM chat_message
                WHERE (id = $1 OR thread_root_id = $1) AND author_id IS NOT NULL AND deleted_at IS NULL`,
              [message.threadRootId],
            )
          ).map((r) => r.author_id)
        : [],
    );
    const toThread: string[] = [];
    const mentioned = new Set(message.mentionIds);
    const toMention: string[] = [];
    const toOthers: string[] = [];
    for (const m of members) {
      const level = m.notify ?? defaultNotify(event.channelKind);
      if (level === 'none') continue;
      const isMentioned =
        mentioned.has(m.user_id) || message.mentionAll === 'channel' || (here?.has(m.user_id) ?? false);
      if (isMentioned) toMention.push(m.user_id);
      else if (event.onlyMentions) continue;
      else if (thread.has(m.user_id)) toThread.push(m.user_id);
      else if (level === 'all') toOthers.push(m.user_id);
    }
    if (!toMention.length && !toOthers.length && !toThread.length) return [];
    const [channel]: { name: string }[] = await this.uow.query(
      `SELECT COALESCE(c.name, (SELECT v.name FROM department_version v WHERE v.department_id = c.department_id
                                 ORDER BY v.valid_from DESC LIMIT 1),
                       CASE c.kind WHEN 'all_staff' THEN '全庁' ELSE '' END) AS name
         FROM chat_channel c WHERE c.id = $1`,
      [event.channelId],
    );
    const author = message.author?.name ?? 'Ringi';
    const direct = event.channelKind === 'direct';
    const where = direct
      ? { ja: '', en: '' }
      : { ja: `（${channel?.name ?? ''}）`, en: ` (${channel?.name ?? ''})` };
    const text = event.plainText.replace(/\s+/g, ' ').trim();
    const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text || '📎';
    const link = message.threadRootId
      ? `/chat/${event.channelId}?thread=${message.threadRootId}&message=${message.id}`
      : `/chat/${event.channelId}?message=${message.id}`;
    if (toMention.length)
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: toMention,
          kind: 'chat.mention',
          title: {
            ja: `${author}さんがあなた宛てに書きました${where.ja}`,
            en: `${author} mentioned you${where.en}`,
          },
          body: { ja: excerpt, en: excerpt },
          link,
        }),
      );
    if (toOthers.length)
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: toOthers,
          kind: direct ? 'chat.direct' : 'chat.message',
          title: direct
            ? { ja: `${author}さんからのメッセージ`, en: `Message from ${author}` }
            : {
                ja: `${author}さんの新しいメッセージ${where.ja}`,
                en: `New message from ${author}${where.en}`,
              },
          body: { ja: excerpt, en: excerpt },
          link,
        }),
      );
    if (toThread.length)
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: toThread,
          kind: 'chat.thread_reply',
          title: {
            ja: `${author}さんがスレッドに返信しました${where.ja}`,
            en: `${author} replied in a thread${where.en}`,
          },
          body: { ja: excerpt, en: excerpt },
          link,
        }),
      );
    return [...toMention, ...toThread, ...toOthers];
  }

  /** The sender (or a manager of the channel) reminds those who have not confirmed the message yet. */
  async remindAcks(user: AuthUser, channelId: string, messageId: string): Promise<{ reminded: number }> {
    const pending = await this.channels.ackPending(user, channelId, messageId);
    if (!pending.author) throw new AppException('chat/not_author');
    if (!pending.ids.length) return { reminded: 0 };
    const text = pending.text
      .replace(/<@[0-9a-f-]{36}>/gi, '@')
      .replace(/\s+/g, ' ')
      .trim();
    const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
    await this.uow.run((tx) =>
      this.notifications.notify(tx, {
        userIds: pending.ids,
        kind: 'chat.ack_reminder',
        title: {
          ja: `確認をお願いします（${pending.channelName}）`,
          en: `Please confirm you have read this (${pending.channelName})`,
        },
        body: { ja: excerpt, en: excerpt },
        link: `/chat/${channelId}?message=${messageId}`,
      }),
    );
    return { reminded: pending.ids.length };
  }
}
