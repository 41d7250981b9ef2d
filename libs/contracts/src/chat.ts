import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './common';

// ---------------------------------------------------------------------------------------------------------
// Business chat (業務チャット, issue 8). Response and event schemas are written with `z.` builders only (no method
// call on a schema), because realtime.ts imports them and the web app's first load must not pull in zod.

export const CHANNEL_KINDS = ['all_staff', 'department', 'public', 'private', 'direct'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/** Which messages of a channel raise an in-app (and browser) notification for this person. */
export const NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const;
export const notifyLevelSchema = z.enum(NOTIFY_LEVELS);
export type NotifyLevel = z.infer<typeof notifyLevelSchema>;

export const PRESENCE_STATES = ['online', 'away', 'telework', 'offline'] as const;
export const presenceStateSchema = z.enum(PRESENCE_STATES);
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** A person as chat shows them. */
export const chatPersonSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** Their primary department today (null: none). */
  departmentName: z.nullable(z.string()),
  photoFileId: z.nullable(uuidSchema),
});
export type ChatPerson = z.infer<typeof chatPersonSchema>;

/** A channel as one person sees it: what it is and where they stand in it. */
export const channelSchema = z.object({
  id: uuidSchema,
  kind: channelKindSchema,
  /** The name shown: a department's name today, the other people of a direct message, or the name given. */
  name: z.string(),
  topic: z.string(),
  description: z.string(),
  departmentId: z.nullable(uuidSchema),
  /** The people of a direct message (everyone but me); empty for other kinds. */
  directMembers: z.array(chatPersonSchema),
  archived: z.boolean(),
  /** Read receipts (既読) are shown per message. */
  receiptsEnabled: z.boolean(),
  memberCount: z.int(),
  /** The number of the last message (0: none yet). */
  messageSeq: z.int(),
  /** The number of the last change (message, edit, deletion, reaction, reply): clients catch up from theirs. */
  changeSeq: z.int(),
  lastMessageAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Whether I am a member (false: a public channel I may join). */
  member: z.boolean(),
  /** I own it (or administer Ringi): I may change its topic, receipts, members and archive it. */
  canManage: z.boolean(),
  lastReadSeq: z.int(),
  unreadCount: z.int(),
  mentionCount: z.int(),
  notify: notifyLevelSchema,
});
export type Channel = z.infer<typeof channelSchema>;

export const channelListSchema = z.object({ items: z.array(channelSchema) });
export type ChannelList = z.infer<typeof channelListSchema>;

export const chatFileSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  mimeType: z.string(),
  size: z.int(),
  pageCount: z.nullable(z.int()),
});
export type ChatFile = z.infer<typeof chatFileSchema>;

export const chatReactionSchema = z.object({ emoji: z.string(), userIds: z.array(uuidSchema) });
export type ChatReaction = z.infer<typeof chatReactionSchema>;

/** A link to a Ringi document or meeting found in the text; its preview is asked for separately, per reader. */
export const chatLinkRefSchema = z.object({ kind: z.enum(['approval', 'meeting']), id: uuidSchema });
export type ChatLinkRef = z.infer<typeof chatLinkRefSchema>;

/**
 * A message as everyone in the channel sees it (the same for every reader, so it can be broadcast). `text` is
 * markdown source; `<@uuid>` marks a mention of that person. A deleted message keeps its place with empty text.
 */
