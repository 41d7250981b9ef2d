import { EventEmitter2 } from '@nestjs/event-emitter';
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type NotificationList,
  type NotificationNewEvent,
  type NotificationReadEvent,
  type ServerToClientEvents,
  type UnreadCount,
} from '@ringi/contracts';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import type { TestClient } from '../../../../../tests/support/http';
import { APPROVAL_STEP_ACTIVATED_EVENT, approvalDocumentLink } from './approval-notifications.listener';
import { NotificationsService, type NotifyInput } from './notifications.service';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sample = (userIds: string[], patch: Partial<NotifyInput> = {}): NotifyInput => ({
  userIds,
  kind: 'test.something',
  title: { ja: '起案が届きました', en: 'A draft arrived' },
  body: { ja: '本文', en: 'Body' },
  link: '/approvals/123',
  ...patch,
});

describe('notifications', () => {
  let t: TestApp;
  let service: NotificationsService;
  let uow: UnitOfWork;
  const sockets: ClientSocket[] = [];
  const connect = async (client: TestClient): Promise<ClientSocket> => {
    const socket: ClientSocket = io(t.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { cookie: client.cookie, origin: t.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await within(5000, new Promise((resolve) => socket.once('hello', resolve)), 'connected');
    return socket;
  };
  const notify = (input: NotifyInput) => uow.run((tx) => service.notify(tx, input));

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(NotificationsService);
    uow = t.app.get(UnitOfWork);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  it('lists one’s own notifications, unread first, with the unread count', async () => {
    const { client, user } = await signedInClient(t);
    const { user: other } = await signedInClient(t);
    const [first] = await notify(sample([user.id], { title: { ja: '一つ目', en: 'first' } }));
    await notify(
      sample([user.id, other.id], { title: { ja: '二つ目', en: 'second' }, body: null, link: null }),
    );
    expect((await client.post(`/api/me/notifications/${first.id}/read`)).status).toBe(200);

    const res = await client.get<NotificationList>('/api/me/notifications');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, unreadCount: 1 });
    expect(res.body.items.map((n) => n.title.ja)).toEqual(['二つ目', '一つ目']);
    expect(res.body.items[0]).toMatchObject({ body: null, link: null, readAt: null });
    expect(res.body.items[1]).toMatchObject({ body: { ja: '本文', en: 'Body' }, link: '/approvals/123' });
    expect(res.body.items[1].readAt).toEqual(expect.any(String));

    const newest = await client.get<NotificationList>('/api/me/notifications?order=newest&pageSize=1&page=2');
    expect(newest.body.items.map((n) => n.title.ja)).toEqual(['一つ目']);
    expect((await client.get<UnreadCount>('/api/me/notifications/unread-count')).body).toEqual({
      unreadCount: 1,
    });
  });

  it('refuses to mark another person’s notification read with 404, and leaves it unread', async () => {
    const { user: owner, client: ownerClient } = await signedInClient(t);
    const { client: intruder } = await signedInClient(t, { locale: 'en' });
    const [n] = await notify(sample([owner.id]));
    const res = await intruder.post(`/api/me/notifications/${n.id}/read`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'notifications/not_found', message: 'Notification not found.' });
    expect((await intruder.get<NotificationList>('/api/me/notifications')).body.total).toBe(0);
    expect((await intruder.post<UnreadCount>('/api/me/notifications/read-all')).body).toEqual({
      unreadCount: 0,
    });
    expect((await ownerClient.get<UnreadCount>('/api/me/notifications/unread-count')).body).toEqual({
      unreadCount: 1,
    });
  });

  it('refuses without a session and a malformed id with 400', async () => {
    expect((await t.client().get('/api/me/notifications')).status).toBe(401);
    const { client } = await signedInClient(t);
    expect((await client.post('/api/me/notifications/not-a-uuid/read')).status).toBe(400);
    expect((await client.get('/api/me/notifications?pageSize=1000')).status).toBe(400);
  });

  it('stores nothing and delivers nothing when the unit of work rolls back', async () => {
    const { user, client } = await signedInClient(t);
    const socket = await connect(client);
    const received: NotificationNewEvent[] = [];
    socket.on('notification:new', (e) => received.push(e));
    await expect(
      uow.run(async (tx) => {
        await service.notify(tx, sample([user.id]));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A later notification arrives alone: the rolled-back one was never sent.
    await notify(sample([user.id], { title: { ja: '後', en: 'later' } }));
    await until(async () => received.length > 0, 5000, 'the later notification arrived');
    expect(received.map((e) => e.notification.title.en)).toEqual(['later']);
    expect(received[0].unreadCount).toBe(1);
  });

  it('delivers a new notification and the count to every tab of its person only, and marks read in all tabs', async () => {
    const { user, client } = await signedInClient(t);
    const { client: otherClient } = await signedInClient(t);
    const [tab1, tab2, other] = await Promise.all([connect(client), connect(client), connect(otherClient)]);
    const otherGot: unknown[] = [];
    other.on('notification:new', (e) => otherGot.push(e));
    const arrived = (s: ClientSocket) =>
      new Promise<NotificationNewEvent>((resolve) => s.once('notification:new', resolve));
    const both = Promise.all([arrived(tab1), arrived(tab2)]);
    const [created] = await notify(sample([user.id]));
    const [e1, e2] = await within(5000, both, 'both tabs got the notification');
    expect(e1).toEqual({ notification: created, unreadCount: 1 });
    expect(e2).toEqual(e1);

    const read = new Promise<NotificationReadEvent>((resolve) => tab2.once('notification:read', resolve));
    expect((await client.post<UnreadCount>(`/api/me/notifications/${created.id}/read`)).body).toEqual({
      unreadCount: 0,
    });
    expect(await within(5000, read, 'the other tab heard of the read')).toMatchObject({
      ids: [created.id],
      all: false,
      unreadCount: 0,
    });
    expect(otherGot).toEqual([]);
  });

  it('marks all read and says so to the other tabs', async () => {
    const { user, client } = await signedInClient(t);
    await notify(sample([user.id]));
    await notify(sample([user.id]));
    const socket = await connect(client);
    const read = new Promise<NotificationReadEvent>((resolve) => socket.once('notification:read', resolve));
    expect((await client.post<UnreadCount>('/api/me/notifications/read-all')).body).toEqual({
      unreadCount: 0,
    });
    expect(await within(5000, read, 'read-all announced')).toMatchObject({
      ids: [],
      all: true,
      unreadCount: 0,
    });
    const list = await client.get<NotificationList>('/api/me/notifications');
    expect(list.body.items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('notifies the holders of a step that became active, with a link to the document', async () => {
    const { user, client } = await signedInClient(t);
    const { user: second } = await signedInClient(t);
    const documentId = '0190a5c8-0000-7000-8000-000000000001';
    await t.app.get(EventEmitter2).emitAsync(APPROVAL_STEP_ACTIVATED_EVENT, {
      documentId,
      title: '公用車の購入について',
      stepId: '0190a5c8-0000-7000-8000-000000000002',
      stepKind: 'approve',
      userIds: [user.id, second.id],
    });
    const list = await client.get<NotificationList>('/api/me/notifications');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      kind: 'approval.step_activated',
      link: approvalDocumentLink(documentId),
      readAt: null,
    });
    expect(list.body.items[0].title.ja).toContain('公用車の購入について');
    expect(await service.unreadCounts([second.id])).toEqual(new Map([[second.id, 1]]));
  });

  it('refuses a link that is not an app path (no other site, no protocol-relative URL)', async () => {
    const { user } = await signedInClient(t);
    await expect(notify(sample([user.id], { link: '//evil.example/x' }))).rejects.toThrow(/not an app path/);
    await expect(notify(sample([user.id], { link: 'https://evil.example' }))).rejects.toThrow(
      /not an app path/,
    );
    await expect(
      t.dataSource.query(
        `INSERT INTO notification (user_id, kind, title_ja, title_en, link) VALUES ($1, 'a.b', 'x', 'x', '//evil')`,
        [user.id],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
