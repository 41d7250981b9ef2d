import { tokyoDate } from '../dates';
import { isCalendarDate } from '../iso-date';
import type {
  ActingAs,
  ActionContext,
  ActionResult,
  ApprovalAction,
  ApprovalEvent,
  SendBackTarget,
} from './actions';
import type { ApprovalErrorCode } from './errors';
import { numberingMoment, type NumberingMoment } from './numbering';
import { validateRoute } from './route';
import {
  allSteps,
  buildStages,
  findStep,
  isStepClosed,
  type ApprovalState,
  type DocumentStatus,
  type StepLocation,
  type StepRecord,
  type StepState,
  type StepStatus,
} from './state';

/**
 * The approval state machine: `applyAction(state, action, context)` checks every rule and returns the new state
 * with the events that happened, or the code of the rule the action breaks. It never changes its input.
 */

interface Run {
  s: ApprovalState;
  ctx: ActionContext;
  events: ApprovalEvent[];
}

type Step = Extract<ApprovalAction, { type: 'approve' | 'decide' | 'acknowledge' | 'send_back' | 'reject' }>;
const STEP_ACTIONS: ReadonlySet<ApprovalAction['type']> = new Set([
  'approve',
  'decide',
  'acknowledge',
  'send_back',
  'reject',
]);
const isStepAction = (action: ApprovalAction): action is Step => STEP_ACTIONS.has(action.type);
const patch = (step: StepState, changes: Partial<StepState>): void => void Object.assign(step, changes);
const fail = (error: ApprovalErrorCode): ActionResult => ({ ok: false, error });

/** The code for a document that is not where an action needs it. */
function statusError(status: DocumentStatus): ApprovalErrorCode {
  if (status === 'decided' || status === 'completed') return 'approval/document_decided';
  if (status === 'rejected' || status === 'discarded' || status === 'circulated')
    return 'approval/document_closed';
  if (status === 'in_progress') return 'approval/already_submitted';
  return 'approval/document_not_in_progress';
}

const WITH_DRAFTER: readonly DocumentStatus[] = ['draft', 'sent_back', 'withdrawn'];
const POSITIVE: readonly StepStatus[] = ['approved', 'decided', 'acknowledged'];

// ── step bookkeeping ────────────────────────────────────────────────────────────────────────────────────────────

function activate(run: Run, step: StepState): void {
  const holders = [...new Set(run.ctx.resolve(step.assignee))];
  patch(step, { status: 'active', holders, activatedAt: run.ctx.at, record: null });
  run.events.push({ type: 'step_activated', stepId: step.id, holders });
  if (holders.length === 0) run.events.push({ type: 'step_without_holder', stepId: step.id });
}

function reset(run: Run, step: StepState): void {
  if (step.status === 'waiting') return;
  patch(step, { status: 'waiting', holders: [], activatedAt: null, record: null });
  run.events.push({ type: 'step_reset', stepId: step.id });
}

/** Removes the 後閲 steps added after a 代決 on any of the given steps (that 代決 no longer stands). */
function removeAddedReviews(run: Run, forStepIds: ReadonlySet<string>): void {
  for (const stage of run.s.stages)
    stage.steps = stage.steps.filter((step) => {
      const drop = step.addedFor !== null && forStepIds.has(step.addedFor);
      if (drop) run.events.push({ type: 'review_step_removed', stepId: step.id });
      return !drop;
    });
  run.s.stages = run.s.stages.filter((stage) => stage.steps.length > 0);
}

function issueNumberAt(run: Run, moment: NumberingMoment): void {
  if (run.s.numbered || numberingMoment(run.s.numberingTiming, run.s.kind) !== moment) return;
  run.s.numbered = true;
  run.events.push({ type: 'number_due' });
}

function addReviewFor(run: Run, forUserId: string, afterStepId: string): void {
  const stepId = `st${run.s.nextId + 1}`;
  run.s.stages.push({
    id: `sg${run.s.nextId}`,
    mode: 'all',
    steps: [
      {
        id: stepId,
        kind: 'review',
        assignee: { type: 'user', userId: forUserId },
        status: 'waiting',
        holders: [],
        activatedAt: null,
        record: null,
        addedFor: afterStepId,
      },
    ],
  });
  run.s.nextId += 2;
  run.events.push({ type: 'review_step_added', stepId, forUserId, afterStepId });
}

