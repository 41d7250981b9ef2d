/**
 * The shape of an approval route (決裁ルート): serial stages, each of parallel steps. This is what a drafter
 * edits and a template stores; the running state of a route lives in `state.ts`.
 */

/** 決裁 (something is decided) or 供覧 (a received document circulated for information). */
export const DOCUMENT_KINDS = ['decision', 'circulation'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** 承認 approve, 決裁 decide, 合議 consult (another department), 後閲 review after the decision, 確認 acknowledge (供覧). */
export const STEP_KINDS = ['approve', 'decide', 'consult', 'review', 'acknowledge'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A stage completes when all of its steps are done, or on the first one done (the rest are skipped). */
export const COMPLETION_MODES = ['all', 'any'] as const;
export type CompletionMode = (typeof COMPLETION_MODES)[number];

/**
 * Who a step is for: a person, or a position of a department, which the API resolves to the people holding it
 * (兼務 included) on the day the step becomes active.
 */
export type Assignee =
  { type: 'user'; userId: string } | { type: 'position'; positionId: string; departmentId: string };

export interface RouteStepDefinition {
  kind: StepKind;
  assignee: Assignee;
}

export interface RouteStageDefinition {
  mode: CompletionMode;
  steps: readonly RouteStepDefinition[];
}

export type RouteDefinition = readonly RouteStageDefinition[];

export type RouteProblemCode =
  /** A route needs at least one stage. */
  | 'empty_route'
  | 'empty_stage'
  /** A 決裁 document needs exactly one 決裁 step. */
  | 'no_decision'
  | 'several_decisions'
  /** The 決裁 step stands alone in its stage. */
  | 'decision_not_alone'
  /** 後閲 steps come after the decision, and only 後閲 steps do. */
  | 'review_before_decision'
  | 'not_review_after_decision'
  /** 確認 belongs to 供覧 only, and a 供覧 has nothing but 確認 steps. */
  | 'kind_not_allowed'
  /** The same person or position twice in one stage. */
  | 'duplicate_assignee';

export interface RouteProblem {
  code: RouteProblemCode;
  /** Index of the stage (and step) concerned, from 0; -1 for the route as a whole. */
  stage: number;
  step?: number;
}

/** A stable string for an assignee: `user:<id>` or `position:<positionId>@<departmentId>`. */
export function assigneeKey(assignee: Assignee): string {
  return assignee.type === 'user'
    ? `user:${assignee.userId}`
    : `position:${assignee.positionId}@${assignee.departmentId}`;
}

/** Everything wrong with a route for a document of the given kind; empty when the route can be submitted. */
export function validateRoute(kind: DocumentKind, route: RouteDefinition): RouteProblem[] {
  const problems: RouteProblem[] = [];
  if (route.length === 0) return [{ code: 'empty_route', stage: -1 }];
  route.forEach((stage, s) => {
    if (stage.steps.length === 0) problems.push({ code: 'empty_stage', stage: s });
    const seen = new Set<string>();
    stage.steps.forEach((step, i) => {
      const key = assigneeKey(step.assignee);
      if (seen.has(key)) problems.push({ code: 'duplicate_assignee', stage: s, step: i });
      seen.add(key);
      const allowed = kind === 'circulation' ? step.kind === 'acknowledge' : step.kind !== 'acknowledge';
      if (!allowed) problems.push({ code: 'kind_not_allowed', stage: s, step: i });
    });
  });
  if (kind === 'circulation') return problems;

  const decisionStages = route.flatMap((stage, s) =>
    stage.steps.filter((st) => st.kind === 'decide').map(() => s),
  );
  if (decisionStages.length === 0) problems.push({ code: 'no_decision', stage: -1 });
  if (decisionStages.length > 1) problems.push({ code: 'several_decisions', stage: decisionStages[1] });
  const decisionStage = decisionStages[0] ?? route.length;
  if (decisionStages.length > 0 && route[decisionStage].steps.length > 1)
    problems.push({ code: 'decision_not_alone', stage: decisionStage });
  route.forEach((stage, s) =>
    stage.steps.forEach((step, i) => {
      if (s < decisionStage && step.kind === 'review')
        problems.push({ code: 'review_before_decision', stage: s, step: i });
      if (s > decisionStage && step.kind !== 'review')
        problems.push({ code: 'not_review_after_decision', stage: s, step: i });
    }),
  );
  return problems;
}
