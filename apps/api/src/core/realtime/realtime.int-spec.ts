import { createConnection } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionList,
} from '@ringi/contracts';
import { createApp } from '../../bootstrap';
import { parseConfig } from '../../config/config.schema';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import type { TestClient } from '../../../../../tests/support/http';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function connect(url: string, headers: Record<string, string>): ClientSocket {
  return io(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
}

function outcome(socket: ClientSocket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

const headersOf = (t: TestApp, client: TestClient) => ({ cookie: client.cookie, origin: t.url });

describe('realtime (Socket.IO)', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  const track = (s: ClientSocket) => (sockets.push(s), s);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  it('refuses a connection without a session cookie', async () => {
    expect(await outcome(track(connect(t.url, { origin: t.url })))).toBe('auth/unauthenticated');
  });

  it('refuses a connection from another origin even with a valid session', async () => {
    const { client } = await signedInClient(t);
    const result = await outcome(
      track(connect(t.url, { cookie: client.cookie, origin: 'http://evil.example' })),
    );
    expect(result).not.toBe('connected');
  });

  it('accepts a signed-in user, greets them and answers a ping with an acknowledgement', async () => {
    const { client, user } = await signedInClient(t);
    const socket = track(connect(t.url, headersOf(t, client)));
    const hello = new Promise<{ userId: string }>((resolve) => socket.once('hello', resolve));
    expect(await outcome(socket)).toBe('connected');
    expect((await hello).userId).toBe(user.id);
    const ack = await socket.timeout(5000).emitWithAck('ping');
    expect(ack.ok).toBe(true);
  });

  it('closes the sockets of a session an administrator revokes, and only those', async () => {
    const { client: staff, user } = await signedInClient(t);
    const { client: other } = await signedInClient(t);
    const { client: admin } = await signedInClient(t, { role: 'admin' });
    const victim = track(connect(t.url, headersOf(t, staff)));
    const bystander = track(connect(t.url, headersOf(t, other)));
    await Promise.all([outcome(victim), outcome(bystander)]);
    const revoked = new Promise<string>((resolve) =>
      victim.once('session:revoked', (e) => resolve(e.reason)),
    );
    const closed = new Promise<string>((resolve) => victim.once('disconnect', resolve));
    const sessions = await admin.get<SessionList>(`/api/admin/sessions?userId=${user.id}`);
    expect((await admin.delete(`/api/admin/sessions/${sessions.body.items[0].id}`)).status).toBe(204);
    expect(await revoked).toBe('revoked');
    expect(await closed).toBe('io server disconnect');
    expect(bystander.connected).toBe(true);
  });
});

/** Two API instances on one database and one Redis: a revocation on one closes the socket held by the other. */
function redisUrl(): Promise<string | null> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const probe = createConnection({ host: hostname, port: Number(port || 6379) });
    probe.setTimeout(500);
    probe.once('connect', () => (probe.destroy(), resolve(url)));
    probe.once('error', () => resolve(null));
    probe.once('timeout', () => (probe.destroy(), resolve(null)));
  });
}

describe('realtime across two API instances (Redis adapter)', () => {
  it('delivers a revocation from instance A to a socket on instance B', async () => {
    const url = await redisUrl();
    if (!url) {
      console.warn(
        'No Redis reachable (REDIS_URL or 127.0.0.1:6379): cross-instance delivery not tested in this run.',
      );
      return;
    }
    const a = await startTestApp({ REDIS_URL: url });
    // Instance B: the same database, its own process state.
    const b = await createApp(parseConfig(process.env));
    await b.listen(0, '127.0.0.1');
    const bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as { port: number }).port}`;
    try {
      const { client, user } = await signedInClient(a);
      const { client: admin } = await signedInClient(a, { role: 'admin' });
      const socket = connect(bUrl, { cookie: client.cookie, origin: bUrl });
      expect(await outcome(socket)).toBe('connected');
      const revoked = new Promise<string>((resolve) =>
        socket.once('session:revoked', (e) => resolve(e.reason)),
      );
      expect((await admin.post(`/api/admin/staff/${user.id}/revoke-sessions`)).status).toBe(200);
      expect(await revoked).toBe('revoked');
      socket.disconnect();
    } finally {
      await b.close();
      await a.close();
    }
  });
});
