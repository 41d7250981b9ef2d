import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SOCKET_PATH,
  type Ack,
  type Channel,
  type ChatChanges,
  type ChatMessage,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@ringi/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/bootstrap';
import { parseConfig } from '../../apps/api/src/config/config.schema';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';
import type { TestApp } from '../support/app';
import { startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { makeUser, TEST_PASSWORD } from '../support/factories';
import { ok, TestClient } from '../support/http';
import { until, within } from '../support/sockets';

/**
 * Chat delivery end to end: zero loss and zero duplicates when the API is killed (-9) in the middle of a stream of
 * sends, when a client comes back after missing many changes, and across two API instances over Redis. The client
 * side is written here as the protocol asks a real client to behave (ARCHITECTURE §4): `chat:subscribe` after every
 * connection, keep the last change number per channel, apply `chat:changes`, and ask
 * `GET /changes?after=` for any gap (a reconnect, or an event whose first change is more than one past the last).
 */

const root = join(__dirname, '../..');
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const sockets = new Set<Client>();

async function connect(base: string, client: TestClient): Promise<Client> {
  const socket: Client = io(base, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { cookie: client.cookie, origin: base },
    reconnection: false,
    forceNew: true,
  });
  sockets.add(socket);
  socket.once('disconnect', () => sockets.delete(socket));
  await within(
    10_000,
    new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', reject);
    }),
    'socket connected',
  );
  return socket;
}

/** Emits with an acknowledgement; resolves null when the socket goes away first (the server was killed). */
function emitAck<T>(
  socket: Client,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<Ack<T> | null> {
  if (!socket.connected) return Promise.resolve(null);
  return within(
    15_000,
    new Promise<Ack<T> | null>((resolve) => {
      const gone = () => resolve(null);
      socket.once('disconnect', gone);
      (socket.emit as (e: string, p: unknown, ack: (a: unknown) => void) => void)(event, payload, (a) => {
        socket.off('disconnect', gone);
        resolve(a as Ack<T>);
      });
    }),
    `ack of ${event}`,
  );
}

async function subscribe(socket: Client): Promise<Channel[]> {
  const ack = await emitAck<{ channels: Channel[] }>(socket, 'chat:subscribe', {});
  if (!ack?.ok) throw new Error(`chat:subscribe failed: ${JSON.stringify(ack)}`);
  return ack.data.channels;
}

/** Every message of a channel in its state now, read from change 0 (a client starting from nothing). */
async function fullRead(client: TestClient, channelId: string): Promise<ChatMessage[]> {
  const all = new Map<string, ChatMessage>();
  let after = 0;
  for (;;) {
    const page = await ok<ChatChanges>(
      client.get(`/api/chat/channels/${channelId}/changes?after=${after}&limit=1000`),
    );
    for (const m of page.items) all.set(m.id, m);
    after = page.changeSeq;
    if (!page.more) break;
  }
  return [...all.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * One client's copy of one channel, kept as a real client keeps it: live `chat:changes` applied in arrival
 * order through one queue, a gap (or a reconnect) filled from `GET /changes?after=` in pages of `pageSize`.
 */
class ChannelView {
  readonly messages = new Map<string, ChatMessage>();
  /** The last change number applied: everything up to it is in `messages`. */
  last = 0;
  /** How many live events carried each message (a new message must arrive once). */
  readonly deliveries = new Map<string, number>();
  /** Live events whose first change was not the next one (they arrived out of order, or after a gap). */
  gaps = 0;
  catchUps = 0;
  readonly errors: unknown[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly channelId: string,
    readonly http: TestClient,
    readonly pageSize: number,
  ) {}

  /** Listens on a (new) socket of this client. */
  attach(socket: Client): void {
    socket.on('chat:changes', (event) => {
      if (event.channelId !== this.channelId) return;
      for (const m of event.items) this.deliveries.set(m.id, (this.deliveries.get(m.id) ?? 0) + 1);
      this.enqueue(async () => {
        const first = Math.min(...event.items.map((m) => m.changeSeq));
        if (first > this.last + 1) {
          this.gaps++;
          await this.fetchGap();
        }
        this.apply(event.items);
        this.last = Math.max(this.last, event.changeSeq);
      });
    });
  }

  /** Asks for everything after the last change (after a reconnect). */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.fetchGap());
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.errors.push(error);
    });
    return this.queue;
  }

  private async fetchGap(): Promise<void> {
    this.catchUps++;
    for (;;) {
      const page = await ok<ChatChanges>(
        this.http.get(
          `/api/chat/channels/${this.channelId}/changes?after=${this.last}&limit=${this.pageSize}`,
        ),
      );
      this.apply(page.items);
      this.last = page.changeSeq;
      if (!page.more) return;
    }
  }

  private apply(items: readonly ChatMessage[]): void {
    for (const m of items) {
      const had = this.messages.get(m.id);
      if (!had || had.changeSeq <= m.changeSeq) this.messages.set(m.id, m);
    }
  }

  ordered(): ChatMessage[] {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq);
  }
}

