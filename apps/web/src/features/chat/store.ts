import type {
  Channel,
  ChatChanges,
  ChatChannelEvent,
  ChatFile,
  ChatMessage,
  ChatPresenceEvent,
  ChatReadEvent,
  ChatTypingEvent,
  Notification,
  PresenceState,
} from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { useAuthStore } from '../../app/auth-store';
import { emitWithAck } from '../../app/socket';
import * as chatApi from './api';
import { loadOutbox, saveOutbox, type PendingMessage } from './outbox';

/** The messages of one channel that are loaded (top-level, by seq) and the change number they are at. */
export interface Timeline {
  items: ChatMessage[];
  hasOlder: boolean;
  hasNewer: boolean;
  changeSeq: number;
  acked: Set<string>;
  loading: boolean;
}

export interface OpenThread {
  channelId: string;
  root: ChatMessage;
  replies: ChatMessage[];
  acked: Set<string>;
}

interface Typist {
  channelId: string;
  threadRootId: string | null;
  name: string;
  until: number;
}

const TYPING_SHOWN_MS = 5000;
const SEND_TIMEOUT_MS = 10_000;

function upsertSorted(list: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const at = list.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    if (list[at].changeSeq > message.changeSeq) return list;
    const next = list.slice();
    next[at] = message;
    return next;
  }
  return [...list, message].sort((a, b) => a.seq - b.seq);
}

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

/**
 * 業務チャット: my channels with their counts, the loaded timelines, the open thread, the outbox of messages not
 * yet confirmed, typing and presence. Fed by the API and, live, by app/socket.ts (`chat:*`).
 *
 * Delivery: a message gets its clientId once; it stays in the outbox (saved per person in localStorage) until
 * the server acknowledges it, and is resent with the same clientId after any reconnection (the server answers
 * the saved message, so nothing is doubled). Changes are applied by change number; a gap is fetched.
 */
