import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';
import { ATTENDANCE_PUNCHED, type AttendancePunchedEvent } from './attendance-punches.service';

/** A punch reaches the person's other tabs and devices (on every instance), so today's status is the same everywhere. */
@Injectable()
export class AttendancePublisher {
  constructor(private readonly realtime: RealtimeGateway) {}

  @OnEvent(ATTENDANCE_PUNCHED)
  onPunched(event: AttendancePunchedEvent): void {
    this.realtime.server?.to(userRoom(event.userId)).emit('attendance:punched', event.today);
  }
}
