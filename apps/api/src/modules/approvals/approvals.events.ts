import type { DocumentStatus, StepKind } from '@ringi/domain';

/**
 * Domain events of the approvals module, emitted through EventEmitter2 after the transaction commits. The
 * notifications module and the approvals realtime publisher listen to them; nothing else is agreed.
 */

/** A step became active: its holders must act (the document reached them). */
export const APPROVAL_STEP_ACTIVATED = 'approval.step_activated';
export interface ApprovalStepActivatedEvent {
  documentId: string;
  title: string;
  stepId: string;
  stepKind: StepKind;
  /** The people who hold the step now. */
  userIds: string[];
}

/** The document's status changed (submitted, sent back, withdrawn, rejected, decided, completed …). */
export const APPROVAL_STATUS_CHANGED = 'approval.status_changed';
export interface ApprovalStatusChangedEvent {
  documentId: string;
  title: string;
  drafterId: string;
  actorId: string;
  from: DocumentStatus;
  to: DocumentStatus;
  /** The reason of a 差戻し or 否決. */
  reason: string | null;
}

/** The inbox lists (and so the counts) of these people may have changed. */
export const APPROVAL_INBOX_CHANGED = 'approval.inbox_changed';
export interface ApprovalInboxChangedEvent {
  userIds: string[];
}
