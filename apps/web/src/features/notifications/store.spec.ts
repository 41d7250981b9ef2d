import type { Notification } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { configureHttpForSpecs, deferredFetch } from '../../testing/deferred-fetch';
import { useNotificationsStore } from './store';

const note = (id: string, readAt: string | null = null): Notification => ({
  id,
  kind: 'test.kind',
  title: { ja: `件名${id}`, en: `title ${id}` },
  body: null,
  link: null,
  createdAt: '2026-04-01T09:00:00+09:00',
  readAt,
});

/** The API's answers are stubbed at fetch, in the order the store asks. */
const calls: string[] = [];
function answers(...bodies: unknown[]): void {
  globalThis.fetch = jest.fn((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return Promise.resolve(
      new Response(JSON.stringify(bodies.shift()), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
}

describe('notifications store', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    setActivePinia(createPinia());
    calls.length = 0;
    configureHttpForSpecs();
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('takes the unread count of a live notification even before the list was loaded', () => {
    const store = useNotificationsStore();
    store.onNew({ notification: note('a'), unreadCount: 3 });
    expect(store.unreadCount).toBe(3);
    expect(store.items).toEqual([]); // loaded later with the panel, from the API
  });

  it('puts a live notification on top of a loaded list, once', async () => {
    answers({ items: [note('b')], total: 1, page: 1, pageSize: 20, unreadCount: 1 });
    const store = useNotificationsStore();
    await store.load();
    expect(calls).toEqual(['GET /api/me/notifications?pageSize=20&order=unread_first']);
    store.onNew({ notification: note('a'), unreadCount: 2 });
    store.onNew({ notification: note('a'), unreadCount: 2 });
    expect(store.items.map((n) => n.id)).toEqual(['a', 'b']);
    expect(store.total).toBe(2);
    expect(store.unreadCount).toBe(2);
  });

  it('marks one read through the API and follows reads from other tabs', async () => {
    answers(
      { items: [note('a'), note('b'), note('c')], total: 3, page: 1, pageSize: 20, unreadCount: 3 },
      { unreadCount: 2 },
    );
    const store = useNotificationsStore();
    await store.load();
    await store.markRead('a');
    expect(calls[1]).toBe('POST /api/me/notifications/a/read');
    expect(store.unreadCount).toBe(2);
    expect(store.items.filter((n) => n.readAt).map((n) => n.id)).toEqual(['a']);

    store.onRead({ ids: ['b'], all: false, readAt: '2026-04-01T10:00:00+09:00', unreadCount: 1 });
    expect(store.items.find((n) => n.id === 'b')?.readAt).toBe('2026-04-01T10:00:00+09:00');
    store.onRead({ ids: [], all: true, readAt: '2026-04-01T11:00:00+09:00', unreadCount: 0 });
    expect(store.items.every((n) => n.readAt)).toBe(true);
    expect(store.hasUnread).toBe(false);
  });

  it('forgets everything at sign-out', () => {
    const store = useNotificationsStore();
    store.onNew({ notification: note('a'), unreadCount: 1 });
    store.reset();
    expect(store.unreadCount).toBe(0);
    expect(store.loaded).toBe(false);
  });

  it('asks again when a notification arrives live while the count or the list is on its way', async () => {
    const server = deferredFetch();
    try {
      const store = useNotificationsStore();
      const counting = store.resync(); // after the socket said hello: the count only (no list yet)
      await server.settle();
      store.onNew({ notification: note('a'), unreadCount: 1 });
      server.answer('GET /api/me/notifications/unread-count', { unreadCount: 0 }); // read before it
      await server.settle();
      server.answer('GET /api/me/notifications/unread-count', { unreadCount: 1 });
      await counting;
      expect(store.unreadCount).toBe(1);

      const listing = store.load();
      await server.settle();
      store.onNew({ notification: note('b'), unreadCount: 2 });
      server.answer('GET /api/me/notifications?', { items: [note('a')], total: 1, unreadCount: 1 });
      await server.settle();
      server.answer('GET /api/me/notifications?', {
        items: [note('b'), note('a')],
        total: 2,
        unreadCount: 2,
      });
      await listing;
      expect(store.items.map((n) => n.id)).toEqual(['b', 'a']);
      expect(store.unreadCount).toBe(2);
    } finally {
      server.restore();
    }
  });
});