/** After a step closed: skip the rest of an `any` stage, and move on when the stage is complete. */
function afterStepClosed(run: Run, loc: StepLocation): void {
  const { stage, stageIndex } = loc;
  if (stage.mode === 'any')
    for (const other of stage.steps)
      if (!isStepClosed(other.status)) {
        patch(other, { status: 'skipped' });
        run.events.push({ type: 'step_skipped', stepId: other.id });
      }
  if (!stage.steps.every((st) => isStepClosed(st.status))) return;

  const { s } = run;
  if (stage.steps.some((st) => st.kind === 'decide')) {
    s.status = 'decided';
    s.decidedAt = run.ctx.at;
    run.events.push({ type: 'decided', stepId: loc.step.id });
    issueNumberAt(run, 'decided');
    // 後閲 steps do not block anything: all of them become active at once.
    for (const later of s.stages.slice(stageIndex + 1))
      for (const step of later.steps) if (step.status === 'waiting') activate(run, step);
    return;
  }
  if (s.status !== 'in_progress') return;
  const next = s.stages[stageIndex + 1];
  if (next) for (const step of next.steps) activate(run, step);
  else if (s.kind === 'circulation') {
    s.status = 'circulated';
    run.events.push({ type: 'circulated' });
    issueNumberAt(run, 'circulated');
  }
}

// ── who may act on a step ───────────────────────────────────────────────────────────────────────────────────────

const ALLOWED_KINDS: Record<Step['type'], readonly StepState['kind'][]> = {
  approve: ['approve', 'consult'],
  decide: ['decide'],
  acknowledge: ['acknowledge', 'review'],
  send_back: ['approve', 'consult', 'decide', 'acknowledge'],
  reject: ['decide'],
};

/** Whether the actor holds, today, a 承認 or 決裁 step of a stage after `stageIndex` (up to the decision). */
function isSuperiorOnRoute(run: Run, stageIndex: number): boolean {
  return run.s.stages
    .slice(stageIndex + 1)
    .flatMap((stage) => stage.steps)
    .some(
      (step) =>
        (step.kind === 'approve' || step.kind === 'decide') &&
        run.ctx.resolve(step.assignee).includes(run.ctx.actorId),
    );
}

function authorise(
  run: Run,
  loc: StepLocation,
  action: Step,
  acting: ActingAs,
): StepRecord | ApprovalErrorCode {
  const { step } = loc;
  const { actorId, at } = run.ctx;
  const comment = action.type === 'send_back' || action.type === 'reject' ? action.reason : action.comment;
  const record = (capacity: StepRecord['capacity'], onBehalfOf: readonly string[]): StepRecord => ({
    actorId,
    capacity,
    onBehalfOf,
    at,
    comment: comment?.trim() || null,
  });
  if (acting.as === 'self')
    return step.holders.includes(actorId) ? record('self', []) : 'approval/not_your_step';
  if (acting.as === 'deputy') {
    if (!['approve', 'consult', 'decide'].includes(step.kind)) return 'approval/capacity_not_allowed';
    const absent = acting.forUserId;
    const registered = (run.ctx.deputyFor ?? []).includes(absent);
    if (!registered || absent === actorId || !step.holders.includes(absent)) return 'approval/not_a_deputy';
    return record('deputy', [absent]);
  }
  if (step.kind !== 'approve' || action.type !== 'approve') return 'approval/capacity_not_allowed';
  if (!isSuperiorOnRoute(run, loc.stageIndex)) return 'approval/not_a_superior';
  return record('superior', [...step.holders]);
}

// ── actions on a step ───────────────────────────────────────────────────────────────────────────────────────────

