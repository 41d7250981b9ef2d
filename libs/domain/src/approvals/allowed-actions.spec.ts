import type { ActionContext } from './actions';
import { allowedActions } from './allowed-actions';
import { assigneeKey, type Assignee, type RouteDefinition } from './route';
import { applyAction } from './state-machine';
import { createApprovalState, type ApprovalState } from './state';

const holders: Record<string, string[]> = {
  'position:KAKARICHO@SOUMU-GEN': ['1003'],
  'position:KACHO@SOUMU': ['1001'],
};
const resolve = (a: Assignee): string[] => (a.type === 'user' ? [a.userId] : (holders[assigneeKey(a)] ?? []));
const ctx = (actorId: string, extra: Partial<ActionContext> = {}): ActionContext => ({
  actorId,
  at: '2026-06-10T01:00:00.000Z',
  resolve,
  ...extra,
});
const route: RouteDefinition = [
  {
    mode: 'all',
    steps: [
      { kind: 'approve', assignee: { type: 'position', positionId: 'KAKARICHO', departmentId: 'SOUMU-GEN' } },
    ],
  },
  {
    mode: 'all',
    steps: [{ kind: 'decide', assignee: { type: 'position', positionId: 'KACHO', departmentId: 'SOUMU' } }],
  },
];

function submitted(): ApprovalState {
  const draft = createApprovalState({
    kind: 'decision',
    drafterId: '1010',
    numberingTiming: 'decision',
    route,
  });
  const result = applyAction(draft, { type: 'submit' }, ctx('1010'));
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

describe('allowedActions', () => {
  it('offers the drafter of a draft to submit, change the route or discard it', () => {
    const draft = createApprovalState({
      kind: 'decision',
      drafterId: '1010',
      numberingTiming: 'decision',
      route,
    });
    expect(allowedActions(draft, ctx('1010')).map((a) => a.type)).toEqual(['submit', 'discard', 'set_route']);
    expect(allowedActions(draft, ctx('1003'))).toEqual([]);
  });

  it('offers the holder of the active step to approve or send back, and the drafter to withdraw', () => {
    const s = submitted();
    expect(allowedActions(s, ctx('1003'))).toEqual([
      { type: 'approve', stepId: 'st2' },
      { type: 'send_back', stepId: 'st2' },
      { type: 'comment' },
    ]);
    expect(allowedActions(s, ctx('1010')).map((a) => a.type)).toEqual(['withdraw', 'comment']);
  });

  it('offers a superior on the route 引き上げ, and a registered deputy 代決', () => {
    const s = submitted();
    expect(allowedActions(s, ctx('1001'))).toContainEqual({
      type: 'approve',
      stepId: 'st2',
      acting: { as: 'superior' },
    });
    expect(allowedActions(s, ctx('1008', { deputyFor: ['1003'] }))).toContainEqual({
      type: 'approve',
      stepId: 'st2',
      acting: { as: 'deputy', forUserId: '1003' },
    });
  });
});
