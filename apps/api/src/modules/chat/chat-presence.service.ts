import { Injectable } from '@nestjs/common';
import type { PresenceState } from '@ringi/contracts';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';

/**
 * Presence: online while any device of the person is connected (to any API instance, asked through the
 * adapter), offline otherwise; what a person says about themself (away, テレワーク中) is kept in
 * `chat_presence` and shown while they are connected.
 */
@Injectable()
export class ChatPresenceService {
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

  /** Tells everyone (every instance) the person's presence. */
  announce(userId: string, presence: PresenceState): void {
    this.realtime.server?.emit('chat:presence', { userId, presence });
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