function openStep(run: Run, action: Step): StepLocation | ApprovalErrorCode {
  const loc = findStep(run.s, action.stepId);
  if (!loc) return 'approval/step_not_found';
  const { step } = loc;
  if (isStepClosed(step.status)) return 'approval/step_already_decided';
  const status = run.s.status;
  if (step.kind === 'review') {
    if (status === 'rejected' || status === 'discarded') return 'approval/document_closed';
  } else if (status !== 'in_progress') return statusError(status);
  if (step.status !== 'active') return 'approval/step_not_active';
  if (!ALLOWED_KINDS[action.type].includes(step.kind)) return 'approval/action_not_for_step';
  return loc;
}

function sendBack(run: Run, loc: StepLocation, to: SendBackTarget, reason: string): ApprovalErrorCode | null {
  const { s } = run;
  const { step } = loc;
  if (to.type === 'drafter') {
    step.status = 'sent_back';
    for (const other of allSteps(s)) if (other.status === 'active') reset(run, other);
    s.status = 'sent_back';
    run.events.push({ type: 'sent_back', fromStepId: step.id, toStepId: null, reason });
    return null;
  }
  const target = findStep(s, to.stepId);
  if (!target || target.stageIndex >= loc.stageIndex || !POSITIVE.includes(target.step.status))
    return 'approval/invalid_send_back_target';
  step.status = 'sent_back';
  run.events.push({ type: 'sent_back', fromStepId: step.id, toStepId: target.step.id, reason });
  const resetIds = new Set([target.step.id]);
  for (const later of s.stages.slice(target.stageIndex + 1))
    for (const other of later.steps) {
      resetIds.add(other.id);
      reset(run, other);
    }
  removeAddedReviews(run, resetIds);
  activate(run, target.step);
  return null;
}

function actOnStep(run: Run, action: Step): ActionResult {
  const loc = openStep(run, action);
  if (typeof loc === 'string') return fail(loc);
  const acting: ActingAs = ('acting' in action && action.acting) || { as: 'self' };
  if (action.type === 'acknowledge' && acting.as !== 'self') return fail('approval/capacity_not_allowed');
  const record = authorise(run, loc, action, acting);
  if (typeof record === 'string') return fail(record);

  const { step } = loc;
  if (action.type === 'send_back' || action.type === 'reject') {
    const reason = action.reason.trim();
    if (!reason) return fail('approval/reason_required');
    step.record = record;
    const outcome: StepStatus = action.type === 'reject' ? 'rejected' : 'sent_back';
    run.events.push({ type: 'step_acted', stepId: step.id, outcome, record });
    if (action.type === 'send_back') {
      const error = sendBack(run, loc, action.to, reason);
      return error ? fail(error) : done(run);
    }
    step.status = 'rejected';
    for (const other of allSteps(run.s))
      if (!isStepClosed(other.status)) {
        other.status = 'skipped';
        run.events.push({ type: 'step_skipped', stepId: other.id });
      }
    run.s.status = 'rejected';
    run.events.push({ type: 'rejected', stepId: step.id, reason });
    return done(run);
  }

  const outcome: StepStatus =
    action.type === 'decide' ? 'decided' : action.type === 'approve' ? 'approved' : 'acknowledged';
  patch(step, { status: outcome, record });
  run.events.push({ type: 'step_acted', stepId: step.id, outcome, record });
  // 代決: the absent approver sees the document after the decision (後閲).
  if (acting.as === 'deputy') addReviewFor(run, acting.forUserId, step.id);
  afterStepClosed(run, loc);
  return done(run);
}

// ── actions on the document ─────────────────────────────────────────────────────────────────────────────────────

function submit(run: Run): ActionResult {
  const { s } = run;
  if (!WITH_DRAFTER.includes(s.status)) return fail(statusError(s.status));
  const resubmission = s.status !== 'draft';
  if (resubmission) {
    // A new version goes round the whole route again.
    s.version += 1;
    removeAddedReviews(run, new Set(allSteps(s).map((step) => step.id)));
    for (const step of allSteps(s)) reset(run, step);
  }
  const problems = validateRoute(s.kind, s.stages);
  if (problems.length > 0) return { ok: false, error: 'approval/invalid_route', details: problems };
  s.status = 'in_progress';
  s.submittedAt = run.ctx.at;
  run.events.push({ type: 'submitted', version: s.version, resubmission });
  issueNumberAt(run, 'submitted');
  for (const step of s.stages[0].steps) activate(run, step);
  return done(run);
}

