import type { Channel, ChatLinkRef, ChatMessage, ChatPerson, NotifyLevel } from '@ringi/contracts';

/**
 * The SQL that reads messages and channels as the contracts show them, in one place: every list, catch-up,
 * thread and broadcast goes through `MESSAGE_SELECT` + `toMessage`, so a message looks the same wherever it
 * comes from.
 */

/** A person's name, primary department today and photo, as JSON (`u` = app_user). */
export const PERSON_JSON = (u: string) => `json_build_object(
    'id', ${u}.id, 'name', ${u}.family_name || ' ' || ${u}.given_name, 'photoFileId', ${u}.photo_file_id,
    'departmentName', (SELECT v.name FROM membership ms
                         JOIN department_version v ON v.department_id = ms.department_id
                              AND v.valid_from <= ringi_tokyo_today()
                              AND (v.valid_to IS NULL OR v.valid_to >= ringi_tokyo_today())
                        WHERE ms.user_id = ${u}.id AND ms.is_primary AND ms.valid_from <= ringi_tokyo_today()
                          AND (ms.valid_to IS NULL OR ms.valid_to >= ringi_tokyo_today())
                        LIMIT 1))`;

/** Every column a message needs, from `chat_message m` (append `WHERE …`). */
export const MESSAGE_SELECT = `
  SELECT m.id, m.channel_id, m.seq, m.change_seq, m.client_id, m.kind, m.body, m.thread_root_id, m.reply_count,
         m.last_reply_at, m.mention_ids, m.mention_all, m.links, m.ack_requested, m.ack_count, m.created_at,
         m.edited_at, m.deleted_at,
         CASE WHEN u.id IS NULL THEN NULL ELSE ${PERSON_JSON('u')} END AS author,
         COALESCE((SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.first_at)
                     FROM (SELECT emoji, array_agg(user_id ORDER BY created_at) AS user_ids,
                                  min(created_at) AS first_at
                             FROM chat_reaction WHERE message_id = m.id GROUP BY emoji) r), '[]') AS reactions,
         CASE WHEN m.deleted_at IS NOT NULL THEN '[]'::json
              ELSE COALESCE((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'mimeType', f.mime_type,
                                                             'size', f.size_bytes, 'pageCount', f.page_count)
                                             ORDER BY mf.position)
                               FROM chat_message_file mf JOIN stored_file f ON f.id = mf.stored_file_id
                              WHERE mf.message_id = m.id), '[]') END AS files
    FROM chat_message m LEFT JOIN app_user u ON u.id = m.author_id`;

export interface MessageRow {
  id: string;
  channel_id: string;
  seq: string;
  change_seq: string;
  client_id: string;
  kind: 'user' | 'system';
  body: string;
  thread_root_id: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  mention_ids: string[];
  mention_all: 'channel' | 'here' | null;
  links: ChatLinkRef[];
  ack_requested: boolean;
  ack_count: number;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  author: ChatPerson | null;
  reactions: ChatMessage['reactions'];
  files: ChatMessage['files'];
}

export function toMessage(r: MessageRow): ChatMessage {
  const deleted = r.deleted_at !== null;
  return {
    id: r.id,
    channelId: r.channel_id,
    seq: Number(r.seq),
    changeSeq: Number(r.change_seq),
    clientId: r.client_id,
    kind: r.kind,
    author: r.author,
    text: deleted ? '' : r.body,
    threadRootId: r.thread_root_id,
    replyCount: r.reply_count,
    lastReplyAt: r.last_reply_at?.toISOString() ?? null,
    mentionIds: deleted ? [] : r.mention_ids,
    mentionAll: deleted ? null : r.mention_all,
    reactions: deleted ? [] : r.reactions,
    files: r.files.map((f) => ({ ...f, size: Number(f.size) })),
    links: deleted ? [] : r.links,
    ackRequested: r.ack_requested,
    ackCount: r.ack_count,
    createdAt: r.created_at.toISOString(),
    editedAt: r.edited_at?.toISOString() ?? null,
    deletedAt: r.deleted_at?.toISOString() ?? null,
  };
}

/**
 * Channels with where `$1` (the person) stands in each, from `chat_channel c` (append `WHERE …`). Unread counts
 * are of messages in the main timeline by others, not deleted, after the person's last read message; mentions
 * count thread replies too.
 */
