import { assigneeKey, type ApprovalState, type Assignee, type StepKind } from '@ringi/domain';

/**
 * Re-resolving active steps (pure; driven by approval-reminders.service.ts): which active steps change holders
 * when the org chart of a day is applied, and who may 引き上げ a step left without holders.
 */

/** One active step whose holders change. */
export interface StepReroute {
  stepId: string;
  kind: StepKind;
  assignee: Assignee;
  from: string[];
  to: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/**
 * The state with the holders of every active step that names a position of a department replaced by the people
 * who hold it on the day (`holdersOf`, keyed by `assigneeKey`; a key it does not know is left as it is). Only
 * `holders` change: statuses, `activatedAt` and records stay, so the state machine's rules are untouched. A step
 * nobody holds any more keeps being active with no holder (引き上げ by a superior, or a new route).
 */
export function rerouteState(
  state: ApprovalState,
  holdersOf: ReadonlyMap<string, readonly string[]>,
): { state: ApprovalState; changes: StepReroute[] } {
  const next = structuredClone(state);
  const changes: StepReroute[] = [];
  for (const step of next.stages.flatMap((s) => s.steps)) {
    if (step.status !== 'active' || step.assignee.type !== 'position') continue;
    const now = holdersOf.get(assigneeKey(step.assignee));
    if (!now || sameSet(step.holders, now)) continue;
    const to = [...new Set(now)];
    changes.push({ stepId: step.id, kind: step.kind, assignee: step.assignee, from: [...step.holders], to });
    step.holders = to;
  }
  return { state: changes.length ? next : state, changes };
}

/**
 * The people who may act for a vacant 承認 step by 引き上げ: the holders, on the day, of the 承認 and 決裁 steps of
 * the nearest later stage that has any (the state machine accepts any later one up to the decision).
 */
export function superiorsOf(
  state: ApprovalState,
  stepId: string,
  holdersOf: ReadonlyMap<string, readonly string[]>,
): string[] {
  const index = state.stages.findIndex((s) => s.steps.some((st) => st.id === stepId));
  const step = state.stages[index]?.steps.find((st) => st.id === stepId);
  if (!step || step.kind !== 'approve') return [];
  for (const stage of state.stages.slice(index + 1)) {
    const deciding = stage.steps.filter((st) => st.kind === 'approve' || st.kind === 'decide');
    const people = deciding.flatMap((st) => holdersOf.get(assigneeKey(st.assignee)) ?? []);
    if (people.length) return [...new Set(people)];
  }
  return [];
}

type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T>;

/** `総務課 課長` for a position (the department's name on the day, or its last one), a person's name for a user. */
export async function assigneeLabelOn(query: Query, assignee: Assignee, on: string): Promise<string> {
  if (assignee.type === 'user') {
    const rows = await query<{ name: string }[]>(
      `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE id = $1`,
      [assignee.userId],
    );
    return rows[0]?.name ?? '';
  }
  const rows = await query<{ department: string | null; position: string | null }[]>(
    `SELECT (SELECT v.name FROM department_version v WHERE v.department_id = $2
              ORDER BY (v.valid_from <= $3) DESC, v.valid_from DESC LIMIT 1) AS department,
            (SELECT p.name FROM position p WHERE p.id = $1) AS position`,
    [assignee.positionId, assignee.departmentId, on],
  );
  return [rows[0]?.department, rows[0]?.position].filter(Boolean).join(' ');
}
