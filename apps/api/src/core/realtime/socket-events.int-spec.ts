import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  clientToServerEventSchemas,
  SESSION_COOKIE,
  SOCKET_PATH,
  type Ack,
  type ClientEventName,
  type ClientEventSchema,
} from '@ringi/contracts';
import { AppModule } from '../../app.module';
import { parseConfig } from '../../config/config.schema';
import type { TestApp } from '../../../../../tests/support/app';
import { createTestDatabase } from '../../../../../tests/support/database';
import { makeUser } from '../../../../../tests/support/factories';
import { TestClient } from '../../../../../tests/support/http';
import type { AuthUser } from '../auth/auth.types';
import { SessionsService } from '../auth/sessions.service';
import { UnitOfWork } from '../database/unit-of-work';
import {
  NoResourceAccess,
  RingiGateway,
  SocketAccess,
  SocketEvent,
  type SocketAccessCheck,
} from './socket.decorators';
import { findSocketHandlerProblems, listSocketHandlers } from './socket-handlers';
import { RingiSocketAdapter } from './socket-io.adapter';

/**
 * Socket events are denied by default: a probe gateway added beside the real application shows what the guard,
 * the acknowledgement interceptor and the one socket exception filter do with complete, forgetful and failing
 * handlers. Its events are added to the contracts table as a feature would add its own.
 */
const probeEvents = {
  'probe:checked': {
    summary: 'A resource event with an access check.',
    payload: z.strictObject({ allowed: z.boolean(), n: z.coerce.number().int() }),
    ack: z.object({ n: z.number().int() }),
  },
  'probe:forgetful': {
    summary: 'A handler that forgot its access decorator.',
    payload: z.strictObject({}),
    ack: z.object({}),
  },
  'probe:crash': { summary: 'A handler that fails.', payload: z.strictObject({}), ack: z.object({}) },
  'probe:bad-ack': {
    summary: 'A handler that answers outside its schema.',
    payload: z.strictObject({}),
    ack: z.object({ n: z.number() }),
  },
} satisfies Record<string, ClientEventSchema>;
Object.assign(clientToServerEventSchemas, probeEvents);
type ProbeEvent = keyof typeof probeEvents;
const event = (name: ProbeEvent) => name as unknown as ClientEventName;

const ran: string[] = [];

@Injectable()
class ProbeAccess implements SocketAccessCheck<{ allowed: boolean }> {
  readonly asked: string[] = [];
  canAccess(user: AuthUser, payload: { allowed: boolean }): boolean {
    this.asked.push(user.id);
    return payload.allowed;
  }
}

@RingiGateway()
class ProbeGateway {
  @SocketEvent(event('probe:checked'))
  @SocketAccess(ProbeAccess)
  checked(@MessageBody() payload: { n: number }): { n: number } {
    ran.push('checked');
    return { n: payload.n };
  }

  @SocketEvent(event('probe:forgetful'))
  forgetful(): Record<string, never> {
    ran.push('forgetful');
    return {};
  }

  @SocketEvent(event('probe:crash'))
  @NoResourceAccess('test: fails on purpose')
  crash(): never {
    ran.push('crash');
    throw new Error('boom: internal detail');
  }

  @SocketEvent(event('probe:bad-ack'))
  @NoResourceAccess('test: answers outside its schema')
  badAck(): unknown {
    ran.push('bad-ack');
    return { n: 'not a number' };
  }
}

/** A gateway made the plain Nest way, without RingiGateway, SocketEvent or an access decorator. */
@WebSocketGateway()
class PlainGateway {
  @SubscribeMessage('probe:plain')
  plain(): string {
    ran.push('plain');
    return 'ran';
  }
}

@Module({ imports: [AppModule], providers: [ProbeGateway, PlainGateway, ProbeAccess] })
class ProbeAppModule {}

type ProbeSocket = Socket;

