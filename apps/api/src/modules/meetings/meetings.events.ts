/**
 * Domain events of the meetings module, emitted through EventEmitter2 after the transaction commits. The
 * notifications module listens to `meeting.distributed`; a realtime publisher (room `meeting:{id}`) will listen
 * to both.
 */

/** A meeting was distributed (配布): its participants may now read it and its materials. */
export const MEETING_DISTRIBUTED = 'meeting.distributed';
export interface MeetingDistributedEvent {
  meetingId: string;
  title: string;
  startsAt: string;
  place: string;
  /** Everyone who takes part today (people named, members of departments named), but not the distributor. */
  userIds: string[];
}

/** A material got a new version; the one before is kept as superseded. */
export const MEETING_MATERIAL_REPLACED = 'meeting.material_replaced';
export interface MeetingMaterialReplacedEvent {
  meetingId: string;
  title: string;
  agendaItemId: string;
  materialId: string;
  materialTitle: string;
  version: number;
  /** Everyone who takes part today, but not the person who replaced it. */
  userIds: string[];
}

/**
 * A meeting was disposed of (廃棄): nothing of it is readable any more. Offline copies on devices are purged
 * when the meeting answers 404; a realtime publisher may tell `userIds` at once.
 */
export const MEETING_DISPOSED = 'meeting.disposed';
export interface MeetingDisposedEvent {
  meetingId: string;
  /** Everyone who took part on the day of disposal. */
  userIds: string[];
}

/**
 * Anything of a meeting changed (its `lockVersion` moved on: details, participants, agenda, materials, status).
 * The meetings publisher tells the meeting's live room, after making anyone who may no longer see it leave.
 */
export const MEETING_CHANGED = 'meeting.changed';
export interface MeetingChangedEvent {
  meetingId: string;
  lockVersion: number;
  status: 'draft' | 'distributed' | 'in_session' | 'closed';
}