function withdraw(run: Run): ActionResult {
  const { s } = run;
  if (s.status !== 'in_progress') return fail(statusError(s.status));
  if (allSteps(s).some((step) => isStepClosed(step.status))) return fail('approval/cannot_withdraw');
  for (const step of allSteps(s)) reset(run, step);
  s.status = 'withdrawn';
  run.events.push({ type: 'withdrawn' });
  return done(run);
}

function enforce(run: Run, enforcedOn: string, method: string): ActionResult {
  const { s, ctx } = run;
  if (s.status !== 'decided')
    return fail(
      ['completed', 'rejected', 'discarded', 'circulated'].includes(s.status)
        ? 'approval/document_closed'
        : 'approval/not_decided',
    );
  const decidedOn = tokyoDate(new Date(s.decidedAt ?? ctx.at));
  if (!isCalendarDate(enforcedOn) || enforcedOn < decidedOn || !method.trim())
    return fail('approval/invalid_enforcement');
  s.status = 'completed';
  s.enforcement = { enforcedOn, method: method.trim(), recordedAt: ctx.at };
  run.events.push({ type: 'enforced', enforcedOn, method: method.trim() });
  issueNumberAt(run, 'enforced');
  return done(run);
}

function documentAction(run: Run, action: Exclude<ApprovalAction, Step>): ActionResult {
  const { s, ctx } = run;
  const isDrafter = ctx.actorId === s.drafterId;
  switch (action.type) {
    case 'comment': {
      if (s.status === 'draft') return fail('approval/document_not_in_progress');
      if (['completed', 'rejected', 'discarded', 'circulated'].includes(s.status))
        return fail('approval/document_closed');
      if (action.stepId !== undefined && !findStep(s, action.stepId)) return fail('approval/step_not_found');
      const text = action.text.trim();
      if (!text) return fail('approval/comment_required');
      run.events.push({ type: 'comment_added', text, stepId: action.stepId ?? null });
      return done(run);
    }
    case 'enforce':
      if (!isDrafter && !ctx.isDocumentAdministrator) return fail('approval/not_the_drafter');
      return enforce(run, action.enforcedOn, action.method);
    case 'record_law_number': {
      if (!ctx.isDocumentAdministrator) return fail('approval/not_document_administrator');
      if (s.status !== 'decided' && s.status !== 'completed') return fail('approval/not_decided');
      const lawNumber = action.lawNumber.trim();
      if (!lawNumber) return fail('approval/law_number_required');
      s.lawNumber = lawNumber;
      run.events.push({ type: 'law_number_recorded', lawNumber });
      return done(run);
    }
    default:
      break;
  }
  if (!isDrafter) return fail('approval/not_the_drafter');
  switch (action.type) {
    case 'submit':
      return submit(run);
    case 'withdraw':
      return withdraw(run);
    case 'set_route': {
      if (!WITH_DRAFTER.includes(s.status)) return fail(statusError(s.status));
      const problems = validateRoute(s.kind, action.route);
      if (problems.length > 0) return { ok: false, error: 'approval/invalid_route', details: problems };
      Object.assign(s, buildStages(action.route, s.nextId));
      run.events.push({ type: 'route_set' });
      return done(run);
    }
    case 'discard':
      if (!WITH_DRAFTER.includes(s.status)) return fail(statusError(s.status));
      removeAddedReviews(run, new Set(allSteps(s).map((step) => step.id)));
      for (const step of allSteps(s)) reset(run, step);
      s.status = 'discarded';
      run.events.push({ type: 'discarded' });
      return done(run);
  }
}

function done(run: Run): ActionResult {
  return { ok: true, state: run.s, events: run.events };
}

/** Applies one action by one person at one moment. The input state is never modified. */
export function applyAction(
  state: ApprovalState,
  action: ApprovalAction,
  context: ActionContext,
): ActionResult {
  const run: Run = { s: structuredClone(state), ctx: context, events: [] };
  return isStepAction(action) ? actOnStep(run, action) : documentAction(run, action);
}
