import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { PresenceState } from '@ringi/contracts';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';

/** How long changes of presence are gathered before one `chat:presence` event tells everyone. */
export const PRESENCE_FLUSH_MS = 1000;

/**
 * Presence: online while any device of the person is connected (to any API instance, asked through the
 * adapter), offline otherwise; what a person says about themself (away, テレワーク中) is kept in
 * `chat_presence` and shown while they are connected.
 *
 * Connections and disconnections are not announced one by one: each would ask every instance for the
 * person's sockets and tell every socket, so a thousand iPads reconnecting after a restart would cost a
 * million deliveries. Instead the people whose sockets came or went are gathered for about a second; then one
 * question to the adapter and one query decide their presence, and one event tells everyone.
 */
@Injectable()
export class ChatPresenceService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ChatPresence');
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Shutting down: sockets closing now are not people going offline, and the adapter may be gone. */
  private closing = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly realtime: RealtimeGateway,
  ) {}

  /** The people of `ids` with a connected device, on any instance. */
  async connected(ids?: readonly string[]): Promise<Set<string>> {
    const server = this.realtime.server;
    if (!server) return new Set();
    const sockets =
      ids?.length === 1 ? await server.in(userRoom(ids[0]!)).fetchSockets() : await server.fetchSockets();
    const online = new Set(sockets.map((s) => s.data.user?.id).filter((id): id is string => !!id));
    return ids ? new Set(ids.filter((id) => online.has(id))) : online;
  }

  /** What each connected person says about themself (away, telework); people not in the map are plainly online. */
  async stated(ids: readonly string[]): Promise<Map<string, PresenceState>> {
    if (!ids.length) return new Map();
    const rows: { user_id: string; presence: PresenceState }[] = await this.uow.query(
      `SELECT user_id, presence FROM chat_presence WHERE user_id = ANY($1::uuid[]) AND presence <> 'online'`,
      [ids],
    );
    return new Map(rows.map((r) => [r.user_id, r.presence]));
  }

  async of(ids: readonly string[]): Promise<Map<string, PresenceState>> {
    const online = await this.connected(ids);
    const stated = await this.stated([...online]);
    return new Map(ids.map((id) => [id, online.has(id) ? (stated.get(id) ?? 'online') : 'offline']));
  }

  async nameOf(userId: string): Promise<string> {
    const [row]: { name: string }[] = await this.uow.query(
      `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE id = $1`,
      [userId],
    );
    return row?.name ?? '';
  }

  /** Tells everyone (every instance) the person's presence at once (they said it themself). */
  announce(userId: string, presence: PresenceState): void {
    this.realtime.server?.emit('chat:presence', { items: [{ userId, presence }] });
  }

  /** A device of the person connected or disconnected: everyone is told their presence within a second. */
  changed(userId: string): void {
    if (this.closing) return;
    this.pending.add(userId);
    this.timer ??= setTimeout(() => void this.flush(), PRESENCE_FLUSH_MS);
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = [...this.pending];
    this.pending.clear();
    if (!ids.length || this.closing) return;
    try {
      const now = await this.of(ids);
      if (this.closing) return;
      this.realtime.server?.emit('chat:presence', {
        items: ids.map((userId) => ({ userId, presence: now.get(userId) ?? 'offline' })),
      });
    } catch (error) {
      this.logger.debug({ err: error }, 'presence not announced');
    }
  }

  /** Records what the person says about themself; returns their presence now. */
  async set(userId: string, presence: 'online' | 'away' | 'telework'): Promise<PresenceState> {
    await this.uow.query(
      `INSERT INTO chat_presence (user_id, presence, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET presence = EXCLUDED.presence, updated_at = now()`,
      [userId, presence],
    );
    return presence;
  }
}
