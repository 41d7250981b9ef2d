import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth.types';
import { RealtimeGateway } from '../../core/realtime/realtime.gateway';
import { MeetingEntity } from './entities/meeting.entity';
import { meetingRoom } from './meeting-live.service';
import { MeetingPolicy } from './meeting.policy';
import {
  MEETING_CHANGED,
  MEETING_DISPOSED,
  type MeetingChangedEvent,
  type MeetingDisposedEvent,
} from './meetings.events';

/**
 * Turns committed meeting changes into socket messages for the meeting's live room (`meeting:{id}`, on every
 * instance): first everyone who may no longer see the meeting (a participant removed, a department left) leaves
 * the room, then the rest are told `meeting:changed` and read the meeting again. A disposed meeting's room is
 * emptied.
 */
@Injectable()
export class MeetingsPublisher {
  private readonly logger = new Logger('MeetingsPublisher');

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly policy: MeetingPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @OnEvent(MEETING_CHANGED, { async: true, promisify: true })
  async onChanged(event: MeetingChangedEvent): Promise<void> {
    const server = this.gateway.server;
    if (!server) return;
    const room = meetingRoom(event.meetingId);
    try {
      const meeting = await this.dataSource.getRepository(MeetingEntity).findOneBy({ id: event.meetingId });
      for (const socket of await server.in(room).fetchSockets()) {
        const user = socket.data.user as AuthUser | undefined;
        if (!meeting || !user || !(await this.policy.canSee(user, meeting))) socket.leave(room);
      }
      server.to(room).emit('meeting:changed', event);
    } catch (error) {
      this.logger.warn({ err: error, meetingId: event.meetingId }, 'meeting change not published');
    }
  }

  @OnEvent(MEETING_DISPOSED, { async: true, promisify: true })
  onDisposed(event: MeetingDisposedEvent): void {
    this.gateway.server?.in(meetingRoom(event.meetingId)).socketsLeave(meetingRoom(event.meetingId));
  }
}