export const useChatStore = defineStore('chat', () => {
  const channels = ref<Channel[]>([]);
  const channelsLoaded = ref(false);
  const timelines = reactive(new Map<string, Timeline>());
  const thread = ref<OpenThread | null>(null);
  /** How far each other member has read, per channel with read receipts on (既読 counts), kept live by chat:read. */
  const readStates = reactive(new Map<string, Map<string, number>>());
  const openChannelId = ref<string | null>(null);
  const outbox = ref<PendingMessage[]>([]);
  const outboxOwner = ref<string | null>(null);
  const typists = ref<Record<string, Typist>>({});
  const presence = ref<Record<string, PresenceState>>({});
  const now = ref(Date.now());
  /** Bumped when a message arrives in the open channel (the view scrolls / marks read). */
  const arrivals = ref(0);
  /** The last channel I was removed from (the open screen leaves it). */
  const removed = ref<string | null>(null);
  let flushing = false;
  let flushAgain = false;
  let typingTimer: ReturnType<typeof setInterval> | undefined;

  const me = () => useAuthStore().me?.id ?? null;

  const totalUnread = computed(() =>
    channels.value.reduce((sum, c) => sum + (c.member && c.notify !== 'none' ? c.unreadCount : 0), 0),
  );
  const totalMentions = computed(() => channels.value.reduce((sum, c) => sum + c.mentionCount, 0));

  function channel(id: string): Channel | undefined {
    return channels.value.find((c) => c.id === id);
  }

  function patchChannel(id: string, patch: Partial<Channel>): void {
    channels.value = channels.value.map((c) => (c.id === id ? { ...c, ...patch } : c));
  }

  function setChannels(list: Channel[]): void {
    channels.value = list;
    channelsLoaded.value = true;
  }

  async function loadChannels(): Promise<void> {
    setChannels((await chatApi.listChannels('mine')).items);
  }

  function upsertChannel(next: Channel): void {
    channels.value = channels.value.some((c) => c.id === next.id)
      ? channels.value.map((c) => (c.id === next.id ? next : c))
      : [...channels.value, next];
  }

  // -- outbox ---------------------------------------------------------------------------------------------

  function ensureOutbox(): void {
    const owner = me();
    if (!owner || outboxOwner.value === owner) return;
    outboxOwner.value = owner;
    outbox.value = loadOutbox(owner);
  }

  function persist(): void {
    if (outboxOwner.value) saveOutbox(outboxOwner.value, outbox.value);
  }

  function setPending(clientId: string, patch: Partial<PendingMessage>): void {
    outbox.value = outbox.value.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p));
    persist();
  }

  function dropPending(clientId: string): void {
    if (!outbox.value.some((p) => p.clientId === clientId)) return;
    outbox.value = outbox.value.filter((p) => p.clientId !== clientId);
    persist();
  }

  function pendingOf(channelId: string, threadRootId: string | null): PendingMessage[] {
    ensureOutbox();
    return outbox.value.filter((p) => p.channelId === channelId && p.threadRootId === threadRootId);
  }

  async function send(
    channelId: string,
    text: string,
    options: { threadRootId?: string | null; files?: ChatFile[]; ackRequested?: boolean } = {},
  ): Promise<void> {
    ensureOutbox();
    const pending: PendingMessage = {
      clientId: crypto.randomUUID(),
      channelId,
      text,
      threadRootId: options.threadRootId ?? null,
      files: options.files ?? [],
      ackRequested: options.ackRequested ?? false,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    outbox.value = [...outbox.value, pending];
    persist();
    await deliver(pending);
  }

  async function deliver(pending: PendingMessage): Promise<void> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      setPending(pending.clientId, { state: 'waiting' });
      return;
    }
    setPending(pending.clientId, { state: 'sending', error: undefined });
    const ack = (await emitWithAck(
      'chat:send',
      {
        channelId: pending.channelId,
        clientId: pending.clientId,
        text: pending.text,
        ...(pending.threadRootId ? { threadRootId: pending.threadRootId } : {}),
        fileIds: pending.files.map((f) => f.id),
        ackRequested: pending.ackRequested,
      },
      SEND_TIMEOUT_MS,
    )) as Ack<{ message: ChatMessage }> | null;
    if (!outbox.value.some((p) => p.clientId === pending.clientId)) return; // arrived through chat:changes
    if (ack === null) {
      // No connection or no answer in time: kept, sent again (same clientId) when the connection is back.
      setPending(pending.clientId, { state: 'waiting' });
      return;
    }
    if (ack.ok && ack.data) {
      dropPending(pending.clientId);
      apply(ack.data.message);
      return;
    }
    setPending(pending.clientId, { state: 'failed', error: ack.error?.message });
  }

  /** Sends again everything waiting, oldest first (after a reconnection or when the browser is online). */
  async function flush(): Promise<void> {
    ensureOutbox();
    if (flushing) {
      flushAgain = true; // a reconnection during a slow send: go round once more afterwards
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        for (const pending of outbox.value.filter((p) => p.state === 'waiting')) await deliver(pending);
      } while (flushAgain);
    } finally {
      flushing = false;
    }
  }

  function retry(clientId: string): void {
    const pending = outbox.value.find((p) => p.clientId === clientId);
    if (pending) void deliver(pending);
  }

  // -- timelines ------------------------------------------------------------------------------------------

  function timeline(channelId: string): Timeline | undefined {
    return timelines.get(channelId);
  }

  /** Opens a channel's timeline (around a message when given); answers that message's thread root, if a reply. */
  async function openChannel(channelId: string, aroundMessageId?: string): Promise<string | null> {
    openChannelId.value = channelId;
    const current = await chatApi.getChannel(channelId);
    upsertChannel(current);
    let around: number | undefined;
    let rootOfTarget: string | null = null;
    if (aroundMessageId) {
      try {
        const target = await chatApi.getMessage(channelId, aroundMessageId);
        rootOfTarget = target.threadRootId;
        around = target.threadRootId
          ? (await chatApi.getMessage(channelId, target.threadRootId)).seq
          : target.seq;
      } catch {
        around = undefined;
      }
    }
    const tl: Timeline = {
      items: [],
      hasOlder: false,
      hasNewer: false,
      changeSeq: current.changeSeq,
      acked: new Set(),
      loading: true,
    };
    timelines.set(channelId, tl);
    try {
      const page = await chatApi.listMessages(channelId, around ? { around, limit: 50 } : { limit: 50 });
      const live = timelines.get(channelId)!;
      live.items = page.items;
      live.hasOlder = page.hasOlder;
      live.hasNewer = page.hasNewer;
      live.acked = new Set(page.ackedByMe);
    } finally {
      const live = timelines.get(channelId);
      if (live) live.loading = false;
    }
    // What changed while the page was on its way (changes carry full states: applying twice is harmless).
    await catchUp(channelId);
    await loadReadStates(channelId);
    return rootOfTarget;
  }

  async function loadOlder(channelId: string): Promise<boolean> {
    const tl = timelines.get(channelId);
    if (!tl || !tl.hasOlder || tl.loading || !tl.items.length) return false;
    tl.loading = true;
    try {
      const page = await chatApi.listMessages(channelId, { before: tl.items[0].seq, limit: 50 });
      for (const m of page.items) tl.items = upsertSorted(tl.items, m);
      tl.hasOlder = page.hasOlder;
      for (const id of page.ackedByMe) tl.acked.add(id);
      return page.items.length > 0;
    } finally {
      tl.loading = false;
    }
  }

  const catchingUp = new Set<string>();
  async function catchUp(channelId: string): Promise<void> {
    const tl = timelines.get(channelId);
    if (!tl || catchingUp.has(channelId)) return;
    catchingUp.add(channelId);
    try {
      let more = true;
      while (more) {
        const page: ChatChanges = await chatApi.listChanges(channelId, tl.changeSeq);
        for (const m of [...page.items].sort((a, b) => a.changeSeq - b.changeSeq)) apply(m);
        tl.changeSeq = Math.max(tl.changeSeq, page.changeSeq);
        more = page.more && page.items.length > 0;
      }
    } catch {
      // Asked again after the next reconnection.
    } finally {
      catchingUp.delete(channelId);
    }
  }

  /** One message in its current state: upserted where it is shown, never older over newer. */
  function apply(message: ChatMessage): void {
    const mine = message.author?.id === me();
    if (mine) dropPending(message.clientId);
    const ch = channel(message.channelId);
    if (ch && message.seq > ch.messageSeq) {
      const counts =
        !mine && !message.threadRootId && message.kind === 'user' && openChannelId.value !== ch.id;
      const mentioned = counts && (message.mentionIds.includes(me() ?? '') || message.mentionAll !== null);
      patchChannel(ch.id, {
        messageSeq: message.seq,
        lastMessageAt: message.createdAt,
        unreadCount: ch.unreadCount + (counts ? 1 : 0),
        mentionCount: ch.mentionCount + (mentioned ? 1 : 0),
      });
    }
    const tl = timelines.get(message.channelId);
    if (tl && !message.threadRootId) {
      const known = tl.items.some((m) => m.id === message.id);
      const last = tl.items[tl.items.length - 1];
      if (known || !tl.hasNewer || (last && message.seq < last.seq)) {
        tl.items = upsertSorted(tl.items, message);
        if (!known && message.channelId === openChannelId.value) arrivals.value++;
      }
    }
    const open = thread.value;
    if (open && open.channelId === message.channelId) {
      if (message.id === open.root.id && message.changeSeq >= open.root.changeSeq) open.root = message;
      else if (message.threadRootId === open.root.id) {
        open.replies = upsertSorted(open.replies, message);
      }
    }
  }

  function onChanges(event: ChatChanges): void {
    const tl = timelines.get(event.channelId);
    const items = [...event.items].sort((a, b) => a.changeSeq - b.changeSeq);
    if (tl) {
      const smallest = items[0]?.changeSeq ?? event.changeSeq;
      if (smallest > tl.changeSeq + 1 || catchingUp.has(event.channelId)) {
        void catchUp(event.channelId);
        return;
      }
      for (const m of items) apply(m);
      tl.changeSeq = Math.max(tl.changeSeq, event.changeSeq);
    } else {
      for (const m of items) apply(m);
    }
    patchChannel(event.channelId, { changeSeq: event.changeSeq });
  }

  /** After every (re)connection: join the rooms, refresh the counts, catch up the open channels, resend. */
  async function onConnected(): Promise<void> {
    const ack = (await emitWithAck('chat:subscribe', {})) as Ack<{ channels: Channel[] }> | null;
    if (ack?.ok && ack.data) setChannels(ack.data.channels);
    for (const id of timelines.keys()) {
      if (!channel(id)) timelines.delete(id);
      else void catchUp(id);
    }
    await flush();
  }

  async function loadReadStates(channelId: string): Promise<void> {
    const ch = channel(channelId);
    if (!ch?.receiptsEnabled || !ch.member) {
      readStates.delete(channelId);
      return;
    }
    try {
      const { items } = await chatApi.readStates(channelId);
      readStates.set(channelId, new Map(items.map((r) => [r.userId, r.lastReadSeq])));
    } catch {
      readStates.delete(channelId);
    }
  }

  /** 既読 n: the members but its sender who have read up to the message (a reply: up to its thread's root). */
  function readCount(message: ChatMessage, rootSeq?: number): number | null {
    const states = readStates.get(message.channelId);
    if (!states) return null;
    const upTo = message.threadRootId ? rootSeq : message.seq;
    if (upTo === undefined) return null;
    let count = 0;
    for (const [userId, seq] of states) if (userId !== message.author?.id && seq >= upTo) count++;
    return count;
  }

  function onRead(event: ChatReadEvent): void {
    if (event.userId !== me()) {
      const states = readStates.get(event.channelId);
      if (states && (states.get(event.userId) ?? 0) < event.lastReadSeq)
        states.set(event.userId, event.lastReadSeq);
      return;
    }
    patchChannel(event.channelId, {
      lastReadSeq: event.lastReadSeq,
      unreadCount: event.unreadCount,
      mentionCount: event.mentionCount,
    });
  }

  async function onChannel(event: ChatChannelEvent): Promise<void> {
    if (event.removed) {
      removed.value = event.channelId;
      channels.value = channels.value.filter((c) => c.id !== event.channelId);
      timelines.delete(event.channelId);
      if (thread.value?.channelId === event.channelId) thread.value = null;
    }
    await loadChannels().catch(() => undefined);
    // Read receipts may have been turned on or off.
    if (!event.removed && openChannelId.value === event.channelId) await loadReadStates(event.channelId);
  }

  async function markRead(channelId: string): Promise<void> {
    const ch = channel(channelId);
    const tl = timelines.get(channelId);
    if (!ch || !ch.member) return;
    const lastSeq = Math.max(ch.messageSeq, tl?.items[tl.items.length - 1]?.seq ?? 0);
    if (lastSeq <= ch.lastReadSeq && ch.unreadCount === 0 && ch.mentionCount === 0) return;
    const result = await chatApi.markRead(channelId, lastSeq);
    patchChannel(channelId, result);
  }

  // -- threads --------------------------------------------------------------------------------------------

  async function openThread(channelId: string, rootId: string): Promise<void> {
    const data = await chatApi.getThread(channelId, rootId);
    thread.value = { channelId, root: data.root, replies: data.replies, acked: new Set(data.ackedByMe) };
  }

  function closeThread(): void {
    thread.value = null;
  }

  function setAcked(channelId: string, message: ChatMessage): void {
    timelines.get(channelId)?.acked.add(message.id);
    thread.value?.acked.add(message.id);
    apply(message);
  }

  // -- typing and presence --------------------------------------------------------------------------------

  function onTyping(event: ChatTypingEvent): void {
    if (event.userId === me()) return;
    typists.value = {
      ...typists.value,
      [`${event.channelId}:${event.threadRootId ?? ''}:${event.userId}`]: {
        channelId: event.channelId,
        threadRootId: event.threadRootId,
        name: event.name,
        until: Date.now() + TYPING_SHOWN_MS,
      },
    };
    now.value = Date.now();
    if (!typingTimer)
      typingTimer = setInterval(() => {
        now.value = Date.now();
        const live = Object.entries(typists.value).filter(([, t]) => t.until > now.value);
        if (live.length !== Object.keys(typists.value).length) typists.value = Object.fromEntries(live);
        if (!live.length) {
          clearInterval(typingTimer);
          typingTimer = undefined;
        }
      }, 1000);
  }

  function typingIn(channelId: string, threadRootId: string | null): string[] {
    return Object.values(typists.value)
      .filter((t) => t.channelId === channelId && t.threadRootId === threadRootId && t.until > now.value)
      .map((t) => t.name);
  }

  let lastTypingSent = 0;
  function typing(channelId: string, threadRootId: string | null): void {
    if (Date.now() - lastTypingSent < 3000) return;
    lastTypingSent = Date.now();
    void emitWithAck('chat:typing', { channelId, ...(threadRootId ? { threadRootId } : {}) }, 3000);
  }

  /** A `chat:presence` event and the answer of `GET presence` have the same shape. */
  function onPresence(event: ChatPresenceEvent): void {
    const next = { ...presence.value };
    for (const item of event.items) next[item.userId] = item.presence;
    presence.value = next;
  }

  async function loadPresence(ids: string[]): Promise<void> {
    if (!ids.length) return;
    onPresence(await chatApi.presence(ids.slice(0, 200)));
  }

  async function setMyPresence(state: 'online' | 'away' | 'telework'): Promise<void> {
    onPresence(await chatApi.setPresence(state));
  }

  // -- browser notifications ------------------------------------------------------------------------------

  /** A chat notification while the tab is hidden: shown by the browser, if the person allowed it. */
  function onNotification(notification: Notification, locale: 'ja' | 'en'): void {
    if (!notification.kind.startsWith('chat.')) return;
    if (typeof window === 'undefined' || !('Notification' in window)) return;
    if (document.visibilityState !== 'hidden' || window.Notification.permission !== 'granted') return;
    const shown = new window.Notification(notification.title[locale], {
      body: notification.body?.[locale] ?? '',
      tag: notification.id,
    });
    shown.onclick = () => {
      window.focus();
      if (notification.link) window.location.assign(notification.link);
    };
  }

  function reset(): void {
    channels.value = [];
    channelsLoaded.value = false;
    timelines.clear();
    thread.value = null;
    openChannelId.value = null;
    outbox.value = [];
    outboxOwner.value = null;
    typists.value = {};
    presence.value = {};
    readStates.clear();
  }

  return {
    channels,
    channelsLoaded,
    timelines,
    thread,
    openChannelId,
    outbox,
    presence,
    arrivals,
    removed,
    totalUnread,
    totalMentions,
    channel,
    upsertChannel,
    loadChannels,
    pendingOf,
    send,
    flush,
    retry,
    dropPending,
    timeline,
    openChannel,
    loadOlder,
    catchUp,
    apply,
    onChanges,
    onConnected,
    onRead,
    readCount,
    loadReadStates,
    onChannel,
    markRead,
    openThread,
    closeThread,
    setAcked,
    onTyping,
    typingIn,
    typing,
    onPresence,
    loadPresence,
    setMyPresence,
    onNotification,
    reset,
  };
});
