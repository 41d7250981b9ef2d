import { createApprovalState, type ApprovalState, type StepState } from '@ringi/domain';
import { dueReminders } from './approval-reminders.rules';
import { rerouteState, superiorsOf } from './approval-reroute';

const leader = { type: 'position', positionId: 'p-leader', departmentId: 'd-section' } as const;
const chief = { type: 'position', positionId: 'p-chief', departmentId: 'd-division' } as const;

/** 係長 (承認) then 課長 (決裁); the 係長's step active since `activatedAt` (2026-04-28, a Tuesday, 10:00 JST). */
function onRoute(activatedAt = '2026-04-28T01:00:00.000Z', holders = ['u-leader']): ApprovalState {
  const state = createApprovalState({
    kind: 'decision',
    drafterId: 'u-clerk',
    numberingTiming: 'decision',
    route: [
      { mode: 'all', steps: [{ kind: 'approve', assignee: leader }] },
      { mode: 'all', steps: [{ kind: 'decide', assignee: chief }] },
    ],
  });
  state.status = 'in_progress';
  const first = state.stages[0].steps[0] as StepState & { holders: string[] };
  Object.assign(first, { status: 'active', holders, activatedAt });
  return state;
}

const rules = { holderDays: 3, drafterDays: 5 };
const due = (state: ApprovalState, today: string, reached = new Map<string, string>()) =>
  dueReminders('doc', state, reached, today, rules).map((r) => `${r.recipient}:${r.workingDays}`);

describe('dueReminders', () => {
  // Golden Week 2026: 4/29 (Wed) 昭和の日, 5/2–5/3 weekend, 5/4–5/6 holidays (5/6 振替休日).
  it('counts working days only: a step of Tuesday 4/28 reminds its holder on 5/7, the drafter on 5/11', () => {
    const state = onRoute();
    expect(due(state, '2026-05-01')).toEqual([]); // 4/30, 5/1: two working days
    expect(due(state, '2026-05-06')).toEqual([]); // a holiday: nothing is sent
    expect(due(state, '2026-05-07')).toEqual(['holder:3']);
    expect(due(state, '2026-05-08')).toEqual(['holder:4']);
    expect(due(state, '2026-05-11')).toEqual(['holder:5', 'drafter:5']);
  });

  it('names each reminder by its step activation, so a step activated again is a new occasion', () => {
    const [first] = dueReminders('doc', onRoute(), new Map(), '2026-05-07', rules);
    expect(first.key).toBe('reminder:doc:st2:2026-04-28T01:00:00.000Z:holder');
    const again = onRoute('2026-04-30T01:00:00.000Z');
    expect(dueReminders('doc', again, new Map(), '2026-05-11', rules)[0].key).toBe(
      'reminder:doc:st2:2026-04-30T01:00:00.000Z:holder',
    );
  });

  it('restarts the holder’s count when the step reached new holders, not the drafter’s', () => {
    const reached = new Map([['st2', '2026-05-07T00:00:00.000Z']]);
    expect(due(onRoute(), '2026-05-11', reached)).toEqual(['drafter:5']);
    expect(due(onRoute(), '2026-05-12', reached)).toEqual(['holder:3', 'drafter:6']);
  });

  it('tells only the drafter about a step nobody holds, and nothing about documents off their route', () => {
    expect(due(onRoute(undefined, []), '2026-05-11')).toEqual(['drafter:5']);
    const decided = { ...onRoute(), status: 'decided' as const };
    expect(due(decided, '2026-05-11')).toEqual([]);
  });
});

describe('rerouteState', () => {
  it('replaces the holders of an active position step only, without touching its activation', () => {
    const state = onRoute();
    const { state: next, changes } = rerouteState(
      state,
      new Map([
        ['position:p-leader@d-section', ['u-successor']],
        ['position:p-chief@d-division', ['u-other-chief']],
      ]),
    );
    expect(changes).toEqual([
      { stepId: 'st2', kind: 'approve', assignee: leader, from: ['u-leader'], to: ['u-successor'] },
    ]);
    expect(next.stages[0].steps[0]).toMatchObject({
      status: 'active',
      holders: ['u-successor'],
      activatedAt: '2026-04-28T01:00:00.000Z',
    });
    expect(next.stages[1].steps[0].holders).toEqual([]); // waiting steps resolve when they become active
    expect(state.stages[0].steps[0].holders).toEqual(['u-leader']); // its input is left alone
  });

  it('changes nothing when the same people hold it (in any order), and leaves a vacant step active', () => {
    const two = onRoute(undefined, ['a', 'b']);
    const key = 'position:p-leader@d-section';
    expect(rerouteState(two, new Map([[key, ['b', 'a']]])).changes).toEqual([]);
    const { state: vacant, changes } = rerouteState(two, new Map([[key, []]]));
    expect(changes[0].to).toEqual([]);
    expect(vacant.stages[0].steps[0]).toMatchObject({ status: 'active', holders: [] });
    expect(superiorsOf(vacant, 'st2', new Map([['position:p-chief@d-division', ['u-chief']]]))).toEqual([
      'u-chief',
    ]);
    expect(superiorsOf(vacant, 'st4', new Map())).toEqual([]);
  });
});
