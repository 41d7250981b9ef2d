import type { Notification, NotificationNewEvent, NotificationReadEvent } from '@ringi/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as notificationsApi from './api';

/** How many notifications the panel shows (newest unread first). */
export const PANEL_PAGE_SIZE = 20;

/**
 * One's in-app notifications (お知らせ) and the unread count of the bell. Fed by the API and, live, by
 * app/socket.ts (`notification:new`, `notification:read`), so every tab agrees without a reload.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([]);
  /** The newest notification that arrived live (screens react to what concerns them, e.g. a replaced material). */
  const latest = ref<Notification | null>(null);
  const total = ref(0);
  const unreadCount = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const marking = ref<string | 'all' | null>(null);

  const hasUnread = computed(() => unreadCount.value > 0);
  /**
   * Counts the live events applied. A read answered after one of them may have been made before it: it is asked
   * again rather than taking back the new notification or its count.
   */
  let live = 0;

  /** `read()`'s answer, asked again while a live event came in before it. */
  async function fresh<T>(read: () => Promise<T>): Promise<T> {
    for (;;) {
      const asked = live;
      const answer = await read();
      if (live === asked) return answer;
    }
  }

  async function loadUnreadCount(): Promise<void> {
    unreadCount.value = (await fresh(notificationsApi.getUnreadCount)).unreadCount;
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = await fresh(() =>
        notificationsApi.listNotifications({ pageSize: PANEL_PAGE_SIZE, order: 'unread_first' }),
      );
      items.value = list.items;
      total.value = list.total;
      unreadCount.value = list.unreadCount;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function markRead(id: string): Promise<void> {
    marking.value = id;
    try {
      const { unreadCount: count } = await notificationsApi.markNotificationRead(id);
      setRead([id], new Date().toISOString());
      unreadCount.value = count;
    } finally {
      marking.value = null;
    }
  }

  async function markAllRead(): Promise<void> {
    marking.value = 'all';
    try {
      const { unreadCount: count } = await notificationsApi.markAllNotificationsRead();
      setRead(null, new Date().toISOString());
      unreadCount.value = count;
    } finally {
      marking.value = null;
    }
  }

  /** `ids` null: every one shown. Keeps the time the server gave when it is already known. */
  function setRead(ids: string[] | null, readAt: string): void {
    items.value = items.value.map((n) =>
      n.readAt === null && (ids === null || ids.includes(n.id)) ? { ...n, readAt } : n,
    );
  }

  /** After a (re)connection: the count, and the list when it is shown, as they are now. */
  async function resync(): Promise<void> {
    if (loaded.value) await load();
    else await loadUnreadCount();
  }

  function onNew(event: NotificationNewEvent): void {
    live++;
    unreadCount.value = event.unreadCount;
    latest.value = event.notification;
    if (!loaded.value || items.value.some((n) => n.id === event.notification.id)) return;
    items.value = [event.notification, ...items.value].slice(0, PANEL_PAGE_SIZE);
    total.value++;
  }

  function onRead(event: NotificationReadEvent): void {
    live++;
    unreadCount.value = event.unreadCount;
    setRead(event.all ? null : event.ids, event.readAt);
  }

  function reset(): void {
    items.value = [];
    total.value = 0;
    unreadCount.value = 0;
    loaded.value = false;
  }

  return {
    items,
    latest,
    total,
    unreadCount,
    loaded,
    loading,
    marking,
    hasUnread,
    loadUnreadCount,
    load,
    markRead,
    markAllRead,
    resync,
    onNew,
    onRead,
    reset,
  };
});
