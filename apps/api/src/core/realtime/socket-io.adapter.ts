import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { SOCKET_PATH } from '@ringi/contracts';
import type { AppConfig } from '../../config/config.schema';
import { socketErrorAck } from './socket-exception.filter';
import { listSocketHandlers, socketHandlerProblems } from './socket-handlers';
import type { RingiSocket } from './socket.types';

/**
 * Only pages served by Ringi itself may open a socket: the Origin must be PUBLIC_URL's origin or the very
 * host the request was sent to. Browsers omit Origin on same-origin GETs (Socket.IO's long-polling
 * handshake); those are accepted only when the browser itself says `Sec-Fetch-Site: same-origin`.
 * Anything else without an Origin is refused.
 */
export function isAllowedOrigin(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return req.headers['sec-fetch-site'] === 'same-origin';
  if (publicUrl && new URL(publicUrl).origin === origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Why a handshake from a page that Ringi did not serve is refused (403, in engine.io's error body). */
export const ORIGIN_REFUSED = 'request/origin_not_allowed';

/**
 * Socket.IO on the API's HTTP server; with REDIS_URL the Redis adapter joins every instance's rooms.
 *
 * Deny by default: Nest applies no global guard, pipe or filter to gateways, so this adapter is where every
 * message handler of the application passes. A handler that is not declared completely (a `@RingiGateway()`,
 * `@SocketEvent(name)` with a schema in libs/contracts, an explicit access decorator) never runs: its event is
 * answered `auth/forbidden` and the omission is logged. Complete handlers then go through the gateway's socket
 * event guard (session, payload, access) for every event.
 */
export class RingiSocketAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private redisClients: ReturnType<typeof createClient>[] = [];
  /** Events whose handlers are not declared completely, with what they lack (found at the first connection). */
  private refused: Map<string, string[]> | undefined;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override bindMessageHandlers(
    socket: RingiSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const refused = this.refusedEvents();
    super.bindMessageHandlers(
      socket,
      handlers.map((handler) => {
        const message = String(handler.message);
        if (!refused.has(message)) return handler;
        return {
          ...handler,
          callback: (_data: unknown, ack: unknown) => {
            this.logger.error(`Refused socket event "${message}": ${refused.get(message)?.join('; ')}`);
            if (typeof ack === 'function')
              ack(socketErrorAck('auth/forbidden', socket.data.user?.locale ?? 'ja'));
            return Promise.resolve(undefined);
          },
        };
      }),
      transform,
    );
  }

  private refusedEvents(): Map<string, string[]> {
    if (!this.refused) {
      this.refused = new Map();
      for (const ref of listSocketHandlers(this.app)) {
        const problems = socketHandlerProblems(ref.gateway, ref.handler);
        if (!problems.length) continue;
        this.refused.set(ref.event, [
          ...(this.refused.get(ref.event) ?? []),
          ...problems.map((p) => `${ref.gateway.name}.${ref.method}: ${p}`),
        ]);
      }
      for (const [event, problems] of this.refused)
        this.logger.error(`Socket event "${event}" will be refused: ${problems.join('; ')}`);
    }
    return this.refused;
  }

  async connectRedis(): Promise<void> {
    if (!this.config.REDIS_URL) return;
    const pub = createClient({ url: this.config.REDIS_URL });
    const sub = pub.duplicate();
    pub.on('error', (err) => this.logger.error(err, 'Redis (pub)'));
    sub.on('error', (err) => this.logger.error(err, 'Redis (sub)'));
    await Promise.all([pub.connect(), sub.connect()]);
    this.redisClients = [pub, sub];
    this.logger.log('Socket.IO uses the Redis adapter');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      serveClient: false,
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        const allowed = isAllowedOrigin(req, this.config.PUBLIC_URL);
        callback(allowed ? null : ORIGIN_REFUSED, allowed);
      },
    });
    if (this.redisClients.length === 2) {
      const [pub, sub] = this.redisClients;
      server.adapter(createAdapter(pub, sub, { key: this.config.SOCKET_REDIS_CHANNEL }));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // The subscriber first: once it is gone no request of another instance reaches this one, so nothing answers
    // through a publisher that is already closed (an unhandled "The client is closed" in the other's teardown).
    const [pub, sub] = this.redisClients;
    await sub?.quit().catch(() => undefined);
    await pub?.quit().catch(() => undefined);
    this.redisClients = [];
  }
}
