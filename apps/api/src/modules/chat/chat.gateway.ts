import { Injectable } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import type { AuthUser } from '../../core/auth/auth.types';
import {
  NoResourceAccess,
  RingiGateway,
  SocketAccess,
  SocketEvent,
  SocketUser,
  type SocketAccessCheck,
  type SocketAckData,
  type SocketPayload,
} from '../../core/realtime/socket.decorators';
import { type RingiServer, type RingiSocket } from '../../core/realtime/socket.types';
import { ChatChannelsService } from './chat-channels.service';
import { ChatMessagesService } from './chat-messages.service';
import { ChatPresenceService } from './chat-presence.service';
import { ChatPolicy } from './chat.policy';

export const channelRoom = (channelId: string) => `channel:${channelId}`;

/** Only members of the channel may send to it or tell it they are typing. */
@Injectable()
export class ChatChannelMemberAccess implements SocketAccessCheck<{ channelId: string }> {
  constructor(private readonly policy: ChatPolicy) {}

  canAccess(user: AuthUser, payload: { channelId: string }): Promise<boolean> {
    return this.policy.isMember(payload.channelId, user.id);
  }
}

/**
 * Chat over Socket.IO. After every connection the client sends `chat:subscribe`: its socket joins the rooms of
 * the channels it is a member of and learns each channel's change number, then asks REST for what it missed.
 * Sending goes through the same service as REST (acknowledged after commit, idempotent by client id); the
 * changes reach the rooms through ChatPublisher after commit, on every instance.
 */
@RingiGateway()
export class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  server!: RingiServer;

  constructor(
    private readonly channels: ChatChannelsService,
    private readonly messages: ChatMessagesService,
    private readonly presence: ChatPresenceService,
  ) {}

  /** A device came online: everyone is told the person's presence within a second. */
  handleConnection(socket: RingiSocket): void {
    const user = socket.data.user;
    if (user) this.presence.changed(user.id);
  }

  /** A device went offline: the same (offline once it was the person's last). */
  handleDisconnect(socket: RingiSocket): void {
    const user = socket.data.user;
    if (user) this.presence.changed(user.id);
  }

  @SocketEvent('chat:subscribe')
  @NoResourceAccess('joins only the rooms of channels the person is a member of, and lists only those')
  async subscribe(
    @SocketUser() user: AuthUser,
    @ConnectedSocket() socket: RingiSocket,
  ): Promise<SocketAckData<'chat:subscribe'>> {
    const channels = await this.channels.list(user, 'mine');
    await socket.join(channels.map((c) => channelRoom(c.id)));
    return { channels };
  }

  @SocketEvent('chat:send')
  @SocketAccess(ChatChannelMemberAccess)
  async send(
    @SocketUser() user: AuthUser,
    @MessageBody() payload: SocketPayload<'chat:send'>,
  ): Promise<SocketAckData<'chat:send'>> {
    const { channelId, ...message } = payload;
    return { message: await this.messages.send(user, channelId, message) };
  }

  @SocketEvent('chat:typing')
  @SocketAccess(ChatChannelMemberAccess)
  async typing(
    @SocketUser() user: AuthUser,
    @ConnectedSocket() socket: RingiSocket,
    @MessageBody() payload: SocketPayload<'chat:typing'>,
  ): Promise<SocketAckData<'chat:typing'>> {
    socket.to(channelRoom(payload.channelId)).emit('chat:typing', {
      channelId: payload.channelId,
      threadRootId: payload.threadRootId ?? null,
      userId: user.id,
      name: await this.presence.nameOf(user.id),
    });
    return {};
  }

  @SocketEvent('chat:presence')
  @NoResourceAccess('sets what the person says about themself')
  async setPresence(
    @SocketUser() user: AuthUser,
    @MessageBody() payload: SocketPayload<'chat:presence'>,
  ): Promise<SocketAckData<'chat:presence'>> {
    const presence = await this.presence.set(user.id, payload.presence);
    this.presence.announce(user.id, presence);
    return {};
  }
}