export const CHANNEL_SELECT = `
  SELECT c.id, c.kind, c.topic, c.description, c.department_id, c.receipts_enabled, c.message_seq, c.change_seq,
         c.last_message_at, c.created_by,
         COALESCE(c.name, dv.name, CASE WHEN c.kind = 'all_staff' THEN '全庁' END,
                  (SELECT string_agg(u.family_name || ' ' || u.given_name, '、' ORDER BY u.family_name_kana)
                     FROM chat_member dm JOIN app_user u ON u.id = dm.user_id
                    WHERE dm.channel_id = c.id AND dm.user_id <> $1), '') AS name,
         (c.archived_at IS NOT NULL OR (c.kind = 'department' AND dv.name IS NULL)) AS archived,
         me.role AS my_role,
         COALESCE(rs.last_read_seq, 0) AS last_read_seq, rs.notify,
         (SELECT count(*) FROM chat_channel_member cm WHERE cm.channel_id = c.id) AS member_count,
         CASE WHEN me.role IS NULL THEN 0 ELSE
           (SELECT count(*) FROM chat_message x
             WHERE x.channel_id = c.id AND x.seq > COALESCE(rs.last_read_seq, 0) AND x.thread_root_id IS NULL
               AND x.deleted_at IS NULL AND x.author_id IS DISTINCT FROM $1) END AS unread_count,
         CASE WHEN me.role IS NULL THEN 0 ELSE
           (SELECT count(*) FROM chat_message x
             WHERE x.channel_id = c.id AND x.seq > COALESCE(rs.last_read_seq, 0) AND x.deleted_at IS NULL
               AND x.author_id IS DISTINCT FROM $1
               AND (x.mention_ids @> ARRAY[$1::uuid] OR x.mention_all IS NOT NULL)) END AS mention_count,
         CASE WHEN c.kind = 'direct' THEN
           (SELECT json_agg(${PERSON_JSON('u')} ORDER BY u.family_name_kana)
              FROM chat_member dm JOIN app_user u ON u.id = dm.user_id
             WHERE dm.channel_id = c.id AND dm.user_id <> $1) END AS direct_members
    FROM chat_channel c
    LEFT JOIN department_version dv ON dv.department_id = c.department_id
         AND dv.valid_from <= ringi_tokyo_today() AND (dv.valid_to IS NULL OR dv.valid_to >= ringi_tokyo_today())
    LEFT JOIN LATERAL (SELECT cm.role FROM chat_channel_member cm
                        WHERE cm.channel_id = c.id AND cm.user_id = $1 LIMIT 1) me ON true
    LEFT JOIN chat_read_state rs ON rs.channel_id = c.id AND rs.user_id = $1`;

export interface ChannelListRow {
  id: string;
  kind: Channel['kind'];
  name: string;
  topic: string;
  description: string;
  department_id: string | null;
  receipts_enabled: boolean;
  archived: boolean;
  message_seq: string;
  change_seq: string;
  last_message_at: Date | null;
  my_role: 'owner' | 'member' | null;
  last_read_seq: string;
  notify: NotifyLevel | null;
  member_count: string;
  unread_count: string;
  mention_count: string;
  direct_members: ChatPerson[] | null;
}

/** Who is notified of what by default: everything in direct messages, mentions elsewhere. */
export function defaultNotify(kind: Channel['kind']): NotifyLevel {
  return kind === 'direct' ? 'all' : 'mentions';
}

export function toChannel(r: ChannelListRow, canManage: boolean): Channel {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    topic: r.topic,
    description: r.description,
    departmentId: r.department_id,
    directMembers: r.direct_members ?? [],
    archived: r.archived,
    receiptsEnabled: r.receipts_enabled,
    memberCount: Number(r.member_count),
    messageSeq: Number(r.message_seq),
    changeSeq: Number(r.change_seq),
    lastMessageAt: r.last_message_at?.toISOString() ?? null,
    member: r.my_role !== null,
    canManage,
    lastReadSeq: Number(r.last_read_seq),
    unreadCount: Number(r.unread_count),
    mentionCount: Number(r.mention_count),
    notify: r.notify ?? defaultNotify(r.kind),
  };
}

/** The rows of `UPDATE … RETURNING` / `DELETE … RETURNING` (TypeORM answers those as `[rows, affected]`). */
export function returned<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
