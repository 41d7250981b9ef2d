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

/**
 * A step has waited long enough for a reminder (督促), sent once per step activation and recipient: to its
 * holders after `APPROVAL_REMINDER_WORKING_DAYS` working days, to the drafter after
 * `APPROVAL_DRAFTER_REMINDER_WORKING_DAYS`.
 */
export const APPROVAL_REMINDER_DUE = 'approval.reminder_due';
export interface ApprovalReminderDueEvent {
  documentId: string;
  title: string;
  stepId: string;
  stepKind: StepKind;
  /** `holder`: the people who must act; `drafter`: the drafter, told where the document waits. */
  recipient: 'holder' | 'drafter';
  userIds: string[];
  /** Working days the step has waited (since it reached its holders, or for the drafter since it became active). */
  workingDays: number;
  /** The names of the people the step waits with (`山田 太郎`); empty when nobody holds its position. */
  holderNames: string[];
  /** What the step names (`総務課 課長`, or a person's name): said when nobody holds it. */
  assigneeLabel: string;
}

/**
 * An active step's position is held by nobody on the day (a transfer or a reorganisation left it vacant): the
 * step stays active without holders. Its superiors on the route may act for it (引き上げ); when there is none
 * (a vacant 決裁), the drafter is told.
 */
export const APPROVAL_STEP_VACANT = 'approval.step_vacant';
export interface ApprovalStepVacantEvent {
  documentId: string;
  title: string;
  stepId: string;
  stepKind: StepKind;
  assigneeLabel: string;
  /** The holders, today, of the later 承認/決裁 steps who may 引き上げ this step (empty for a vacant 決裁). */
  superiorIds: string[];
  drafterId: string;
}
