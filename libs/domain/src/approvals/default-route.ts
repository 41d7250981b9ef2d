import { findDecider, type DecisionAuthorityTable, type DeciderPosition } from './decision-authority';
import type { Assignee, CompletionMode, RouteDefinition, RouteStageDefinition } from './route';

/**
 * The default route of a new 起案: climb the drafter's department chain from the first position above the
 * drafter (係長 → 課長補佐 → 課長 …) up to the deciding position of the 専決規程, which gets the 決裁 step.
 * The drafter's 合議 stages go just before the decision and 後閲 after it.
 */

/** Positions ranked below this (主査 8, 主任 9, 主事 10) do not approve on a route. */
export const DEFAULT_LINE_RANK_LIMIT = 7;

export interface ChainPosition {
  positionId: string;
  rank: number;
  /** Who holds it today (兼務 included); empty when vacant. */
  holders: readonly string[];
}

export interface ChainDepartment {
  departmentId: string;
  positions: readonly ChainPosition[];
}

export interface ConsultationStage {
  mode: CompletionMode;
  assignees: readonly Assignee[];
}

export interface DefaultRouteInput {
  drafter: { userId: string; rank: number };
  /**
   * The drafter's department first, then each one above it. The town's top office (町長室, with 副町長 and 町長)
   * comes last: in the demo town the divisions have no parent, so the API appends it.
   */
  chain: readonly ChainDepartment[];
  authority: { table: DecisionAuthorityTable; category: string; amount?: number | null };
  consultations?: readonly ConsultationStage[];
  reviewers?: readonly Assignee[];
  lineRankLimit?: number;
}

export interface SkippedPosition {
  departmentId: string;
  positionId: string;
  reason: 'vacant' | 'drafter' | 'same_holders';
}

export type DefaultRouteResult =
  | {
      ok: true;
      route: RouteDefinition;
      /** The position that got the 決裁 step (above the table's when that one is vacant or missing). */
      decider: { departmentId: string; positionId: string };
      /** Chain positions left out, for the drafter to see why. */
      skipped: SkippedPosition[];
    }
  | { ok: false; error: 'approval/no_decider' };

interface Rung {
  departmentId: string;
  position: ChainPosition;
}

/** Line positions above the drafter, lowest first, each strictly higher than the one before. */
function climb(input: DefaultRouteInput): Rung[] {
  const limit = input.lineRankLimit ?? DEFAULT_LINE_RANK_LIMIT;
  const rungs: Rung[] = [];
  let below = input.drafter.rank;
  for (const department of input.chain)
    for (const position of [...department.positions].sort((a, b) => b.rank - a.rank)) {
      if (position.rank >= below) continue;
      below = position.rank;
      if (position.rank <= limit) rungs.push({ departmentId: department.departmentId, position });
    }
  return rungs;
}

const sameHolders = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

const at = (rung: Rung): Assignee => ({
  type: 'position',
  positionId: rung.position.positionId,
  departmentId: rung.departmentId,
});

export function generateDefaultRoute(input: DefaultRouteInput): DefaultRouteResult {
  const { table, category, amount } = input.authority;
  const wanted: DeciderPosition | null = findDecider(table, category, amount ?? null);
  if (!wanted) return { ok: false, error: 'approval/no_decider' };

  const skipped: SkippedPosition[] = [];
  const skip = (rung: Rung, reason: SkippedPosition['reason']) =>
    skipped.push({ departmentId: rung.departmentId, positionId: rung.position.positionId, reason });
  const approvers: Rung[] = [];
  let decider: Rung | null = null;
  for (const rung of climb(input)) {
    const { holders, rank, positionId } = rung.position;
    if (holders.length === 0) {
      skip(rung, 'vacant');
      continue;
    }
    // The deciding position, or the first one held above it when it is vacant or not in the chain.
    if (positionId === wanted.positionId || rank <= wanted.rank) {
      decider = rung;
      break;
    }
    if (holders.every((h) => h === input.drafter.userId)) skip(rung, 'drafter');
    else approvers.push(rung);
  }
  if (!decider) return { ok: false, error: 'approval/no_decider' };

  // A person holding consecutive positions (兼務) approves once, at the higher one.
  const line = [...approvers, decider];
  const kept = line.filter((rung, i) => {
    const next = line[i + 1];
    const drop = next !== undefined && sameHolders(rung.position.holders, next.position.holders);
    if (drop) skip(rung, 'same_holders');
    return !drop;
  });

  const stages: RouteStageDefinition[] = kept
    .slice(0, -1)
    .map((rung) => ({ mode: 'all', steps: [{ kind: 'approve', assignee: at(rung) }] }));
  for (const consultation of input.consultations ?? [])
    if (consultation.assignees.length > 0)
      stages.push({
        mode: consultation.mode,
        steps: consultation.assignees.map((assignee) => ({ kind: 'consult', assignee })),
      });
  stages.push({ mode: 'all', steps: [{ kind: 'decide', assignee: at(decider) }] });
  if (input.reviewers && input.reviewers.length > 0)
    stages.push({ mode: 'all', steps: input.reviewers.map((assignee) => ({ kind: 'review', assignee })) });

  return {
    ok: true,
    route: stages,
    decider: { departmentId: decider.departmentId, positionId: decider.position.positionId },
    skipped,
  };
}
