import type { NumberingTiming } from './numbering';
import type { Assignee, CompletionMode, DocumentKind, RouteDefinition, StepKind } from './route';

/**
 * The running state of a document on its route. Plain data (JSON-safe) so the API can rebuild it from its rows
 * and the web app can preview it; `applyAction` (state-machine.ts) is the only way it changes.
 */

export const DOCUMENT_STATUSES = [
  /** 起案中: being written, not yet submitted. */
  'draft',
  /** 回付中: on its route. */
  'in_progress',
  /** 差戻し: returned to the drafter. */
  'sent_back',
  /** 引戻し: pulled back by the drafter before anyone acted. */
  'withdrawn',
  /** 否決. */
  'rejected',
  /** 決裁済: decided, waiting for 施行. */
  'decided',
  /** 施行済: complete. */
  'completed',
  /** 供覧済: a circulated document everyone acknowledged. */
  'circulated',
  /** 取下げ: given up by the drafter (a number it was given stays in the register as such). */
  'discarded',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const STEP_STATUSES = [
  'waiting',
  'active',
  'approved',
  'decided',
  'acknowledged',
  'sent_back',
  'rejected',
  'skipped',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Statuses of a step that was acted on or closed; `waiting` and `active` are the open ones. */
export function isStepClosed(status: StepStatus): boolean {
  return status !== 'waiting' && status !== 'active';
}

/** `self`; `superior`: 引き上げ, a superior on the route acting for an absent lower step; `deputy`: 代決. */
export type ActingCapacity = 'self' | 'superior' | 'deputy';

export interface StepRecord {
  actorId: string;
  capacity: ActingCapacity;
  /** Whom the actor acted for: the step's holders (引き上げ), the absent approver (代決), nobody (self). */
  onBehalfOf: readonly string[];
  /** ISO instant. */
  at: string;
  comment: string | null;
}

export interface StepState {
  /** Unique within the document, never reused (`st1`, `st2`, …). */
  id: string;
  kind: StepKind;
  assignee: Assignee;
  status: StepStatus;
  /** The people who held the assignee when the step last became active; empty before. */
  holders: readonly string[];
  activatedAt: string | null;
  /** Who acted on the step, set when it is closed by an action (not when skipped). */
  record: StepRecord | null;
  /** For a 後閲 step added after a 代決: the id of the step the deputy acted on. */
  addedFor: string | null;
}

export interface StageState {
  id: string;
  mode: CompletionMode;
  steps: StepState[];
}

export interface Enforcement {
  /** 施行日, `YYYY-MM-DD`. */
  enforcedOn: string;
  /** How it was sent (郵送, 電子メール, 手渡し, 掲示 …). */
  method: string;
  recordedAt: string;
}

export interface ApprovalState {
  kind: DocumentKind;
  status: DocumentStatus;
  drafterId: string;
  /** The version on the route (1 at the first submission; each resubmission adds one). */
  version: number;
  numberingTiming: NumberingTiming;
  /** Whether a number was issued (the state machine says when with a `number_due` event). */
  numbered: boolean;
  stages: StageState[];
  submittedAt: string | null;
  decidedAt: string | null;
  enforcement: Enforcement | null;
  /** 法令番号 (e.g. 条例第5号), a formal addition after the decision. */
  lawNumber: string | null;
  /** The next number for a step or stage id. */
  nextId: number;
}

export interface NewApprovalState {
  kind: DocumentKind;
  drafterId: string;
  numberingTiming: NumberingTiming;
  route: RouteDefinition;
}

/** Gives ids to a route's stages and steps, counting on from `nextId`. */
export function buildStages(
  route: RouteDefinition,
  nextId: number,
): { stages: StageState[]; nextId: number } {
  let id = nextId;
  const stages = route.map((stage) => ({
    id: `sg${id++}`,
    mode: stage.mode,
    steps: stage.steps.map((step): StepState => ({
      id: `st${id++}`,
      kind: step.kind,
      assignee: { ...step.assignee },
      status: 'waiting',
      holders: [],
      activatedAt: null,
      record: null,
      addedFor: null,
    })),
  }));
  return { stages, nextId: id };
}

/** A new draft (起案中) with the given route; the route is checked on submission. */
export function createApprovalState(input: NewApprovalState): ApprovalState {
  const { stages, nextId } = buildStages(input.route, 1);
  return {
    kind: input.kind,
    status: 'draft',
    drafterId: input.drafterId,
    version: 1,
    numberingTiming: input.numberingTiming,
    numbered: false,
    stages,
    submittedAt: null,
    decidedAt: null,
    enforcement: null,
    lawNumber: null,
    nextId,
  };
}

/** The route of a state, without its running data (to copy into a new 起案 or to edit). */
export function routeOf(state: ApprovalState): RouteDefinition {
  return state.stages
    .map((stage) => ({
      mode: stage.mode,
      steps: stage.steps
        .filter((s) => s.addedFor === null)
        .map((s) => ({ kind: s.kind, assignee: s.assignee })),
    }))
    .filter((stage) => stage.steps.length > 0);
}

export interface StepLocation {
  stageIndex: number;
  stage: StageState;
  step: StepState;
}

export function findStep(state: ApprovalState, stepId: string): StepLocation | null {
  for (const [stageIndex, stage] of state.stages.entries()) {
    const step = stage.steps.find((s) => s.id === stepId);
    if (step) return { stageIndex, stage, step };
  }
  return null;
}

export function allSteps(state: ApprovalState): StepState[] {
  return state.stages.flatMap((stage) => stage.steps);
}

/** Active steps the person holds (their 未処理 list for this document). */
export function stepsAwaiting(state: ApprovalState, userId: string): StepState[] {
  return allSteps(state).filter((s) => s.status === 'active' && s.holders.includes(userId));
}

/** Index of the stage holding the 決裁 step, or -1 (供覧). */
export function decisionStageIndex(state: ApprovalState): number {
  return state.stages.findIndex((stage) => stage.steps.some((s) => s.kind === 'decide'));
}
