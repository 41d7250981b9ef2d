import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  ChatChanges,
  ChatMessage,
  ChatMessagePage,
  ChatThread,
  EditMessageRequest,
  MarkReadResult,
  ReactionRequest,
  SendMessageRequest,
} from '@ringi/contracts';
import { mentionAll, mentionedIds, ringiLinks, withMentionNames } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MESSAGE_SELECT, returned, toMessage, type MessageRow } from './chat-read';
import { ChatPolicy, type ChannelRow } from './chat.policy';
import {
  CHAT_CHANGED,
  CHAT_MENTIONS_ADDED,
  CHAT_MESSAGE_POSTED,
  CHAT_READ,
  type ChatMentionsAddedEvent,
  type ChatChangedEvent,
  type ChatMessagePostedEvent,
  type ChatReadEventData,
} from './chat.events';

/** The stored files' purpose: readable by whoever may read a message they are attached to (ChatPolicy). */
export const CHAT_FILE_PURPOSE = 'chat-file';
/** Different emoji one message can carry. */
const MAX_REACTION_KINDS = 20;

interface SendInput {
  clientId: string;
  text: string;
  threadRootId?: string | undefined;
  fileIds: string[];
  ackRequested: boolean;
}

/** What the text of a message says beyond itself: whom it mentions, what it links to, its searchable form. */
interface ReadText {
  mentionIds: string[];
  mentionAll: 'channel' | 'here' | null;
  links: { kind: 'approval' | 'meeting'; id: string }[];
  searchText: string;
}

/**
 * Messages of a channel: send (idempotent by the sender's client id), edit, delete, react, confirm (確認), mark
 * read, and read them back (latest page, around a message, a thread, or every change after a change number).
 *
 * Ordering: every write first locks the channel row and takes the channel's next numbers (`message_seq` for a new
 * message, `change_seq` for every message it touches) in the same transaction, so numbers are handed out in
 * commit order and all clients see the same order. The change goes to the channel's room only after commit; a
 * client that missed any (offline, reconnecting, another instance) asks `changes(after)` for exactly the gap.
 */
