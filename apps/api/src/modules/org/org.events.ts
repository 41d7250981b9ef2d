import type { EventEmitter2 } from '@nestjs/event-emitter';
import { tokyoDate } from '@ringi/domain';
import type { Tx } from '../../core/database/unit-of-work';

/**
 * Emitted after commit when who holds what changes from a day on: an assignment added, ended or removed, a
 * department reorganised or abolished, staff imported. Approvals re-resolve their active steps at once when the
 * change is already in effect (an April 1 transfer entered ahead is seen by the nightly run of that day).
 */
export const ORG_CHANGED = 'org.changed';
export interface OrgChangedEvent {
  /** The first day (`YYYY-MM-DD`, Japan) the change is in effect. */
  effectiveFrom: string;
}

/** Queues `org.changed` for after the commit of `tx` (nothing is announced if it rolls back). */
export function announceOrgChange(tx: Tx, events: EventEmitter2, effectiveFrom: string = tokyoDate()): void {
  tx.afterCommit(() => events.emit(ORG_CHANGED, { effectiveFrom } satisfies OrgChangedEvent));
}
