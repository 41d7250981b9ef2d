import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Tx } from '../../core/database/unit-of-work';
import { MeetingEntity } from './entities/meeting.entity';
import { MEETING_CHANGED, type MeetingChangedEvent } from './meetings.events';

/** The one way a meeting records that it changed. */
@Injectable()
export class MeetingChanges {
  constructor(private readonly events: EventEmitter2) {}

  /**
   * Any change to a meeting (also to its participants, agenda or materials) moves its `lockVersion` on, and after
   * commit `meeting.changed` tells the screens open on it (the meeting's live room) to read it again.
   */
  async touch(tx: Tx, meeting: MeetingEntity): Promise<void> {
    meeting.lockVersion += 1;
    meeting.updatedAt = new Date();
    await tx.em.update(
      MeetingEntity,
      { id: meeting.id },
      { lockVersion: meeting.lockVersion, updatedAt: meeting.updatedAt },
    );
    const event: MeetingChangedEvent = {
      meetingId: meeting.id,
      lockVersion: meeting.lockVersion,
      status: meeting.status,
    };
    tx.afterCommit(() => this.events.emit(MEETING_CHANGED, event));
  }
}