/** The built API (`dist/`) as a child process of its own on a given database and port; `kill()` is kill -9. */
class BuiltApi {
  child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly dir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(this.dir, 'dist/api/apps/api/src/main.js')], {
      cwd: this.dir,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    await within(
      45_000,
      new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (this.output.includes('Press Ctrl-C to stop.')) {
            clearInterval(check);
            resolve();
          }
        }, 50);
        child.once('exit', (code, signal) => {
          clearInterval(check);
          reject(new Error(`the API exited (${code ?? signal}) while starting:\n${this.output}`));
        });
      }),
      'the built API started',
    ).catch(async (error: unknown) => {
      await this.kill();
      throw error;
    });
  }

  /** SIGKILL: no shutdown hook runs, open transactions die with their connections. */
  kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return exited;
  }
}

describe('chat delivery against the built API killed with -9 and restarted', () => {
  let home: string;
  let api: BuiltApi;
  let drop: () => Promise<void>;
  const people: Record<'alice' | 'bob', { id: string; staffNumber: string }> = {} as never;

  beforeAll(async () => {
    // A copy of the built API, so a rebuild in the working tree meanwhile cannot change it between two starts.
    home = await mkdtemp(join(tmpdir(), 'ringi-chat-delivery-'));
    await cp(join(root, 'dist/api'), join(home, 'dist/api'), { recursive: true });
    await symlink(join(root, 'node_modules'), join(home, 'node_modules'));
    const db = await createTestDatabase();
    drop = db.drop;
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !key.startsWith('npm_') && !key.startsWith('RINGI_TEST_') && key !== 'REDIS_URL',
        ),
      ),
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      DATA_DIR: join(home, 'data'),
      WEB_DIST: join(root, 'dist/web'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(await freePort()),
    };
    // Migrations and two people, through the real services (the same factories as every API test), then closed.
    // The app's configuration module reads process.env (as startTestApp sets it); the child gets `env` itself.
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: join(home, 'data'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      WEB_DIST: join(root, 'dist/web'),
    });
    const seeder: NestExpressApplication = await createApp(parseConfig(process.env));
    try {
      await seeder.init();
      const t = { app: seeder, dataSource: seeder.get(DataSource) } as unknown as TestApp;
      for (const name of ['alice', 'bob'] as const) {
        const user = await makeUser(t);
        people[name] = { id: user.id, staffNumber: user.staffNumber };
      }
    } finally {
      await seeder.close();
    }
    api = new BuiltApi(home, env);
    await api.start();
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await api?.kill();
    await drop?.();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const signIn = async (who: 'alice' | 'bob') => {
    const client = new TestClient(api.base);
    await client.signIn(people[who].staffNumber, TEST_PASSWORD);
    return client;
  };

  it('loses and duplicates nothing when the API is killed in the middle of a stream of sends', async () => {
    const N = 150;
    const KILL_AT = 50;
    const alice = await signIn('alice');
    const bob = await signIn('bob');
    const channel = await ok<Channel>(
      alice.post('/api/chat/channels', { name: '強制終了試験', kind: 'private', memberIds: [people.bob.id] }),
      201,
    );
    const items = Array.from({ length: N }, (_, i) => ({
      clientId: randomUUID(),
      text: `配信試験 #${String(i + 1).padStart(3, '0')} 会議の予算を確認`,
    }));
    /** Every message not yet acknowledged, by client id (what a real client keeps in its outbox). */
    const outbox = new Map<string, string>(items.map((m) => [m.clientId, m.text]));
    const acked = new Map<string, ChatMessage>();
    const record = (clientId: string, ack: Ack<{ message: ChatMessage }>) => {
      if (!ack.ok) throw new Error(`chat:send refused: ${JSON.stringify(ack.error)}`);
      expect(ack.data.message.clientId).toBe(clientId);
      expect(ack.data.message.text).toBe(outbox.get(clientId) ?? acked.get(clientId)?.text);
      outbox.delete(clientId);
      acked.set(clientId, ack.data.message);
    };

    const view = new ChannelView(channel.id, bob, 7);
    let receiver = await connect(api.base, bob);
    view.attach(receiver);
    expect((await subscribe(receiver)).map((c) => c.id)).toContain(channel.id);
    let sender = await connect(api.base, alice);
    await subscribe(sender);

    // Four sends in flight at a time; at the 50th acknowledgement the API is killed, with sends still in flight.
    let next = 0;
    let killed: Promise<void> | null = null;
    const lane = async () => {
      while (next < N && !killed) {
        const item = items[next++]!;
        const ack = await emitAck<{ message: ChatMessage }>(sender, 'chat:send', {
          channelId: channel.id,
          ...item,
        });
        if (!ack) return; // the server went away: the message stays in the outbox
        record(item.clientId, ack);
        if (acked.size === KILL_AT) killed = api.kill();
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    expect(killed).not.toBeNull();
    await killed;
    const ackedBeforeKill = new Map(acked);
    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(KILL_AT);
    expect(outbox.size).toBe(N - ackedBeforeKill.size);
    await until(() => !sender.connected && !receiver.connected, 'both sockets saw the server go');

    // The acknowledgements of the last three saved sends are lost too (as when the client dies with the server
    // before it wrote them down): it resends them, and must get the saved messages back, not second copies.
    const lostAcks = [...ackedBeforeKill.keys()].slice(-3);
    for (const clientId of lostAcks) {
      outbox.set(clientId, ackedBeforeKill.get(clientId)!.text);
      acked.delete(clientId);
    }

    // Same database, same port: the client reconnects, subscribes, resends its whole outbox with the same ids,
    // and the receiver asks for what it missed from its last change number.
    const restartedAt = Date.now();
    await api.start();
    receiver = await connect(api.base, bob);
    view.attach(receiver);
    await subscribe(receiver);
    sender = await connect(api.base, alice);
    await subscribe(sender);
    const catchingUp = view.catchUp();
    let savedBeforeTheKill = 0;
    for (const item of items.filter((m) => outbox.has(m.clientId))) {
      const ack = await emitAck<{ message: ChatMessage }>(sender, 'chat:send', {
        channelId: channel.id,
        ...item,
      });
      if (!ack) throw new Error('the restarted API went away');
      record(item.clientId, ack);
      if (ack.ok && Date.parse(ack.data.message.createdAt) < restartedAt) savedBeforeTheKill++;
    }
    await catchingUp;
    expect(outbox.size).toBe(0);
    expect(acked.size).toBe(N);
    // Saved but unacknowledged sends (the kill may catch some; the three lost acknowledgements always) came back as
    // the saved message, not a second one.
    expect(savedBeforeTheKill).toBeGreaterThanOrEqual(lostAcks.length);
    expect(savedBeforeTheKill).toBeLessThanOrEqual(N - ackedBeforeKill.size + lostAcks.length);
    for (const clientId of lostAcks) expect(acked.get(clientId)).toEqual(ackedBeforeKill.get(clientId));

    const server = await fullRead(alice, channel.id);
    const serverChangeSeq = (await ok<Channel>(alice.get(`/api/chat/channels/${channel.id}`))).changeSeq;
    await until(() => view.last >= serverChangeSeq, `the receiver reached change ${serverChangeSeq}`);

    // Exactly once, by client id and by text.
    expect(server).toHaveLength(N);
    expect(new Set(server.map((m) => m.clientId))).toEqual(new Set(items.map((m) => m.clientId)));
    expect(server.map((m) => m.text).sort()).toEqual(items.map((m) => m.text).sort());
    // `seq` gap-free and strictly increasing from 1; one change per message.
    expect(server.map((m) => m.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(serverChangeSeq).toBe(N);
    // Nothing acknowledged was lost, and it kept the number it was acknowledged with.
    for (const [clientId, message] of [...ackedBeforeKill, ...acked]) {
      const saved = server.find((m) => m.clientId === clientId);
      expect(saved && { id: saved.id, seq: saved.seq }).toEqual({ id: message.id, seq: message.seq });
    }
    // The receiver's view (live + catch-up) is the server's list, in the same order; no live duplicate.
    expect(view.errors.filter((e) => !String(e).includes('fetch failed'))).toEqual([]);
    expect(view.ordered()).toEqual(server);
    expect([...view.deliveries.values()].filter((n) => n > 1)).toEqual([]);
    expect(view.catchUps).toBeGreaterThanOrEqual(1);
  });

  it('brings a client that was away up to date in small pages: its state equals a fresh full read', async () => {
    const alice = await signIn('alice');
    const bob = await signIn('bob');
    const channel = await ok<Channel>(
      alice.post('/api/chat/channels', { name: '不在試験', kind: 'private', memberIds: [people.bob.id] }),
      201,
    );
    const send = (text: string, extra: Record<string, unknown> = {}) =>
      ok<ChatMessage>(
        alice.post(`/api/chat/channels/${channel.id}/messages`, { clientId: randomUUID(), text, ...extra }),
        201,
      );
    const path = (m: ChatMessage, rest = '') => `/api/chat/channels/${channel.id}/messages/${m.id}${rest}`;

    const view = new ChannelView(channel.id, bob, 3);
    const phone = await connect(api.base, bob);
    view.attach(phone);
    await subscribe(phone);
    const old: ChatMessage[] = [];
    for (let i = 1; i <= 12; i++) old.push(await send(`防災訓練の連絡 ${i}`));
    await until(() => view.messages.size === 12 && view.last === 12, 'bob saw the first 12 live');

    // Bob is away; everything that can happen to old and new messages happens meanwhile.
    phone.disconnect();
    await until(() => !phone.connected, 'bob disconnected');
    const fresh: ChatMessage[] = [];
    for (let i = 1; i <= 25; i++) fresh.push(await send(`住民説明会 ${i}`));
    for (const m of old.slice(0, 4)) await ok(alice.patch(path(m), { text: `${m.text}(訂正)` }));
    const replies: ChatMessage[] = [];
    for (const m of old.slice(4, 7)) replies.push(await send(`${m.text} への返信`, { threadRootId: m.id }));
    replies.push(await send('二つ目の返信', { threadRootId: old[4]!.id }));
    for (const m of [old[7]!, fresh[3]!, replies[3]!]) expect((await alice.delete(path(m))).status).toBe(204);
    for (const m of [old[0]!, old[8]!, old[9]!])
      await ok(alice.post(path(m, '/reactions'), { emoji: '👍', on: true }));
    await ok(alice.post(path(old[9]!, '/reactions'), { emoji: '👍', on: false }));
    await ok(alice.post(path(old[10]!, '/reactions'), { emoji: '🙏', on: true }));
    await ok(bob.post(path(old[10]!, '/reactions'), { emoji: '🙏', on: true }));

    const away = view.last;
    const phone2 = await connect(api.base, bob);
    view.attach(phone2);
    const mine = await subscribe(phone2);
    const now = mine.find((c) => c.id === channel.id)!.changeSeq;
    expect(now).toBeGreaterThan(away + 40);
    await view.catchUp();
    expect(view.last).toBe(now);

    const truth = await fullRead(bob, channel.id);
    expect(view.errors).toEqual([]);
    expect(view.ordered()).toEqual(truth);
    // Concrete: 12 + 25 messages and 4 replies, each once; what changed shows as changed.
    expect(truth).toHaveLength(12 + 25 + 4);
    const byId = new Map(view.messages);
    expect(byId.get(old[0]!.id)).toMatchObject({
      text: '防災訓練の連絡 1(訂正)',
      reactions: [{ emoji: '👍', userIds: [people.alice.id] }],
    });
    expect(byId.get(old[0]!.id)!.editedAt).not.toBeNull();
    expect(byId.get(old[4]!.id)).toMatchObject({ replyCount: 1 }); // two replies, one deleted
    expect(byId.get(old[5]!.id)).toMatchObject({ replyCount: 1 });
    expect(byId.get(old[7]!.id)).toMatchObject({ text: '' });
    expect(byId.get(old[7]!.id)!.deletedAt).not.toBeNull();
    expect(byId.get(replies[3]!.id)!.deletedAt).not.toBeNull();
    expect(byId.get(old[9]!.id)!.reactions).toEqual([]);
    expect(byId.get(old[10]!.id)!.reactions).toEqual([
      {
        emoji: '🙏',
        userIds: expect.arrayContaining([people.alice.id, people.bob.id]) as unknown as string[],
      },
    ]);
    expect(
      view
        .ordered()
        .filter((m) => !m.threadRootId)
        .map((m) => m.seq),
    ).toEqual(truth.filter((m) => !m.threadRootId).map((m) => m.seq));
  });
});

/** Two API instances on one database and one Redis (RINGI_TEST_REDIS_URL; skipped, and reported so, without). */
const redisUrl = process.env.RINGI_TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('chat delivery across two API instances (Redis adapter)', () => {
  let a: TestApp;
  let b: NestExpressApplication;
  let bUrl: string;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl ?? '' };
    a = await startTestApp(env);
    b = await createApp(parseConfig({ ...process.env, ...env }));
    await b.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.close();
    await a?.close();
  });

  const person = async () => {
    const user = await makeUser(a);
    const onA = a.client();
    await onA.signIn(user.staffNumber, TEST_PASSWORD);
    // The session is the same on both instances; B's client carries it to B.
    const onB = new TestClient(bUrl);
    onB.sessionToken = onA.sessionToken;
    return { id: user.id, onA, onB };
  };

  it('delivers a burst from senders on both instances once each, in order, to subscribers on both', async () => {
    const senders = [await person(), await person(), await person(), await person()];
    const [watchA, watchB] = [await person(), await person()];
    const channel = await ok<Channel>(
      senders[0]!.onA.post('/api/chat/channels', {
        name: '二台試験',
        kind: 'private',
        memberIds: [...senders.slice(1), watchA, watchB].map((p) => p.id),
      }),
      201,
    );
    const views = [new ChannelView(channel.id, watchA.onA, 50), new ChannelView(channel.id, watchB.onB, 50)];
    const watchSockets = [await connect(a.url, watchA.onA), await connect(bUrl, watchB.onB)];
    for (const [i, s] of watchSockets.entries()) {
      views[i]!.attach(s);
      await subscribe(s);
    }
    // Senders 0 and 1 on instance A, 2 and 3 on instance B; 25 messages each, all at once.
    const PER = 25;
    const sendSockets = await Promise.all(
      senders.map((p, i) => (i < 2 ? connect(a.url, p.onA) : connect(bUrl, p.onB))),
    );
    const acks = await Promise.all(
      sendSockets.map(async (s, i) => {
        const out: ChatMessage[] = [];
        for (let k = 1; k <= PER; k++) {
          const ack = await emitAck<{ message: ChatMessage }>(s, 'chat:send', {
            channelId: channel.id,
            clientId: randomUUID(),
            text: `予算 ${i}-${k}`,
          });
          if (!ack?.ok) throw new Error(`send failed: ${JSON.stringify(ack)}`);
          out.push(ack.data.message);
        }
        return out;
      }),
    );
    const total = senders.length * PER;
    await Promise.all(
      views.map((v, i) =>
        until(() => v.last === total, `subscriber ${i ? 'on B' : 'on A'} reached ${total}`),
      ),
    );
    const truth = await fullRead(watchB.onB, channel.id);
    expect(truth).toHaveLength(total);
    expect(truth.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const out of acks)
      expect(out.map((m) => m.seq)).toEqual([...out.map((m) => m.seq)].sort((x, y) => x - y));
    for (const v of views) {
      expect(v.errors).toEqual([]);
      expect(v.ordered()).toEqual(truth);
      // Every message arrived live exactly once at each subscriber (none missed, none twice).
      expect(truth.map((m) => v.deliveries.get(m.id) ?? 0)).toEqual(truth.map(() => 1));
    }
  });

  it('stops delivering on instance B at once to a member removed through instance A', async () => {
    const owner = await person();
    const leaving = await person();
    const [kept, removedFrom] = await Promise.all(
      ['残る部屋', '外される部屋'].map((name) =>
        ok<Channel>(
          owner.onA.post('/api/chat/channels', { name, kind: 'private', memberIds: [leaving.id] }),
          201,
        ),
      ),
    );
    const s = await connect(bUrl, leaving.onB);
    const seen: { channelId: string; text: string }[] = [];
    s.on('chat:changes', (e) => seen.push(...e.items.map((m) => ({ channelId: e.channelId, text: m.text }))));
    await subscribe(s);
    const send = (c: Channel, text: string) =>
      ok<ChatMessage>(
        owner.onA.post(`/api/chat/channels/${c.id}/messages`, { clientId: randomUUID(), text }),
        201,
      );
    await send(removedFrom!, 'まだ見える');
    await until(() => seen.length === 1, 'the member on B got the first message');
    const told = within(
      5000,
      new Promise((resolve) => s.once('chat:channel', resolve)),
      'the member on B told of the removal',
    );
    expect(
      (await owner.onA.delete(`/api/chat/channels/${removedFrom!.id}/members/${leaving.id}`)).status,
    ).toBe(204);
    expect(await told).toEqual({ channelId: removedFrom!.id, removed: true });
    // Right after the removal: one message to the channel left, then one to a channel still held; the second
    // arriving proves the first had its chance to arrive, and it did not.
    await send(removedFrom!, 'もう見えない');
    await send(kept!, '別の部屋');
    await until(
      () => seen.some((x) => x.text === '別の部屋'),
      'the message of the kept channel arrived on B',
    );
    expect(seen).toEqual([
      { channelId: removedFrom!.id, text: 'まだ見える' },
      { channelId: kept!.id, text: '別の部屋' },
    ]);
    expect((await leaving.onB.get(`/api/chat/channels/${removedFrom!.id}/changes?after=0`)).status).toBe(404);
  });
});