export const chatMessageSchema = z.object({
  id: uuidSchema,
  channelId: uuidSchema,
  /** The message's place in its channel (1, 2, 3 …), the same for everyone. */
  seq: z.int(),
  /** The channel's change number of the last change to this message. */
  changeSeq: z.int(),
  /** The sender's own id for it (resending with the same id returns this message). */
  clientId: uuidSchema,
  kind: z.enum(['user', 'system']),
  author: z.nullable(chatPersonSchema),
  text: z.string(),
  threadRootId: z.nullable(uuidSchema),
  replyCount: z.int(),
  lastReplyAt: z.nullable(z.iso.datetime({ offset: true })),
  mentionIds: z.array(uuidSchema),
  mentionAll: z.nullable(z.enum(['channel', 'here'])),
  reactions: z.array(chatReactionSchema),
  files: z.array(chatFileSchema),
  links: z.array(chatLinkRefSchema),
  /** The sender asked everyone to confirm (確認しました). */
  ackRequested: z.boolean(),
  ackCount: z.int(),
  createdAt: z.iso.datetime({ offset: true }),
  editedAt: z.nullable(z.iso.datetime({ offset: true })),
  deletedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatMessagePageSchema = z.object({
  items: z.array(chatMessageSchema),
  /** Older messages exist before the first item. */
  hasOlder: z.boolean(),
  /** Newer messages exist after the last item. */
  hasNewer: z.boolean(),
  /** The messages among `items` that I have confirmed (確認しました). */
  ackedByMe: z.array(uuidSchema),
});
export type ChatMessagePage = z.infer<typeof chatMessagePageSchema>;

/** What changed in a channel after a change number: every message touched since, in change order. */
export const chatChangesSchema = z.object({
  channelId: uuidSchema,
  /** Apply `items`, then the channel is at this change number (ask again from it while `more`). */
  changeSeq: z.int(),
  items: z.array(chatMessageSchema),
  more: z.boolean(),
});
export type ChatChanges = z.infer<typeof chatChangesSchema>;

export const chatThreadSchema = z.object({
  root: chatMessageSchema,
  replies: z.array(chatMessageSchema),
  ackedByMe: z.array(uuidSchema),
});
export type ChatThread = z.infer<typeof chatThreadSchema>;

export const chatMembersSchema = z.object({
  items: z.array(
    z.object({
      person: chatPersonSchema,
      role: z.enum(['owner', 'member']),
      /** Through the org chart (department and all-staff channels): not removable by hand. */
      fromOrgChart: z.boolean(),
      presence: presenceStateSchema,
    }),
  ),
});
export type ChatMembers = z.infer<typeof chatMembersSchema>;

/** Who has and who has not read (既読) or confirmed (確認) a message, among the channel's members but its sender. */
export const chatReceiptsSchema = z.object({
  messageId: uuidSchema,
  done: z.array(z.object({ person: chatPersonSchema, at: z.nullable(z.iso.datetime({ offset: true })) })),
  notYet: z.array(chatPersonSchema),
});
export type ChatReceipts = z.infer<typeof chatReceiptsSchema>;

/** How far each member (but me) has read a channel: 既読 counts are worked out from these, live by `chat:read`. */
export const chatReadStatesSchema = z.object({
  items: z.array(z.object({ userId: uuidSchema, lastReadSeq: z.int() })),
});
export type ChatReadStates = z.infer<typeof chatReadStatesSchema>;

export const chatLinkPreviewSchema = z.object({
  kind: z.enum(['approval', 'meeting']),
  id: uuidSchema,
  title: z.string(),
  /** The document's number or the meeting's date and place, as one line. */
  subtitle: z.string(),
  status: z.string(),
  path: z.string(),
});
export const chatLinkPreviewsSchema = z.object({
  /** Only what the reader may see; the others are left out (as if the link went nowhere). */
  items: z.array(chatLinkPreviewSchema),
});
export type ChatLinkPreview = z.infer<typeof chatLinkPreviewSchema>;

export const chatSearchHitSchema = z.object({
  message: chatMessageSchema,
  channelName: z.string(),
  snippet: z.object({ before: z.string(), match: z.string(), after: z.string() }),
});
/** Hits are counted up to this many; beyond it the answer says "more than 1,000" (`totalCapped`). */
export const CHAT_SEARCH_COUNT_CAP = 1000;

export const chatSearchResultSchema = z.object({
  items: z.array(chatSearchHitSchema),
  /** The number of hits, at most CHAT_SEARCH_COUNT_CAP. */
  total: z.int(),
  /** There are more hits than `total` (narrow the search down). */
  totalCapped: z.boolean(),
  page: z.int(),
  pageSize: z.int(),
});
export type ChatSearchResult = z.infer<typeof chatSearchResultSchema>;

export const chatPresenceSchema = z.object({
  items: z.array(z.object({ userId: uuidSchema, presence: presenceStateSchema })),
});
export type ChatPresenceList = z.infer<typeof chatPresenceSchema>;

export const markReadResultSchema = z.object({
  lastReadSeq: z.int(),
  unreadCount: z.int(),
  mentionCount: z.int(),
});
export type MarkReadResult = z.infer<typeof markReadResultSchema>;

export const CHAT_FILE_MAX_BYTES = 30 * 1024 * 1024;

export const chatDraftCreatedSchema = z.object({ documentId: uuidSchema, path: z.string() });
export type ChatDraftCreated = z.infer<typeof chatDraftCreatedSchema>;

// Requests (validated by the API; the web app's forms use them too).

const channelName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((v) => /^[^<>@#]+$/u.test(v), {
    params: { reason: 'channel_name_chars' },
    message: 'Do not use < > @ # in a channel name.',
  });

export const createChannelRequestSchema = z.strictObject({
  name: channelName,
  kind: z.enum(['public', 'private']),
  topic: z.string().trim().max(250).default(''),
  description: z.string().trim().max(1000).default(''),
  /** People to add at once (besides me, the owner). */
  memberIds: z.array(uuidSchema).max(500).default([]),
});
export type CreateChannelRequest = z.input<typeof createChannelRequestSchema>;

export const updateChannelRequestSchema = z.strictObject({
  name: channelName.optional(),
  topic: z.string().trim().max(250).optional(),
  description: z.string().trim().max(1000).optional(),
  receiptsEnabled: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type UpdateChannelRequest = z.input<typeof updateChannelRequestSchema>;

export const directChannelRequestSchema = z.strictObject({
  /** The other people (1 for a direct message, up to 8 for a group). */
  userIds: z.array(uuidSchema).min(1).max(8),
});
export type DirectChannelRequest = z.input<typeof directChannelRequestSchema>;

export const addMembersRequestSchema = z.strictObject({ userIds: z.array(uuidSchema).min(1).max(500) });
export type AddMembersRequest = z.input<typeof addMembersRequestSchema>;

export const channelListQuerySchema = z.strictObject({
  /** `mine`: channels I am in; `browse`: public channels I may join (archived ones too). */
  scope: z.enum(['mine', 'browse']).default('mine'),
});

export const MESSAGE_MAX_CHARS = 4000;

export const sendMessageRequestSchema = z.strictObject({
  /** Made by the sender's device: sending the same message again returns the one already saved. */
  clientId: uuidSchema,
  text: z.string().max(MESSAGE_MAX_CHARS).default(''),
  threadRootId: uuidSchema.optional(),
  /** Files uploaded by me to this channel (`POST /api/chat/channels/{id}/files`), at most 10. */
  fileIds: z.array(uuidSchema).max(10).default([]),
  /** Ask everyone to confirm it (確認しました). */
  ackRequested: z.boolean().default(false),
});
export type SendMessageRequest = z.input<typeof sendMessageRequestSchema>;

export const editMessageRequestSchema = z.strictObject({
  text: z.string().trim().min(1).max(MESSAGE_MAX_CHARS),
});
export type EditMessageRequest = z.input<typeof editMessageRequestSchema>;

/** One emoji (a short sequence of pictographs, joiners and variation selectors). */
export const reactionRequestSchema = z.strictObject({
  emoji: z
    .string()
    .min(1)
    .max(16)
    .refine(
      (v) =>
        /^(?=.*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}))(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u.test(
          v,
        ),
      {
        params: { reason: 'emoji' },
        message: 'Choose an emoji.',
      },
    ),
  /** true adds my reaction, false takes it back. */
  on: z.boolean(),
});
export type ReactionRequest = z.input<typeof reactionRequestSchema>;

export const messagePageQuerySchema = z.strictObject({
  /** Messages before this number (older page); none: the latest. */
  before: z.coerce.number<number | string>().int().min(1).optional(),
  /** Messages around this number (opening a search hit in context). */
  around: z.coerce.number<number | string>().int().min(1).optional(),
  limit: z.coerce.number<number | string>().int().min(1).max(100).default(50),
});
export type MessagePageQuery = z.input<typeof messagePageQuerySchema>;

export const changesQuerySchema = z.strictObject({
  after: z.coerce.number<number | string>().int().min(0),
  limit: z.coerce.number<number | string>().int().min(1).max(1000).default(500),
});
export type ChangesQuery = z.input<typeof changesQuerySchema>;

export const markReadRequestSchema = z.strictObject({ seq: z.int().min(0) });
export type MarkReadRequest = z.input<typeof markReadRequestSchema>;

export const notifyRequestSchema = z.strictObject({ notify: notifyLevelSchema });

export const chatSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100),
  channelId: uuidSchema.optional(),
  authorId: uuidSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  page: z.coerce.number<number | string>().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number<number | string>().int().min(1).max(50).default(20),
});
export type ChatSearchQuery = z.input<typeof chatSearchQuerySchema>;

