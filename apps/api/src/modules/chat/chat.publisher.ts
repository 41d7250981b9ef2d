import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { tokyoDate } from '@ringi/domain';
import { JobsService } from '../../core/jobs/jobs.service';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';
import { ORG_CHANGED, type OrgChangedEvent } from '../org/org.events';
import { channelRoom } from './chat.gateway';
import { ChatPolicy } from './chat.policy';
import {
  CHAT_CHANGED,
  CHAT_CHANNEL_CHANGED,
  CHAT_READ,
  type ChatChangedEvent,
  type ChatChannelChangedEvent,
  type ChatReadEventData,
} from './chat.events';

/** The nightly job (just after midnight, Japan) that moves sockets into the rooms of the day's org chart. */
export const CHAT_ORG_ROOMS_QUEUE = 'chat.org-rooms';

/**
 * Turns committed chat changes into socket messages, on every API instance (through the adapter):
 * - message changes go to the channel's room as `chat:changes`;
 * - people added to a channel join its room, people removed leave it at once (before anything else is sent), and
 *   everyone concerned is told `chat:channel`;
 * - reading goes to the reader's devices, and to the room when read receipts are on;
 * - when the org chart changes (now, or at midnight of the day a transfer takes effect), every connected socket's
 *   rooms of all-staff and department channels are set to what the org chart says today.
 */
@Injectable()
export class ChatPublisher implements OnModuleInit {
  private readonly logger = new Logger('ChatPublisher');

  constructor(
    private readonly realtime: RealtimeGateway,
    private readonly policy: ChatPolicy,
    private readonly jobs: JobsService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register(CHAT_ORG_ROOMS_QUEUE, async () => {
      await this.syncOrgRooms();
    });
    await this.jobs.schedule(CHAT_ORG_ROOMS_QUEUE, '1 0 * * *');
  }

  @OnEvent(CHAT_CHANGED)
  onChanged(event: ChatChangedEvent): void {
    this.realtime.server?.to(channelRoom(event.channelId)).emit('chat:changes', {
      channelId: event.channelId,
      changeSeq: event.changeSeq,
      items: event.messages,
      more: false,
    });
  }

  @OnEvent(CHAT_CHANNEL_CHANGED)
  onChannelChanged(event: ChatChannelChangedEvent): void {
    const server = this.realtime.server;
    if (!server) return;
    const room = channelRoom(event.channelId);
    for (const id of event.removed) {
      server.in(userRoom(id)).socketsLeave(room);
      server.to(userRoom(id)).emit('chat:channel', { channelId: event.channelId, removed: true });
    }
    for (const id of event.added) server.in(userRoom(id)).socketsJoin(room);
    server.to(room).emit('chat:channel', { channelId: event.channelId, removed: false });
  }

  @OnEvent(CHAT_READ)
  onRead(event: ChatReadEventData): void {
    const server = this.realtime.server;
    if (!server) return;
    const { receipts, ...payload } = event;
    server.to(userRoom(event.userId)).emit('chat:read', payload);
    if (receipts)
      server
        .to(channelRoom(event.channelId))
        .except(userRoom(event.userId))
        .emit('chat:read', { ...payload, unreadCount: 0, mentionCount: 0 });
  }

  @OnEvent(ORG_CHANGED, { async: true, promisify: true })
  async onOrgChanged(event: OrgChangedEvent): Promise<void> {
    if (event.effectiveFrom > tokyoDate()) return; // the nightly run of that day sees to it
    await this.syncOrgRooms();
  }

  /**
   * Sets every connected socket's rooms of channels to the channels its person is a member of today: joins the
   * new ones, leaves the others, and tells the person `chat:channel` for each. Returns how many sockets changed.
   */
  async syncOrgRooms(): Promise<number> {
    const server = this.realtime.server;
    if (!server) return 0;
    let changed = 0;
    try {
      const sockets = await server.fetchSockets();
      const byUser = new Map<string, Set<string>>();
      for (const socket of sockets) {
        const userId = socket.data.user?.id;
        if (!userId) continue;
        if (!byUser.has(userId)) byUser.set(userId, new Set(await this.policy.channelIdsOf(userId)));
        const mine = byUser.get(userId)!;
        const inRooms = [...socket.rooms].filter((r) => r.startsWith('channel:')).map((r) => r.slice(8));
        const leave = inRooms.filter((id) => !mine.has(id));
        const join = [...mine].filter((id) => !socket.rooms.has(channelRoom(id)));
        if (!leave.length && !join.length) continue;
        changed++;
        for (const id of leave) socket.leave(channelRoom(id));
        socket.join(join.map(channelRoom));
        for (const id of leave) socket.emit('chat:channel', { channelId: id, removed: true });
        for (const id of join) socket.emit('chat:channel', { channelId: id, removed: false });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'chat rooms not brought in step with the org chart');
    }
    return changed;
  }
}