@Injectable()
export class ChatMessagesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: ChatPolicy,
    private readonly events: EventEmitter2,
  ) {}

  async send(user: AuthUser, channelId: string, req: SendMessageRequest): Promise<ChatMessage> {
    const input: SendInput = {
      clientId: req.clientId,
      text: req.text ?? '',
      threadRootId: req.threadRootId,
      fileIds: req.fileIds ?? [],
      ackRequested: req.ackRequested ?? false,
    };
    return this.uow.run(async (tx) => {
      const channel = await this.lockMember(user, channelId);
      // Sent before (an answer lost on a flaky connection): the same message, nothing added.
      const again = await this.byClientId(tx, user.id, input.clientId);
      if (again) {
        if (again.channel_id !== channelId) throw new AppException('chat/client_id_reused');
        return toMessage(again);
      }
      this.policy.requireOpen(channel);
      if (!input.text.trim() && input.fileIds.length === 0) throw new AppException('chat/empty_message');
      const root = input.threadRootId ? await this.threadRoot(tx, channelId, input.threadRootId) : null;
      const files = await this.ownUnattachedFiles(tx, user, input.fileIds);
      const read = await this.readText(tx, channelId, input.text);

      const touched = root ? 2 : 1;
      const [seqs] = returned<{ message_seq: string; change_seq: string }>(
        await tx.em.query(
          `UPDATE chat_channel
              SET message_seq = message_seq + 1, change_seq = change_seq + $2, updated_at = now(),
                  last_message_at = CASE WHEN $3 THEN last_message_at ELSE now() END
            WHERE id = $1 RETURNING message_seq, change_seq`,
          [channelId, touched, root !== null],
        ),
      );
      const seq = Number(seqs!.message_seq);
      const changeSeq = Number(seqs!.change_seq);
      const [inserted]: { id: string }[] = await tx.em.query(
        `INSERT INTO chat_message (channel_id, seq, change_seq, author_id, client_id, body, search_text,
                                   thread_root_id, mention_ids, mention_all, links, ack_requested)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          channelId,
          seq,
          changeSeq - touched + 1,
          user.id,
          input.clientId,
          input.text,
          read.searchText,
          root?.id ?? null,
          read.mentionIds,
          read.mentionAll,
          JSON.stringify(read.links),
          input.ackRequested,
        ],
      );
      const id = inserted!.id;
      if (files.length)
        await tx.em.query(
          `INSERT INTO chat_message_file (message_id, stored_file_id, position)
           SELECT $1, f, i - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(f, i)`,
          [id, files],
        );
      if (root)
        await tx.em.query(
          `UPDATE chat_message SET reply_count = reply_count + 1, last_reply_at = now(), change_seq = $2
            WHERE id = $1`,
          [root.id, changeSeq],
        );
      // What I write I have read.
      if (!root) await this.advanceRead(tx, channelId, user.id, seq);
      const messages = await this.messagesByIds(tx, root ? [id, root.id] : [id]);
      const message = messages.find((m) => m.id === id)!;
      this.announce(tx, channelId, changeSeq, messages);
      const posted: ChatMessagePostedEvent = {
        channelId,
        channelKind: channel.kind,
        message,
        plainText: read.searchText,
      };
      tx.afterCommit(() => this.events.emit(CHAT_MESSAGE_POSTED, posted));
      return message;
    });
  }

  async edit(
    user: AuthUser,
    channelId: string,
    messageId: string,
    req: EditMessageRequest,
  ): Promise<ChatMessage> {
    return this.uow.run(async (tx) => {
      const channel = await this.lockMember(user, channelId);
      this.policy.requireOpen(channel);
      const message = await this.liveMessage(tx, channelId, messageId);
      if (message.author?.id !== user.id || message.kind !== 'user')
        throw new AppException('chat/not_author');
      const read = await this.readText(tx, channelId, req.text);
      const changeSeq = await this.nextChange(tx, channelId, 1);
      await tx.em.query(
        `UPDATE chat_message
            SET body = $2, search_text = $3, mention_ids = $4, mention_all = $5, links = $6, edited_at = now(),
                change_seq = $7
          WHERE id = $1`,
        [
          messageId,
          req.text,
          read.searchText,
          read.mentionIds,
          read.mentionAll,
          JSON.stringify(read.links),
          changeSeq,
        ],
      );
      const messages = await this.messagesByIds(tx, [messageId]);
      this.announce(tx, channelId, changeSeq, messages);
      const addedIds = read.mentionIds.filter((id) => !message.mention_ids.includes(id));
      if (addedIds.length) {
        const added: ChatMentionsAddedEvent = {
          channelId,
          channelKind: channel.kind,
          message: messages[0]!,
          plainText: read.searchText,
          addedIds,
        };
        tx.afterCommit(() => this.events.emit(CHAT_MENTIONS_ADDED, added));
      }
      return messages[0]!;
    });
  }

  /** Deletes a message (its sender, the channel's managers): it stays in place as 「削除されました」. */
  async remove(user: AuthUser, channelId: string, messageId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const channel = await this.lockMember(user, channelId);
      this.policy.requireOpen(channel);
      const message = await this.liveMessage(tx, channelId, messageId);
      if (message.author?.id !== user.id && !this.policy.canManage(user, channel))
        throw new AppException('chat/not_author');
      const touched = message.thread_root_id ? 2 : 1;
      const changeSeq = await this.nextChange(tx, channelId, touched);
      await tx.em.query(
        `UPDATE chat_message
            SET deleted_at = now(), body = '', search_text = '', mention_ids = '{}', mention_all = NULL,
                links = '[]', change_seq = $2
          WHERE id = $1`,
        [messageId, changeSeq - touched + 1],
      );
      await tx.em.query(`DELETE FROM chat_reaction WHERE message_id = $1`, [messageId]);
      if (message.thread_root_id)
        await tx.em.query(
          `UPDATE chat_message SET reply_count = greatest(reply_count - 1, 0), change_seq = $2 WHERE id = $1`,
          [message.thread_root_id, changeSeq],
        );
      const ids = message.thread_root_id ? [messageId, message.thread_root_id] : [messageId];
      this.announce(tx, channelId, changeSeq, await this.messagesByIds(tx, ids));
    });
  }

  async react(
    user: AuthUser,
    channelId: string,
    messageId: string,
    req: ReactionRequest,
  ): Promise<ChatMessage> {
    return this.uow.run(async (tx) => {
      const channel = await this.lockMember(user, channelId);
      this.policy.requireOpen(channel);
      await this.liveMessage(tx, channelId, messageId);
      const changed: unknown[] = req.on
        ? await tx.em.query(
            `INSERT INTO chat_reaction (message_id, user_id, emoji) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING emoji`,
            [messageId, user.id, req.emoji],
          )
        : returned(
            await tx.em.query(
              `DELETE FROM chat_reaction WHERE message_id = $1 AND user_id = $2 AND emoji = $3 RETURNING emoji`,
              [messageId, user.id, req.emoji],
            ),
          );
      if (req.on && changed.length) {
        const [kinds]: { n: number }[] = await tx.em.query(
          `SELECT count(DISTINCT emoji)::int AS n FROM chat_reaction WHERE message_id = $1`,
          [messageId],
        );
        if (kinds!.n > MAX_REACTION_KINDS) throw new AppException('chat/too_many_reactions');
      }
      if (!changed.length) return (await this.messagesByIds(tx, [messageId]))[0]!; // nothing to change
      const changeSeq = await this.nextChange(tx, channelId, 1);
      await tx.em.query(`UPDATE chat_message SET change_seq = $2 WHERE id = $1`, [messageId, changeSeq]);
      const messages = await this.messagesByIds(tx, [messageId]);
      this.announce(tx, channelId, changeSeq, messages);
      return messages[0]!;
    });
  }

  /** 確認しました: confirms a message that asks for it (once; again changes nothing). */
  async acknowledge(user: AuthUser, channelId: string, messageId: string): Promise<ChatMessage> {
    return this.uow.run(async (tx) => {
      await this.lockMember(user, channelId);
      const message = await this.liveMessage(tx, channelId, messageId);
      if (!message.ack_requested) throw new AppException('chat/ack_not_requested');
      const added: unknown[] = await tx.em.query(
        `INSERT INTO chat_ack (message_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [messageId, user.id],
      );
      if (!added.length) return toMessage(message);
      const changeSeq = await this.nextChange(tx, channelId, 1);
      await tx.em.query(`UPDATE chat_message SET ack_count = ack_count + 1, change_seq = $2 WHERE id = $1`, [
        messageId,
        changeSeq,
      ]);
      const messages = await this.messagesByIds(tx, [messageId]);
      this.announce(tx, channelId, changeSeq, messages);
      return messages[0]!;
    });
  }

  /** Marks the channel read up to a message (never backwards); my devices (and, with receipts, the room) are told. */
  async markRead(user: AuthUser, channelId: string, seq: number): Promise<MarkReadResult> {
    return this.uow.run(async (tx) => {
      const channel = await this.policy.member(user, channelId);
      const upTo = Math.min(seq, Number(channel.message_seq));
      const lastReadSeq = await this.advanceRead(tx, channelId, user.id, upTo);
      const counts = await this.unreadCounts(tx, channelId, user.id, lastReadSeq);
      const event: ChatReadEventData = {
        channelId,
        userId: user.id,
        lastReadSeq,
        ...counts,
        receipts: channel.receipts_enabled,
      };
      tx.afterCommit(() => this.events.emit(CHAT_READ, event));
      return { lastReadSeq, ...counts };
    });
  }

  /** The latest top-level messages, those before a number, or those around one (a search hit in context). */
  async page(
    user: AuthUser,
    channelId: string,
    q: { before?: number | undefined; around?: number | undefined; limit: number },
  ): Promise<ChatMessagePage> {
    await this.policy.readable(user, channelId);
    const base = `${MESSAGE_SELECT} WHERE m.channel_id = $1 AND m.thread_root_id IS NULL`;
    let rows: MessageRow[];
    if (q.around) {
      const half = Math.floor(q.limit / 2);
      const older: MessageRow[] = await this.uow.query(
        `${base} AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3`,
        [channelId, q.around, half],
      );
      const newer: MessageRow[] = await this.uow.query(
        `${base} AND m.seq >= $2 ORDER BY m.seq ASC LIMIT $3`,
        [channelId, q.around, q.limit - half],
      );
      rows = [...older.reverse(), ...newer];
    } else {
      const desc: MessageRow[] = await this.uow.query(
        `${base} ${q.before ? 'AND m.seq < $3' : ''} ORDER BY m.seq DESC LIMIT $2`,
        q.before ? [channelId, q.limit, q.before] : [channelId, q.limit],
      );
      rows = desc.reverse();
    }
    const items = rows.map(toMessage);
    const first = items[0]?.seq;
    const last = items.at(-1)?.seq;
    const [edges]: { older: boolean; newer: boolean }[] = await this.uow.query(
      `SELECT EXISTS (SELECT 1 FROM chat_message WHERE channel_id = $1 AND thread_root_id IS NULL AND seq < $2) AS older,
              EXISTS (SELECT 1 FROM chat_message WHERE channel_id = $1 AND thread_root_id IS NULL AND seq > $3) AS newer`,
      [channelId, first ?? 0, last ?? Number.MAX_SAFE_INTEGER],
    );
    return {
      items,
      hasOlder: edges!.older,
      hasNewer: edges!.newer,
      ackedByMe: await this.ackedByMe(user, items),
    };
  }

  /**
   * Every message changed after change number `after`, in change order, each in its state now (so edits,
   * deletions, reactions and replies to old messages are included, and applying them twice does no harm).
   */
  async changes(user: AuthUser, channelId: string, after: number, limit: number): Promise<ChatChanges> {
    const channel = await this.policy.readable(user, channelId);
    const current = Number(channel.change_seq);
    const rows: MessageRow[] = await this.uow.query(
      `${MESSAGE_SELECT} WHERE m.channel_id = $1 AND m.change_seq > $2 AND m.change_seq <= $3
        ORDER BY m.change_seq LIMIT $4`,
      [channelId, after, current, limit + 1],
    );
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toMessage);
    return {
      channelId,
      changeSeq: more ? items.at(-1)!.changeSeq : Math.max(current, after),
      items,
      more,
    };
  }

  async thread(user: AuthUser, channelId: string, messageId: string): Promise<ChatThread> {
    await this.policy.readable(user, channelId);
    const rows: MessageRow[] = await this.uow.query(
      `${MESSAGE_SELECT} WHERE m.channel_id = $1 AND (m.id = $2 OR m.thread_root_id = $2) ORDER BY m.seq`,
      [channelId, messageId],
    );
    const root = rows.find((r) => r.id === messageId && r.thread_root_id === null);
    if (!root) throw new AppException('chat/message_not_found');
    const all = rows.map(toMessage);
    return {
      root: toMessage(root),
      replies: all.filter((m) => m.id !== messageId),
      ackedByMe: await this.ackedByMe(user, all),
    };
  }

  /** One message of a channel I may read. */
  async one(user: AuthUser, channelId: string, messageId: string): Promise<ChatMessage> {
    await this.policy.readable(user, channelId);
    const [row]: MessageRow[] = await this.uow.query(
      `${MESSAGE_SELECT} WHERE m.channel_id = $1 AND m.id = $2`,
      [channelId, messageId],
    );
    if (!row) throw new AppException('chat/message_not_found');
    return toMessage(row);
  }

  async messagesByIds(tx: Tx | null, ids: readonly string[]): Promise<ChatMessage[]> {
    const q = tx ? tx.em : this.uow;
    const rows: MessageRow[] = await q.query(
      `${MESSAGE_SELECT} WHERE m.id = ANY($1::uuid[]) ORDER BY m.change_seq`,
      [ids],
    );
    return rows.map(toMessage);
  }

  /** Posts a message of the system (a roll-call, a draft made from a thread) into a channel. */
  async postSystem(tx: Tx, channelId: string, clientId: string, text: string): Promise<ChatMessage> {
    await tx.em.query(`SELECT id FROM chat_channel WHERE id = $1 FOR UPDATE`, [channelId]);
    const [seqs] = returned<{ message_seq: string; change_seq: string }>(
      await tx.em.query(
        `UPDATE chat_channel SET message_seq = message_seq + 1, change_seq = change_seq + 1, last_message_at = now(),
                updated_at = now()
          WHERE id = $1 RETURNING message_seq, change_seq`,
        [channelId],
      ),
    );
    const changeSeq = Number(seqs!.change_seq);
    const [row]: { id: string }[] = await tx.em.query(
      `INSERT INTO chat_message (channel_id, seq, change_seq, author_id, client_id, kind, body, search_text,
                                 mention_all, links)
       VALUES ($1, $2, $3, NULL, $4, 'system', $5, $5, $6, $7) RETURNING id`,
      [
        channelId,
        Number(seqs!.message_seq),
        changeSeq,
        clientId,
        text,
        mentionAll(text),
        JSON.stringify(ringiLinks(text)),
      ],
    );
    const messages = await this.messagesByIds(tx, [row!.id]);
    this.announce(tx, channelId, changeSeq, messages);
    return messages[0]!;
  }

  // ---------------------------------------------------------------------------------------------------------

  private async lockMember(user: AuthUser, channelId: string): Promise<ChannelRow> {
    const channel = await this.policy.find(user, channelId, true);
    if (!channel || !(channel.my_role || channel.kind === 'public'))
      throw new AppException('chat/channel_not_found');
    if (!channel.my_role) throw new AppException('chat/not_member');
    return channel;
  }

  private async byClientId(tx: Tx, authorId: string, clientId: string): Promise<MessageRow | null> {
    const [row]: MessageRow[] = await tx.em.query(
      `${MESSAGE_SELECT} WHERE m.author_id = $1 AND m.client_id = $2`,
      [authorId, clientId],
    );
    return row ?? null;
  }

  private async liveMessage(tx: Tx, channelId: string, messageId: string): Promise<MessageRow> {
    const [row]: MessageRow[] = await tx.em.query(`${MESSAGE_SELECT} WHERE m.channel_id = $1 AND m.id = $2`, [
      channelId,
      messageId,
    ]);
    if (!row) throw new AppException('chat/message_not_found');
    if (row.deleted_at) throw new AppException('chat/message_deleted');
    return row;
  }

  private async threadRoot(tx: Tx, channelId: string, rootId: string): Promise<{ id: string }> {
    const [row]: { id: string; thread_root_id: string | null; deleted_at: Date | null }[] = await tx.em.query(
      `SELECT id, thread_root_id, deleted_at FROM chat_message WHERE id = $1 AND channel_id = $2`,
      [rootId, channelId],
    );
    if (!row) throw new AppException('chat/thread_not_found');
    // A reply to a reply goes into the same thread.
    return { id: row.thread_root_id ?? row.id };
  }

  /** My uploads for chat that no message carries yet, in the order given. */
  private async ownUnattachedFiles(tx: Tx, user: AuthUser, fileIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(fileIds)];
    if (!ids.length) return [];
    const rows: { id: string }[] = await tx.em.query(
      `SELECT f.id FROM stored_file f
        WHERE f.id = ANY($1::uuid[]) AND f.owner_id = $2 AND f.purpose = $3
          AND NOT EXISTS (SELECT 1 FROM chat_message_file mf WHERE mf.stored_file_id = f.id)`,
      [ids, user.id, CHAT_FILE_PURPOSE],
    );
    if (rows.length !== ids.length) throw new AppException('chat/file_not_found');
    return ids;
  }

  /** Mentions of members only (a name of someone outside the channel notifies nobody), links, searchable text. */
  private async readText(tx: Tx, channelId: string, text: string): Promise<ReadText> {
    const ids = mentionedIds(text);
    const people: { id: string; name: string; member: boolean }[] = ids.length
      ? await tx.em.query(
          `SELECT u.id, u.family_name || ' ' || u.given_name AS name,
                  EXISTS (SELECT 1 FROM chat_channel_member cm WHERE cm.channel_id = $2 AND cm.user_id = u.id) AS member
             FROM app_user u WHERE u.id = ANY($1::uuid[])`,
          [ids, channelId],
        )
      : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    return {
      mentionIds: ids.filter((id) => people.some((p) => p.id === id && p.member)),
      mentionAll: mentionAll(text),
      links: ringiLinks(text),
      searchText: withMentionNames(text, names),
    };
  }

  private async nextChange(tx: Tx, channelId: string, touched: number): Promise<number> {
    const [row] = returned<{ change_seq: string }>(
      await tx.em.query(
        `UPDATE chat_channel SET change_seq = change_seq + $2, updated_at = now() WHERE id = $1 RETURNING change_seq`,
        [channelId, touched],
      ),
    );
    return Number(row!.change_seq);
  }

  private async advanceRead(tx: Tx, channelId: string, userId: string, seq: number): Promise<number> {
    const [row]: { last_read_seq: string }[] = await tx.em.query(
      `INSERT INTO chat_read_state (channel_id, user_id, last_read_seq, read_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (channel_id, user_id) DO UPDATE
         SET last_read_seq = greatest(chat_read_state.last_read_seq, EXCLUDED.last_read_seq),
             read_at = CASE WHEN EXCLUDED.last_read_seq > chat_read_state.last_read_seq THEN now()
                            ELSE chat_read_state.read_at END
       RETURNING last_read_seq`,
      [channelId, userId, Math.max(0, seq)],
    );
    return Number(row!.last_read_seq);
  }

  async unreadCounts(
    tx: Tx | null,
    channelId: string,
    userId: string,
    lastReadSeq: number,
  ): Promise<{ unreadCount: number; mentionCount: number }> {
    const q = tx ? tx.em : this.uow;
    const [row]: { unread: number; mentions: number }[] = await q.query(
      `SELECT count(*) FILTER (WHERE thread_root_id IS NULL)::int AS unread,
              count(*) FILTER (WHERE mention_ids @> ARRAY[$2::uuid] OR mention_all IS NOT NULL)::int AS mentions
         FROM chat_message
        WHERE channel_id = $1 AND seq > $3 AND deleted_at IS NULL AND author_id IS DISTINCT FROM $2`,
      [channelId, userId, lastReadSeq],
    );
    return { unreadCount: row!.unread, mentionCount: row!.mentions };
  }

  private async ackedByMe(user: AuthUser, messages: readonly ChatMessage[]): Promise<string[]> {
    const asking = messages.filter((m) => m.ackRequested).map((m) => m.id);
    if (!asking.length) return [];
    const rows: { message_id: string }[] = await this.uow.query(
      `SELECT message_id FROM chat_ack WHERE user_id = $1 AND message_id = ANY($2::uuid[])`,
      [user.id, asking],
    );
    return rows.map((r) => r.message_id);
  }

  private announce(tx: Tx, channelId: string, changeSeq: number, messages: ChatMessage[]): void {
    const event: ChatChangedEvent = { channelId, changeSeq, messages };
    tx.afterCommit(() => this.events.emit(CHAT_CHANGED, event));
  }
}