export const linkPreviewQuerySchema = z.strictObject({
  /** `approval:<uuid>` or `meeting:<uuid>`, comma separated, at most 10. */
  refs: z
    .string()
    .max(1000)
    .refine(
      (v) => /^(?:approval|meeting):[0-9a-f-]{36}(?:,(?:approval|meeting):[0-9a-f-]{36}){0,9}$/u.test(v),
      {
        params: { reason: 'link_refs' },
        message: 'Give up to 10 references as kind:id.',
      },
    ),
});

export const presenceQuerySchema = z.strictObject({
  /** Comma-separated user ids, at most 200. */
  ids: z.string().max(200 * 37),
});

export const setPresenceRequestSchema = z.strictObject({
  /** What I say about myself; `online` clears away/telework (offline is when no device is connected). */
  presence: z.enum(['online', 'away', 'telework']),
});

// Socket events of chat (the tables are in realtime.ts).

export const chatChangesEventSchema = chatChangesSchema;
export const chatReadEventSchema = z.object({
  channelId: uuidSchema,
  userId: uuidSchema,
  lastReadSeq: z.int(),
  /** My unread and mention counts after it (sent to my own devices; 0 in the channel room's copy). */
  unreadCount: z.int(),
  mentionCount: z.int(),
});
export type ChatReadEvent = z.infer<typeof chatReadEventSchema>;
/** Something about the channel itself changed (name, topic, members, archive): read it again. */
export const chatChannelEventSchema = z.object({
  channelId: uuidSchema,
  /** I was removed, or the channel is gone for me. */
  removed: z.boolean(),
});
export type ChatChannelEvent = z.infer<typeof chatChannelEventSchema>;
export const chatTypingEventSchema = z.object({
  channelId: uuidSchema,
  threadRootId: z.nullable(uuidSchema),
  userId: uuidSchema,
  name: z.string(),
});
export type ChatTypingEvent = z.infer<typeof chatTypingEventSchema>;
/** People whose presence changed, gathered over about a second (one event, however many came and went). */
export const chatPresenceEventSchema = chatPresenceSchema;
export type ChatPresenceEvent = ChatPresenceList;

export const chatSubscribePayloadSchema = z.strictObject({});
export const chatSubscribeAckSchema = z.object({ channels: z.array(channelSchema) });
export const chatSendPayloadSchema = z.strictObject({
  channelId: uuidSchema,
  clientId: uuidSchema,
  text: z.string().max(MESSAGE_MAX_CHARS).default(''),
  threadRootId: uuidSchema.optional(),
  fileIds: z.array(uuidSchema).max(10).default([]),
  ackRequested: z.boolean().default(false),
});
export const chatSendAckSchema = z.object({ message: chatMessageSchema });
export const chatTypingPayloadSchema = z.strictObject({
  channelId: uuidSchema,
  threadRootId: uuidSchema.optional(),
});
export const chatPresencePayloadSchema = setPresenceRequestSchema;
