import {
  isWorkingDay,
  tokyoDate,
  workingDaysBetween,
  type ApprovalState,
  type StepState,
} from '@ringi/domain';

/** Which reminders (督促) are due on a day (pure; driven by approval-reminders.service.ts). */

export interface ReminderRules {
  /** Working days after which the holders of a step are reminded. */
  holderDays: number;
  /** Working days after which the drafter is told where the document waits. */
  drafterDays: number;
}

/** One reminder to send, named by its `key` (once per step activation and recipient). */
export interface DueReminder {
  key: string;
  documentId: string;
  stepId: string;
  /** The step's `activatedAt` when the reminder was found: a step activated again is a new occasion. */
  activatedAt: string;
  recipient: 'holder' | 'drafter';
  workingDays: number;
}

/**
 * The reminders due on `today` (a working day) for a document on its route (`in_progress`): every active step
 * except 後閲 (which holds nothing up) waiting `holderDays` working days since it reached its current holders
 * (`reachedAt`, from the pending index, which a re-resolving to new holders restarts; else its `activatedAt`)
 * reminds them; waiting `drafterDays` working days since it became active, it tells the drafter. Days the town
 * hall is closed (weekends, national holidays, 12/29–1/3) do not count.
 */
export function dueReminders(
  documentId: string,
  state: ApprovalState,
  reachedAt: ReadonlyMap<string, string>,
  today: string,
  rules: ReminderRules,
): DueReminder[] {
  if (state.status !== 'in_progress' || !isWorkingDay(today)) return [];
  const due: DueReminder[] = [];
  const waited = (since: string) => workingDaysBetween(tokyoDate(new Date(since)), today);
  for (const step of state.stages.flatMap((s) => s.steps)) {
    if (!isWaitingStep(step)) continue;
    const activatedAt = step.activatedAt;
    const since = reachedAt.get(step.id) ?? activatedAt;
    const forHolders = waited(since);
    if (step.holders.length && forHolders >= rules.holderDays)
      due.push({
        key: `reminder:${documentId}:${step.id}:${since}:holder`,
        documentId,
        stepId: step.id,
        activatedAt,
        recipient: 'holder',
        workingDays: forHolders,
      });
    const forDrafter = waited(activatedAt);
    if (forDrafter >= rules.drafterDays)
      due.push({
        key: `reminder:${documentId}:${step.id}:${activatedAt}:drafter`,
        documentId,
        stepId: step.id,
        activatedAt,
        recipient: 'drafter',
        workingDays: forDrafter,
      });
  }
  return due;
}

function isWaitingStep(step: StepState): step is StepState & { activatedAt: string } {
  return step.status === 'active' && step.kind !== 'review' && step.activatedAt !== null;
}
