import type { ChannelKind, ChatMessage } from '@ringi/contracts';

/** Messages of a channel changed (after commit): the publisher sends them to the channel's room. */
export const CHAT_CHANGED = 'chat.changed';
export interface ChatChangedEvent {
  channelId: string;
  /** The channel's change number after this change. */
  changeSeq: number;
  messages: ChatMessage[];
}

/** A new message was saved (after commit): notifications for mentions, direct messages and notify levels. */
export const CHAT_MESSAGE_POSTED = 'chat.message_posted';
export interface ChatMessagePostedEvent {
  channelId: string;
  channelKind: ChannelKind;
  message: ChatMessage;
  /** Mentions written as names (`@山田 太郎`), for the notification's text. */
  plainText: string;
}

/** A message was edited so that it mentions people it did not before (after commit): they are told. */
export const CHAT_MENTIONS_ADDED = 'chat.mentions_added';
export interface ChatMentionsAddedEvent extends ChatMessagePostedEvent {
  addedIds: string[];
}

/** The channel itself changed, or people joined or left it (after commit). */
export const CHAT_CHANNEL_CHANGED = 'chat.channel_changed';
export interface ChatChannelChangedEvent {
  channelId: string;
  /** People who became members: their sockets join the room. */
  added: string[];
  /** People who are no longer members: their sockets leave the room at once. */
  removed: string[];
}

/** Someone read a channel up to a message (after commit). */
export const CHAT_READ = 'chat.read';
export interface ChatReadEventData {
  channelId: string;
  userId: string;
  lastReadSeq: number;
  unreadCount: number;
  mentionCount: number;
  /** Tell the channel's room too (read receipts are on). */
  receipts: boolean;
}

/** Memberships of org-chart channels may have changed (a transfer, a new department): re-check the rooms. */
export const CHAT_ORG_ROOMS_STALE = 'chat.org_rooms_stale';
