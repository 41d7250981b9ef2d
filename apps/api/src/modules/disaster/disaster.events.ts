/**
 * Domain events of the disaster module, emitted through EventEmitter2 after the transaction commits. The
 * disaster publisher turns them into socket emits; other features may listen too (the business chat posts a
 * started roll-call into the all-staff channel) without this module knowing them.
 */

/** An administrator started an all-staff roll-call (安否確認). */
export const DISASTER_ROLL_CALL_STARTED = 'disaster.roll_call_started';
export interface DisasterRollCallStartedEvent {
  rollCallId: string;
  title: string;
  message: string;
  /** The administrator who started it. */
  createdBy: string;
  createdAt: string;
}

/** A roll-call was closed: answers are no longer taken. */
export const DISASTER_ROLL_CALL_CLOSED = 'disaster.roll_call_closed';
export interface DisasterRollCallClosedEvent {
  rollCallId: string;
  title: string;
  message: string;
  createdAt: string;
  closedAt: string;
  closedBy: string;
}

/** Someone answered a roll-call, or changed their answer. */
export const DISASTER_ANSWERED = 'disaster.answered';
export interface DisasterAnsweredDomainEvent {
  rollCallId: string;
  userId: string;
}
