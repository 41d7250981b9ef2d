import { Injectable } from '@nestjs/common';
import { ConnectedSocket, MessageBody, WebSocketServer } from '@nestjs/websockets';
import type { AuthUser } from '../../core/auth/auth.types';
import { RingiGateway, SocketAccess, SocketEvent, SocketUser } from '../../core/realtime/socket.decorators';
import type { SocketAccessCheck, SocketAckData, SocketPayload } from '../../core/realtime/socket.decorators';
import type { RingiServer, RingiSocket } from '../../core/realtime/socket.types';
import { MeetingLiveService, meetingRoom } from './meeting-live.service';

/** Whoever may see the meeting may join its live session (everyone else is told it does not exist). */
@Injectable()
export class MeetingSessionAccess implements SocketAccessCheck<{ meetingId: string }> {
  constructor(private readonly live: MeetingLiveService) {}

  canAccess(user: AuthUser, payload: { meetingId: string }): Promise<boolean> {
    return this.live.canJoin(user, payload.meetingId);
  }
}

/**
 * The live session of a meeting over Socket.IO: join (answered with what is shown now, so a latecomer lands on
 * the current page), leave, and present (broadcast to everyone who joined, on every API instance). Following is
 * the viewer's choice: the broadcast says what the presenter shows; only `forced` asks everyone to follow. The
 * presenter may also point at a spot of the page for everyone (not stored).
 */
@RingiGateway()
export class MeetingLiveGateway {
  @WebSocketServer()
  server!: RingiServer;

  constructor(private readonly live: MeetingLiveService) {}

  @SocketEvent('meeting:join')
  @SocketAccess(MeetingSessionAccess)
  async join(
    @ConnectedSocket() socket: RingiSocket,
    @MessageBody() payload: SocketPayload<'meeting:join'>,
  ): Promise<SocketAckData<'meeting:join'>> {
    await socket.join(meetingRoom(payload.meetingId));
    return { presentation: await this.live.current(payload.meetingId) };
  }

  @SocketEvent('meeting:leave')
  @SocketAccess(MeetingSessionAccess)
  async leave(
    @ConnectedSocket() socket: RingiSocket,
    @MessageBody() payload: SocketPayload<'meeting:leave'>,
  ): Promise<SocketAckData<'meeting:leave'>> {
    await socket.leave(meetingRoom(payload.meetingId));
    return {};
  }

  @SocketEvent('meeting:present')
  @SocketAccess(MeetingSessionAccess)
  async present(
    @SocketUser() user: AuthUser,
    @MessageBody() payload: SocketPayload<'meeting:present'>,
  ): Promise<SocketAckData<'meeting:present'>> {
    const presentation = await this.live.present(user, payload);
    this.server.to(meetingRoom(payload.meetingId)).emit('meeting:presentation', presentation);
    return { presentation };
  }

  @SocketEvent('meeting:point')
  @SocketAccess(MeetingSessionAccess)
  async point(
    @SocketUser() user: AuthUser,
    @MessageBody() payload: SocketPayload<'meeting:point'>,
  ): Promise<SocketAckData<'meeting:point'>> {
    const pointer = await this.live.point(user, payload);
    this.server.to(meetingRoom(payload.meetingId)).emit('meeting:pointer', pointer);
    return {};
  }
}
