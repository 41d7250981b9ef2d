import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DisasterRollCallEvent } from '@ringi/contracts';
import { RealtimeGateway, userRoom } from '../../core/realtime/realtime.gateway';
import { DisasterTallyService } from './disaster-tally.service';
import {
  DISASTER_ANSWERED,
  DISASTER_ROLL_CALL_CLOSED,
  DISASTER_ROLL_CALL_STARTED,
  type DisasterAnsweredDomainEvent,
  type DisasterRollCallClosedEvent,
  type DisasterRollCallStartedEvent,
} from './disaster.events';
import { disasterDepartmentRoom, disasterRoom } from './disaster.rooms';

/**
 * Turns committed roll-call changes into socket messages (on every instance through the adapter): a roll-call
 * started or closed goes to the user room of every active member of staff (the red banner comes and goes); an
 * answer goes to those watching everyone's tally, to those watching the person's department, and to the
 * person's own tabs.
 */
@Injectable()
export class DisasterPublisher {
  private readonly logger = new Logger('DisasterPublisher');

  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly tallies: DisasterTallyService,
  ) {}

  @OnEvent(DISASTER_ROLL_CALL_STARTED, { async: true, promisify: true })
  async onStarted(event: DisasterRollCallStartedEvent): Promise<void> {
    await this.toEveryone({
      change: 'started',
      rollCallId: event.rollCallId,
      title: event.title,
      message: event.message,
      createdAt: event.createdAt,
      closedAt: null,
    });
  }

  @OnEvent(DISASTER_ROLL_CALL_CLOSED, { async: true, promisify: true })
  async onClosed(event: DisasterRollCallClosedEvent): Promise<void> {
    await this.toEveryone({
      change: 'closed',
      rollCallId: event.rollCallId,
      title: event.title,
      message: event.message,
      createdAt: event.createdAt,
      closedAt: event.closedAt,
    });
  }

  @OnEvent(DISASTER_ANSWERED, { async: true, promisify: true })
  async onAnswered(event: DisasterAnsweredDomainEvent): Promise<void> {
    const server = this.gateway.server;
    if (!server) return;
    try {
      const line = await this.tallies.personLine(event.rollCallId, event.userId);
      if (!line) return;
      const rooms = [disasterRoom(event.rollCallId), userRoom(event.userId)];
      if (line.departmentId) rooms.push(disasterDepartmentRoom(event.rollCallId, line.departmentId));
      server.to(rooms).emit('disaster:answered', line);
    } catch (error) {
      this.logger.warn({ err: error, rollCallId: event.rollCallId }, 'answer not published');
    }
  }

  private async toEveryone(payload: DisasterRollCallEvent): Promise<void> {
    const server = this.gateway.server;
    if (!server) return;
    try {
      const ids = await this.tallies.activeStaffIds();
      if (ids.length) server.to(ids.map(userRoom)).emit('disaster:roll_call', payload);
    } catch (error) {
      this.logger.warn({ err: error, rollCallId: payload.rollCallId }, 'roll-call change not published');
    }
  }
}