describe('socket events are denied by default', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const sockets: ProbeSocket[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const dataDir = await mkdtemp(join(tmpdir(), 'ringi-test-data-'));
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      // The per-event check is the one under test: the periodic one stays out of the way.
      SOCKET_SESSION_CHECK_MS: '60000',
    });
    const app = await NestFactory.create<NestExpressApplication>(ProbeAppModule, { logger: false });
    app.useWebSocketAdapter(new RingiSocketAdapter(app, parseConfig(process.env)));
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    t = {
      app,
      url,
      dataSource: app.get(DataSource),
      dataDir,
      client: (opts) => new TestClient(url, opts?.locale ?? 'ja'),
      close: async () => {
        await app.close();
        await drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t?.close());

  /** A connected socket of a new user (with the given language) and the user. */
  async function connected(locale: 'ja' | 'en' = 'ja') {
    const user = await makeUser(t);
    await t.dataSource.query('UPDATE app_user SET locale = $2 WHERE id = $1', [user.id, locale]);
    const { token } = await t.app
      .get(UnitOfWork)
      .run(({ em }) => t.app.get(SessionsService).create(em, user.id, { ipAddress: null, userAgent: null }));
    const socket = io(t.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { cookie: `${SESSION_COOKIE}=${token}`, origin: t.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, user };
  }

  const send = (socket: ProbeSocket, name: string, payload?: unknown): Promise<Ack<unknown>> =>
    socket.timeout(5000).emitWithAck(name, payload) as Promise<Ack<unknown>>;

  it('runs a complete handler with its parsed payload after its access check allowed it', async () => {
    const { socket, user } = await connected();
    expect(await send(socket, 'probe:checked', { allowed: true, n: '7' })).toEqual({
      ok: true,
      data: { n: 7 },
    });
    expect(t.app.get(ProbeAccess).asked).toContain(user.id);
  });

  it('refuses an event its access check denies with auth/forbidden in the person’s language, without running it', async () => {
    const { socket } = await connected('en');
    ran.length = 0;
    expect(await send(socket, 'probe:checked', { allowed: false, n: 1 })).toEqual({
      ok: false,
      error: { code: 'auth/forbidden', message: 'You do not have permission to do this.' },
    });
    expect(ran).toEqual([]);
  });

  it('refuses a payload that does not match the schema before any access check', async () => {
    const { socket } = await connected();
    const asked = t.app.get(ProbeAccess).asked.length;
    const ack = await send(socket, 'probe:checked', { allowed: 'yes', n: 1, extra: true });
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('request/validation_failed');
      expect(ack.error.message).toBe('入力内容に誤りがあります。');
      expect(ack.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining([['allowed'], ['extra']]));
    }
    expect(t.app.get(ProbeAccess).asked).toHaveLength(asked);
  });

  it('refuses at run time a handler that forgot its access decorator, without running it', async () => {
    const { socket } = await connected();
    ran.length = 0;
    const ack = await send(socket, 'probe:forgetful', {});
    expect(ack).toEqual({
      ok: false,
      error: { code: 'auth/forbidden', message: 'この操作を行う権限がありません。' },
    });
    expect(ran).toEqual([]);
  });

  it('refuses at run time a handler of a gateway made without RingiGateway, without running it', async () => {
    const { socket } = await connected();
    ran.length = 0;
    expect(await send(socket, 'probe:plain', {})).toEqual({
      ok: false,
      error: { code: 'auth/forbidden', message: 'この操作を行う権限がありません。' },
    });
    expect(ran).toEqual([]);
  });

  it('answers an unexpected error as internal/unexpected without internals, and logs it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { socket } = await connected();
      const crash = await send(socket, 'probe:crash', {});
      expect(crash).toEqual({
        ok: false,
        error: {
          code: 'internal/unexpected',
          message: 'システムでエラーが発生しました。時間をおいてもう一度お試しください。',
        },
      });
      expect(JSON.stringify(crash)).not.toContain('boom');
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ event: 'probe:crash', err: expect.any(Error) }),
        'Unexpected socket error',
      );
      // An answer outside the event's ack schema is a bug of the handler, not something to send.
      const badAck = await send(socket, 'probe:bad-ack', {});
      expect(badAck.ok).toBe(false);
      if (!badAck.ok) expect(badAck.error.code).toBe('internal/unexpected');
    } finally {
      logged.mockRestore();
    }
  });

  it('finds every handler of the application, and fails on exactly the ones without access decorator or schema', () => {
    const handlers = listSocketHandlers(t.app).map((h) => `${h.gateway.name}.${h.method} → ${h.event}`);
    expect(handlers).toEqual(
      expect.arrayContaining(['RealtimeGateway.ping → ping', 'ProbeGateway.checked → probe:checked']),
    );
    // Everything of the real application is complete; only the two probes made to fail are reported.
    expect(findSocketHandlerProblems(t.app).sort()).toEqual([
      'PlainGateway.plain: its class is not a @RingiGateway()',
      'PlainGateway.plain: no @SocketEvent(name) (use it instead of @SubscribeMessage)',
      'PlainGateway.plain: no access decorator (@SocketAccess(check) or @NoResourceAccess(reason))',
      'ProbeGateway.forgetful: no access decorator (@SocketAccess(check) or @NoResourceAccess(reason))',
    ]);
  });
});
