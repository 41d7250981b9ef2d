import fc from 'fast-check';
import type { ActingAs, ActionContext, ApprovalAction, ApprovalEvent } from './actions';
import type { NumberingTiming } from './numbering';
import { assigneeKey, type Assignee, type RouteDefinition, type RouteStepDefinition } from './route';
import { applyAction } from './state-machine';
import { allSteps, createApprovalState, findStep, routeOf, stepsAwaiting, type ApprovalState } from './state';

// The demo town's 総務課 (apps/api/src/modules/org/seed/demo-town.ts): 1010 (総務係 主事) drafts, 1003 is the
// 総務係長, 1002 the 課長補佐, 1001 the 課長; 2001 heads 企画財政課, 2008 税務課; 0002 is the 副町長.
const holders = new Map<string, string[]>([
  ['position:KAKARICHO@SOUMU-GEN', ['1003']],
  ['position:HOSA@SOUMU', ['1002']],
  ['position:KACHO@SOUMU', ['1001']],
  ['position:KACHO@KIKAKU', ['2001']],
  ['position:KACHO@ZEIMU', ['2008']],
  ['position:DEPUTY@CHOCHO', ['0002']],
]);
const resolve = (a: Assignee): string[] =>
  a.type === 'user' ? [a.userId] : (holders.get(assigneeKey(a)) ?? []);

const DRAFTER = '1010';
const pos = (
  kind: RouteStepDefinition['kind'],
  positionId: string,
  departmentId = 'SOUMU',
): RouteStepDefinition => ({
  kind,
  assignee: { type: 'position', positionId, departmentId },
});
const one = (step: RouteStepDefinition) => ({ mode: 'all' as const, steps: [step] });

/** 係長 → 課長補佐 → 課長 (決裁). */
const CHAIN: RouteDefinition = [
  one(pos('approve', 'KAKARICHO', 'SOUMU-GEN')),
  one(pos('approve', 'HOSA')),
  one(pos('decide', 'KACHO')),
];

let minute = 0;
function context(actorId: string, extra: Partial<ActionContext> = {}): ActionContext {
  minute += 1;
  const at = new Date(Date.UTC(2026, 5, 10, 0, minute)).toISOString();
  return { actorId, at, resolve, ...extra };
}

function draft(route: RouteDefinition = CHAIN, numberingTiming: NumberingTiming = 'decision'): ApprovalState {
  return createApprovalState({ kind: 'decision', drafterId: DRAFTER, numberingTiming, route });
}

/** Applies an action that must succeed. */
function act(
  state: ApprovalState,
  action: ApprovalAction,
  actorId: string,
  extra: Partial<ActionContext> = {},
): { state: ApprovalState; events: ApprovalEvent[] } {
  const result = applyAction(state, action, context(actorId, extra));
  if (!result.ok) throw new Error(`${action.type} by ${actorId} refused: ${result.error}`);
  return result;
}

/** The code an action is refused with. */
function refusal(
  state: ApprovalState,
  action: ApprovalAction,
  actorId: string,
  extra: Partial<ActionContext> = {},
) {
  const result = applyAction(state, action, context(actorId, extra));
  return result.ok ? 'accepted' : result.error;
}

const stepAt = (state: ApprovalState, stage: number, index = 0) => state.stages[stage].steps[index];
const statuses = (state: ApprovalState) =>
  state.stages.map((stage) => stage.steps.map((s) => s.status).join('|'));
const submitted = (route: RouteDefinition = CHAIN, timing: NumberingTiming = 'decision') =>
  act(draft(route, timing), { type: 'submit' }, DRAFTER).state;

/** Submits CHAIN and takes it through 係長 and 課長補佐. */
function atDecision(): ApprovalState {
  let s = submitted();
  s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
  return act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
}

describe('submission', () => {
  it('starts the route: the first stage becomes active with the people holding its position today', () => {
    const { state, events } = act(draft(), { type: 'submit' }, DRAFTER);
    expect(state.status).toBe('in_progress');
    expect(state.version).toBe(1);
    expect(statuses(state)).toEqual(['active', 'waiting', 'waiting']);
    expect(stepAt(state, 0).holders).toEqual(['1003']);
    expect(events).toContainEqual({ type: 'submitted', version: 1, resubmission: false });
    expect(stepsAwaiting(state, '1003').map((s) => s.id)).toEqual([stepAt(state, 0).id]);
  });

  it('refuses anyone but the drafter', () => {
    expect(refusal(draft(), { type: 'submit' }, '1003')).toBe('approval/not_the_drafter');
  });

  it('refuses an invalid route and says what is wrong with it', () => {
    const result = applyAction(draft([one(pos('approve', 'HOSA'))]), { type: 'submit' }, context(DRAFTER));
    expect(result).toEqual({
      ok: false,
      error: 'approval/invalid_route',
      details: [{ code: 'no_decision', stage: -1 }],
    });
  });

  it('refuses a second submission while the document is on its route', () => {
    expect(refusal(submitted(), { type: 'submit' }, DRAFTER)).toBe('approval/already_submitted');
  });

  it('reports a step whose position nobody holds on the day it becomes active', () => {
    const { state, events } = act(
      draft([one(pos('approve', 'SHUSA')), one(pos('decide', 'KACHO'))]),
      { type: 'submit' },
      DRAFTER,
    );
    expect(stepAt(state, 0).holders).toEqual([]);
    expect(events).toContainEqual({ type: 'step_without_holder', stepId: stepAt(state, 0).id });
  });

  it('never changes the state it is given', () => {
    const before = draft();
    const frozen = JSON.stringify(before);
    act(before, { type: 'submit' }, DRAFTER);
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('承認 and 決裁', () => {
  it('moves stage by stage to the decision and records who acted when', () => {
    let s = submitted();
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id, comment: ' 確認しました ' }, '1003').state;
    expect(statuses(s)).toEqual(['approved', 'active', 'waiting']);
    expect(stepAt(s, 0).record).toMatchObject({
      actorId: '1003',
      capacity: 'self',
      onBehalfOf: [],
      comment: '確認しました',
    });
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    const { state, events } = act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001');
    expect(state.status).toBe('decided');
    expect(state.decidedAt).not.toBeNull();
    expect(statuses(state)).toEqual(['approved', 'approved', 'decided']);
    expect(events.map((e) => e.type)).toEqual(['step_acted', 'decided', 'number_due']);
  });

  it('refuses a second decision on the same step (409)', () => {
    const s = atDecision();
    const decision: ApprovalAction = { type: 'decide', stepId: stepAt(s, 2).id };
    const decided = act(s, decision, '1001').state;
    expect(refusal(decided, decision, '1001')).toBe('approval/step_already_decided');
    expect(refusal(decided, { type: 'reject', stepId: stepAt(s, 2).id, reason: '否' }, '1001')).toBe(
      'approval/step_already_decided',
    );
  });

  it('lets only one of two people holding the same position act (兼務 or two holders)', () => {
    holders.set('position:HOSA@SOUMU', ['1002', '1004']);
    try {
      let s = submitted();
      s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
      expect(stepAt(s, 1).holders).toEqual(['1002', '1004']);
      const approval: ApprovalAction = { type: 'approve', stepId: stepAt(s, 1).id };
      const first = act(s, approval, '1004').state;
      expect(refusal(first, approval, '1002')).toBe('approval/step_already_decided');
    } finally {
      holders.set('position:HOSA@SOUMU', ['1002']);
    }
  });

  it('refuses people who do not hold the step, and steps not reached yet', () => {
    const s = submitted();
    expect(refusal(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1008')).toBe('approval/not_your_step');
    expect(refusal(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002')).toBe('approval/step_not_active');
    expect(refusal(s, { type: 'approve', stepId: 'st999' }, '1002')).toBe('approval/step_not_found');
  });

  it('refuses the wrong action for the kind of step', () => {
    const s = submitted();
    expect(refusal(s, { type: 'decide', stepId: stepAt(s, 0).id }, '1003')).toBe(
      'approval/action_not_for_step',
    );
    expect(refusal(s, { type: 'acknowledge', stepId: stepAt(s, 0).id }, '1003')).toBe(
      'approval/action_not_for_step',
    );
    expect(refusal(s, { type: 'reject', stepId: stepAt(s, 0).id, reason: '不要' }, '1003')).toBe(
      'approval/action_not_for_step',
    );
    const d = atDecision();
    expect(refusal(d, { type: 'approve', stepId: stepAt(d, 2).id }, '1001')).toBe(
      'approval/action_not_for_step',
    );
  });

  it('resolves a step when it becomes active, so a transfer before then reroutes it', () => {
    let s = submitted();
    expect(stepAt(s, 1).holders).toEqual([]);
    holders.set('position:HOSA@SOUMU', ['2002']); // the April 1 人事異動 takes effect
    try {
      s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
      expect(stepAt(s, 1).holders).toEqual(['2002']);
      expect(refusal(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002')).toBe('approval/not_your_step');
    } finally {
      holders.set('position:HOSA@SOUMU', ['1002']);
    }
  });
});

describe('合議 (parallel steps)', () => {
  const route = (mode: 'all' | 'any'): RouteDefinition => [
    one(pos('approve', 'KAKARICHO', 'SOUMU-GEN')),
    { mode, steps: [pos('consult', 'KACHO', 'KIKAKU'), pos('consult', 'KACHO', 'ZEIMU')] },
    one(pos('decide', 'KACHO')),
  ];
  const atConsultation = (mode: 'all' | 'any') => {
    const s = submitted(route(mode));
    return act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
  };

  it('activates all steps of a stage at once', () => {
    expect(statuses(atConsultation('all'))).toEqual(['approved', 'active|active', 'waiting']);
  });

  it('waits for every step of an `all` stage', () => {
    let s = atConsultation('all');
    s = act(s, { type: 'approve', stepId: stepAt(s, 1, 1).id }, '2008').state;
    expect(statuses(s)).toEqual(['approved', 'active|approved', 'waiting']);
    s = act(s, { type: 'approve', stepId: stepAt(s, 1, 0).id }, '2001').state;
    expect(statuses(s)).toEqual(['approved', 'approved|approved', 'active']);
  });

  it('completes an `any` stage on the first approval and skips the rest', () => {
    const s = atConsultation('any');
    const { state, events } = act(s, { type: 'approve', stepId: stepAt(s, 1, 0).id }, '2001');
    expect(statuses(state)).toEqual(['approved', 'approved|skipped', 'active']);
    expect(events).toContainEqual({ type: 'step_skipped', stepId: stepAt(s, 1, 1).id });
    expect(refusal(state, { type: 'approve', stepId: stepAt(s, 1, 1).id }, '2008')).toBe(
      'approval/step_already_decided',
    );
  });
});

describe('後閲', () => {
  const route: RouteDefinition = [...CHAIN, { mode: 'all', steps: [pos('review', 'DEPUTY', 'CHOCHO')] }];

  it('does not block the decision nor 施行, and can be acknowledged afterwards', () => {
    let s = submitted(route);
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    expect(refusal(s, { type: 'acknowledge', stepId: stepAt(s, 3).id }, '0002')).toBe(
      'approval/step_not_active',
    );
    s = act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001').state;
    expect(s.status).toBe('decided');
    expect(statuses(s)).toEqual(['approved', 'approved', 'decided', 'active']);
    s = act(s, { type: 'enforce', enforcedOn: '2026-06-10', method: '郵送' }, DRAFTER).state;
    expect(s.status).toBe('completed');
    s = act(s, { type: 'acknowledge', stepId: stepAt(s, 3).id, comment: '了' }, '0002').state;
    expect(statuses(s)).toEqual(['approved', 'approved', 'decided', 'acknowledged']);
    expect(s.status).toBe('completed');
  });
});

describe('差戻し', () => {
  it('to the drafter needs a reason, returns the document and closes the open steps', () => {
    let s = submitted();
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    const back: ApprovalAction = {
      type: 'send_back',
      stepId: stepAt(s, 1).id,
      to: { type: 'drafter' },
      reason: ' ',
    };
    expect(refusal(s, back, '1002')).toBe('approval/reason_required');
    const { state, events } = act(s, { ...back, reason: '金額を確認してください' }, '1002');
    expect(state.status).toBe('sent_back');
    expect(statuses(state)).toEqual(['approved', 'sent_back', 'waiting']);
    expect(events).toContainEqual({
      type: 'sent_back',
      fromStepId: stepAt(s, 1).id,
      toStepId: null,
      reason: '金額を確認してください',
    });
    expect(refusal(state, { type: 'approve', stepId: stepAt(s, 0).id }, '1003')).toBe(
      'approval/step_already_decided',
    );
  });

  it('then resubmission creates a new version that goes round the whole route again', () => {
    let s = submitted();
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    s = act(
      s,
      { type: 'send_back', stepId: stepAt(s, 1).id, to: { type: 'drafter' }, reason: '修正' },
      '1002',
    ).state;
    const { state, events } = act(s, { type: 'submit' }, DRAFTER);
    expect(state.version).toBe(2);
    expect(state.status).toBe('in_progress');
    expect(statuses(state)).toEqual(['active', 'waiting', 'waiting']);
    expect(events).toContainEqual({ type: 'submitted', version: 2, resubmission: true });
  });

  it('to an earlier step re-activates that step and resets the later ones', () => {
    const s = atDecision();
    const { state, events } = act(
      s,
      {
        type: 'send_back',
        stepId: stepAt(s, 2).id,
        to: { type: 'step', stepId: stepAt(s, 0).id },
        reason: '再確認',
      },
      '1001',
    );
    expect(state.status).toBe('in_progress');
    expect(statuses(state)).toEqual(['active', 'waiting', 'waiting']);
    expect(stepAt(state, 0).record).toBeNull();
    expect(events).toContainEqual({ type: 'step_reset', stepId: stepAt(s, 1).id });
    let again = act(state, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    expect(statuses(again)).toEqual(['approved', 'active', 'waiting']);
    again = act(again, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    expect(act(again, { type: 'decide', stepId: stepAt(s, 2).id }, '1001').state.status).toBe('decided');
  });

  it('to an earlier step keeps the other approvals of that step’s stage', () => {
    const route: RouteDefinition = [
      { mode: 'all', steps: [pos('consult', 'KACHO', 'KIKAKU'), pos('consult', 'KACHO', 'ZEIMU')] },
      one(pos('decide', 'KACHO')),
    ];
    let s = submitted(route);
    s = act(s, { type: 'approve', stepId: stepAt(s, 0, 0).id }, '2001').state;
    s = act(s, { type: 'approve', stepId: stepAt(s, 0, 1).id }, '2008').state;
    const to = { type: 'step' as const, stepId: stepAt(s, 0, 1).id };
    s = act(
      s,
      { type: 'send_back', stepId: stepAt(s, 1).id, to, reason: '税務課の意見を再確認' },
      '1001',
    ).state;
    expect(statuses(s)).toEqual(['approved|active', 'waiting']);
    s = act(s, { type: 'approve', stepId: stepAt(s, 0, 1).id }, '2008').state;
    expect(statuses(s)).toEqual(['approved|approved', 'active']);
  });

  it('refuses a target that is not an approved step of an earlier stage', () => {
    let s = submitted();
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    const from = stepAt(s, 1).id;
    for (const target of [stepAt(s, 1).id, stepAt(s, 2).id, 'st999'])
      expect(
        refusal(
          s,
          { type: 'send_back', stepId: from, to: { type: 'step', stepId: target }, reason: 'x' },
          '1002',
        ),
      ).toBe('approval/invalid_send_back_target');
  });
});

describe('否決', () => {
  it('ends the route; only the 決裁 step may reject', () => {
    const s = atDecision();
    const { state, events } = act(
      s,
      { type: 'reject', stepId: stepAt(s, 2).id, reason: '予算がない' },
      '1001',
    );
    expect(state.status).toBe('rejected');
    expect(events).toContainEqual({ type: 'rejected', stepId: stepAt(s, 2).id, reason: '予算がない' });
    expect(refusal(state, { type: 'submit' }, DRAFTER)).toBe('approval/document_closed');
    expect(refusal(state, { type: 'comment', text: 'x' }, DRAFTER)).toBe('approval/document_closed');
    expect(refusal(state, { type: 'enforce', enforcedOn: '2026-06-10', method: '郵送' }, DRAFTER)).toBe(
      'approval/document_closed',
    );
  });

  it('marks the steps never reached as skipped', () => {
    const route: RouteDefinition = [...CHAIN, one(pos('review', 'DEPUTY', 'CHOCHO'))];
    let s = submitted(route);
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    s = act(s, { type: 'reject', stepId: stepAt(s, 2).id, reason: '否' }, '1001').state;
    expect(statuses(s)).toEqual(['approved', 'approved', 'rejected', 'skipped']);
  });
});

describe('引き上げ (a superior acts for an absent lower step)', () => {
  it('lets a person holding a later step approve the active lower step, recorded as such', () => {
    const s = submitted();
    const { state, events } = act(
      s,
      { type: 'approve', stepId: stepAt(s, 0).id, acting: { as: 'superior' } },
      '1001',
    );
    expect(stepAt(state, 0).record).toMatchObject({
      actorId: '1001',
      capacity: 'superior',
      onBehalfOf: ['1003'],
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'step_acted', outcome: 'approved' }));
    expect(statuses(state)).toEqual(['approved', 'active', 'waiting']);
  });

  it('refuses someone who holds no later step of the route', () => {
    const s = submitted();
    const action: ApprovalAction = { type: 'approve', stepId: stepAt(s, 0).id, acting: { as: 'superior' } };
    expect(refusal(s, action, '2001')).toBe('approval/not_a_superior');
    expect(refusal(s, action, DRAFTER)).toBe('approval/not_a_superior');
  });

  it('applies to 承認 steps only, and not to sending back', () => {
    const route: RouteDefinition = [one(pos('consult', 'KACHO', 'KIKAKU')), one(pos('decide', 'KACHO'))];
    const s = submitted(route);
    expect(refusal(s, { type: 'approve', stepId: stepAt(s, 0).id, acting: { as: 'superior' } }, '1001')).toBe(
      'approval/capacity_not_allowed',
    );
    const c = submitted();
    const back: ApprovalAction = {
      type: 'send_back',
      stepId: stepAt(c, 0).id,
      to: { type: 'drafter' },
      reason: 'x',
      acting: { as: 'superior' },
    };
    expect(refusal(c, back, '1001')).toBe('approval/capacity_not_allowed');
  });
});

describe('代決 (a registered deputy acts for an absent approver)', () => {
  it('records whom the deputy acted for and gives the absent 決裁者 a 後閲 step after the decision', () => {
    const s = atDecision();
    const decision: ApprovalAction = {
      type: 'decide',
      stepId: stepAt(s, 2).id,
      acting: { as: 'deputy', forUserId: '1001' },
    };
    const { state, events } = act(s, decision, '1002', { deputyFor: ['1001'] });
    expect(state.status).toBe('decided');
    expect(stepAt(state, 2).record).toMatchObject({
      actorId: '1002',
      capacity: 'deputy',
      onBehalfOf: ['1001'],
    });
    const review = stepAt(state, 3);
    expect(review).toMatchObject({
      kind: 'review',
      status: 'active',
      holders: ['1001'],
      addedFor: stepAt(s, 2).id,
    });
    expect(events).toContainEqual({
      type: 'review_step_added',
      stepId: review.id,
      forUserId: '1001',
      afterStepId: stepAt(s, 2).id,
    });
    const reviewed = act(state, { type: 'acknowledge', stepId: review.id }, '1001').state;
    expect(stepAt(reviewed, 3).status).toBe('acknowledged');
  });

  it('adds the 後閲 step of an absent approver before the decision, active once decided', () => {
    let s = submitted();
    s = act(
      s,
      { type: 'approve', stepId: stepAt(s, 0).id, acting: { as: 'deputy', forUserId: '1003' } },
      '1008',
      {
        deputyFor: ['1003'],
      },
    ).state;
    expect(statuses(s)).toEqual(['approved', 'active', 'waiting', 'waiting']);
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    s = act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001').state;
    expect(stepAt(s, 3)).toMatchObject({ status: 'active', holders: ['1003'] });
  });

  it('drops that 後閲 step when the deputy’s approval is undone by a send-back', () => {
    let s = submitted();
    s = act(
      s,
      { type: 'approve', stepId: stepAt(s, 0).id, acting: { as: 'deputy', forUserId: '1003' } },
      '1008',
      {
        deputyFor: ['1003'],
      },
    ).state;
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    const to = { type: 'step' as const, stepId: stepAt(s, 0).id };
    const { state, events } = act(
      s,
      { type: 'send_back', stepId: stepAt(s, 2).id, to, reason: '本人確認' },
      '1001',
    );
    expect(state.stages).toHaveLength(3);
    expect(events).toContainEqual({ type: 'review_step_removed', stepId: stepAt(s, 3).id });
  });

  it('refuses a person who is not a registered deputy of that approver today', () => {
    const s = atDecision();
    const decision: ApprovalAction = {
      type: 'decide',
      stepId: stepAt(s, 2).id,
      acting: { as: 'deputy', forUserId: '1001' },
    };
    expect(refusal(s, decision, '1002')).toBe('approval/not_a_deputy');
    expect(refusal(s, decision, '1002', { deputyFor: ['1003'] })).toBe('approval/not_a_deputy');
    const notHolder: ApprovalAction = { ...decision, acting: { as: 'deputy', forUserId: '1003' } };
    expect(refusal(s, notHolder, '1002', { deputyFor: ['1003'] })).toBe('approval/not_a_deputy');
  });

  it('does not apply to 確認 or 後閲, which are done in person', () => {
    const c = createApprovalState({
      kind: 'circulation',
      drafterId: DRAFTER,
      numberingTiming: 'draft',
      route: [one(pos('acknowledge', 'KACHO'))],
    });
    const s = act(c, { type: 'submit' }, DRAFTER).state;
    const ack = {
      type: 'approve' as const,
      stepId: stepAt(s, 0).id,
      acting: { as: 'deputy' as const, forUserId: '1001' },
    };
    expect(refusal(s, ack, '1002', { deputyFor: ['1001'] })).toBe('approval/action_not_for_step');
    const send: ApprovalAction = {
      type: 'send_back',
      stepId: stepAt(s, 0).id,
      to: { type: 'drafter' },
      reason: 'x',
      acting: ack.acting,
    };
    expect(refusal(s, send, '1002', { deputyFor: ['1001'] })).toBe('approval/capacity_not_allowed');
  });
});

describe('引戻し', () => {
  it('lets the drafter pull the document back until the first approver acts', () => {
    const s = submitted();
    expect(refusal(s, { type: 'withdraw' }, '1003')).toBe('approval/not_the_drafter');
    const { state } = act(s, { type: 'withdraw' }, DRAFTER);
    expect(state.status).toBe('withdrawn');
    expect(statuses(state)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(refusal(state, { type: 'approve', stepId: stepAt(s, 0).id }, '1003')).toBe(
      'approval/document_not_in_progress',
    );
    const again = act(state, { type: 'submit' }, DRAFTER).state;
    expect(again.version).toBe(2);
    expect(statuses(again)).toEqual(['active', 'waiting', 'waiting']);
  });

  it('refuses once an approver has acted', () => {
    let s = submitted();
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    expect(refusal(s, { type: 'withdraw' }, DRAFTER)).toBe('approval/cannot_withdraw');
    expect(refusal(draft(), { type: 'withdraw' }, DRAFTER)).toBe('approval/document_not_in_progress');
  });
});

describe('after 決裁', () => {
  const decided = () => {
    const s = atDecision();
    return act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001').state;
  };

  it('changes nothing of substance: no new route, no resubmission, no withdrawal', () => {
    const s = decided();
    expect(refusal(s, { type: 'set_route', route: CHAIN }, DRAFTER)).toBe('approval/document_decided');
    expect(refusal(s, { type: 'submit' }, DRAFTER)).toBe('approval/document_decided');
    expect(refusal(s, { type: 'withdraw' }, DRAFTER)).toBe('approval/document_decided');
    expect(refusal(s, { type: 'discard' }, DRAFTER)).toBe('approval/document_decided');
  });

  it('still takes comments and formal additions by a document administrator', () => {
    const s = decided();
    expect(act(s, { type: 'comment', text: '了解' }, '1003').events).toEqual([
      { type: 'comment_added', text: '了解', stepId: null },
    ]);
    expect(refusal(s, { type: 'record_law_number', lawNumber: '条例第5号' }, DRAFTER)).toBe(
      'approval/not_document_administrator',
    );
    const added = act(s, { type: 'record_law_number', lawNumber: '条例第5号' }, '1005', {
      isDocumentAdministrator: true,
    });
    expect(added.state.lawNumber).toBe('条例第5号');
  });
});

describe('施行', () => {
  const decided = () => {
    const s = atDecision();
    return act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001').state;
  };

  it('records 施行日 and how it was sent, and completes the document', () => {
    const { state, events } = act(
      decided(),
      { type: 'enforce', enforcedOn: '2026-06-15', method: ' 郵送 ' },
      DRAFTER,
    );
    expect(state.status).toBe('completed');
    expect(state.enforcement).toMatchObject({ enforcedOn: '2026-06-15', method: '郵送' });
    expect(events).toContainEqual({ type: 'enforced', enforcedOn: '2026-06-15', method: '郵送' });
    expect(refusal(state, { type: 'enforce', enforcedOn: '2026-06-15', method: '郵送' }, DRAFTER)).toBe(
      'approval/document_closed',
    );
    expect(refusal(state, { type: 'comment', text: 'x' }, DRAFTER)).toBe('approval/document_closed');
  });

  it('needs a decided document, a real date not before the decision and a way of sending', () => {
    const enforce = (enforcedOn: string, method = '郵送'): ApprovalAction => ({
      type: 'enforce',
      enforcedOn,
      method,
    });
    expect(refusal(atDecision(), enforce('2026-06-10'), DRAFTER)).toBe('approval/not_decided');
    const s = decided();
    expect(refusal(s, enforce('2026-06-09'), DRAFTER)).toBe('approval/invalid_enforcement');
    expect(refusal(s, enforce('2026-06-31'), DRAFTER)).toBe('approval/invalid_enforcement');
    expect(refusal(s, enforce('2026-06-10', '  '), DRAFTER)).toBe('approval/invalid_enforcement');
    expect(refusal(s, enforce('2026-06-10'), '1003')).toBe('approval/not_the_drafter');
    expect(act(s, enforce('2026-06-10'), '1005', { isDocumentAdministrator: true }).state.status).toBe(
      'completed',
    );
  });
});

describe('document numbers', () => {
  const numberDue = (events: ApprovalEvent[]) => events.filter((e) => e.type === 'number_due').length;

  it('are due at the first submission only, for templates numbering at 起案', () => {
    const first = act(draft(CHAIN, 'draft'), { type: 'submit' }, DRAFTER);
    expect(numberDue(first.events)).toBe(1);
    expect(first.state.numbered).toBe(true);
    const withdrawn = act(first.state, { type: 'withdraw' }, DRAFTER).state;
    expect(numberDue(act(withdrawn, { type: 'submit' }, DRAFTER).events)).toBe(0);
  });

  it('are due at 決裁 or at 施行 as the template says', () => {
    let s = submitted(CHAIN, 'enforcement');
    s = act(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003').state;
    s = act(s, { type: 'approve', stepId: stepAt(s, 1).id }, '1002').state;
    const decided = act(s, { type: 'decide', stepId: stepAt(s, 2).id }, '1001');
    expect(numberDue(decided.events)).toBe(0);
    expect(
      numberDue(
        act(decided.state, { type: 'enforce', enforcedOn: '2026-06-10', method: '手渡し' }, DRAFTER).events,
      ),
    ).toBe(1);
  });
});

describe('供覧 (circulation)', () => {
  const circulation = (timing: NumberingTiming) =>
    createApprovalState({
      kind: 'circulation',
      drafterId: DRAFTER,
      numberingTiming: timing,
      route: [
        one(pos('acknowledge', 'KAKARICHO', 'SOUMU-GEN')),
        { mode: 'all', steps: [pos('acknowledge', 'HOSA'), pos('acknowledge', 'KACHO')] },
      ],
    });

  it('is acknowledged step by step and ends circulated, with its number at the end', () => {
    let s = act(circulation('decision'), { type: 'submit' }, DRAFTER).state;
    expect(refusal(s, { type: 'approve', stepId: stepAt(s, 0).id }, '1003')).toBe(
      'approval/action_not_for_step',
    );
    s = act(s, { type: 'acknowledge', stepId: stepAt(s, 0).id }, '1003').state;
    s = act(s, { type: 'acknowledge', stepId: stepAt(s, 1, 0).id }, '1002').state;
    const { state, events } = act(s, { type: 'acknowledge', stepId: stepAt(s, 1, 1).id }, '1001');
    expect(state.status).toBe('circulated');
    expect(events.map((e) => e.type)).toEqual(['step_acted', 'circulated', 'number_due']);
    expect(refusal(state, { type: 'enforce', enforcedOn: '2026-06-10', method: '郵送' }, DRAFTER)).toBe(
      'approval/document_closed',
    );
  });
});

describe('route changes while the document is with the drafter', () => {
  it('replaces the route of a draft or a sent-back document, never one on its route', () => {
    const route: RouteDefinition = [one(pos('decide', 'KACHO'))];
    const { state } = act(draft(), { type: 'set_route', route }, DRAFTER);
    expect(routeOf(state)).toEqual(route);
    expect(findStep(state, 'st1')).toBeNull(); // ids are never reused
    expect(refusal(submitted(), { type: 'set_route', route }, DRAFTER)).toBe('approval/already_submitted');
    expect(refusal(draft(), { type: 'set_route', route }, '1003')).toBe('approval/not_the_drafter');
    const invalid = applyAction(
      draft(),
      { type: 'set_route', route: [one(pos('review', 'KACHO'))] },
      context(DRAFTER),
    );
    expect(invalid.ok ? null : invalid.error).toBe('approval/invalid_route');
  });

  it('lets the drafter discard a draft, which then takes no more actions', () => {
    const { state } = act(draft(), { type: 'discard' }, DRAFTER);
    expect(state.status).toBe('discarded');
    expect(refusal(state, { type: 'submit' }, DRAFTER)).toBe('approval/document_closed');
    expect(refusal(submitted(), { type: 'discard' }, DRAFTER)).toBe('approval/already_submitted');
  });
});

describe('comments', () => {
  it('need text, a known step if one is named, and a document that left the drafter’s desk', () => {
    const s = submitted();
    expect(refusal(s, { type: 'comment', text: '  ' }, '1003')).toBe('approval/comment_required');
    expect(refusal(s, { type: 'comment', text: 'x', stepId: 'st999' }, '1003')).toBe(
      'approval/step_not_found',
    );
    expect(refusal(draft(), { type: 'comment', text: 'x' }, DRAFTER)).toBe(
      'approval/document_not_in_progress',
    );
    expect(act(s, { type: 'comment', text: ' 至急 ', stepId: stepAt(s, 0).id }, '1003').events).toEqual([
      { type: 'comment_added', text: '至急', stepId: stepAt(s, 0).id },
    ]);
  });
});

describe('any sequence of actions', () => {
  const people = ['1010', '1003', '1002', '1001', '2001', '2008', '0002', '1005'];
  const route: RouteDefinition = [
    one(pos('approve', 'KAKARICHO', 'SOUMU-GEN')),
    { mode: 'any', steps: [pos('consult', 'KACHO', 'KIKAKU'), pos('consult', 'KACHO', 'ZEIMU')] },
    one(pos('approve', 'HOSA')),
    one(pos('decide', 'KACHO')),
    { mode: 'all', steps: [pos('review', 'DEPUTY', 'CHOCHO')] },
  ];
  // Moves are read against the current state (an active step, one of its holders), so that runs go deep:
  // decisions, send-backs, 代決 and 施行 happen, besides the many refusals of random people and steps.
  const often = <T>(weight: number, value: T) => ({ weight, arbitrary: fc.constant(value) });
  const move = fc.record({
    type: fc.oneof(
      often(10, 'proceed' as const),
      often(2, 'approve' as const),
      often(1, 'decide' as const),
      often(1, 'acknowledge' as const),
      often(3, 'submit' as const),
      often(2, 'enforce' as const),
      often(1, 'withdraw' as const),
      often(3, 'reject' as const),
      often(1, 'send_back' as const),
      often(2, 'send_back_to_step' as const),
      often(1, 'comment' as const),
      often(1, 'discard' as const),
    ),
    step: fc.nat(30),
    target: fc.nat(30),
    actor: fc.oneof(often(4, 'holder'), { weight: 1, arbitrary: fc.constantFrom(...people) }),
    acting: fc.oneof(often(6, 'self'), often(1, 'superior'), often(1, 'deputy')),
  });
  type Move = typeof move extends fc.Arbitrary<infer M> ? M : never;

  function interpret(
    s: ApprovalState,
    m: Move,
  ): { action: ApprovalAction; actor: string; deputyFor: string[] } {
    const steps = allSteps(s);
    const active = steps.filter((st) => st.status === 'active');
    const step = active.length > 0 ? active[m.step % active.length] : steps[m.step % steps.length];
    const holder = step.holders[0] ?? DRAFTER;
    let actor =
      m.actor === 'holder'
        ? ['submit', 'withdraw', 'discard', 'enforce'].includes(m.type)
          ? DRAFTER
          : holder
        : m.actor;
    let acting: ActingAs | undefined;
    const deputyFor: string[] = [];
    if (m.acting === 'superior') acting = { as: 'superior' };
    if (m.acting === 'deputy') {
      acting = { as: 'deputy', forUserId: holder };
      deputyFor.push(holder);
      if (actor === holder) actor = '1005';
    }
    const stepId = step.id;
    const target = steps[m.target % steps.length].id;
    const proceed =
      step.kind === 'decide'
        ? 'decide'
        : ['approve', 'consult'].includes(step.kind)
          ? 'approve'
          : 'acknowledge';
    const actions: Record<Move['type'], ApprovalAction> = {
      proceed: proceed === 'acknowledge' ? { type: proceed, stepId } : { type: proceed, stepId, acting },
      approve: { type: 'approve', stepId, acting },
      decide: { type: 'decide', stepId, acting },
      acknowledge: { type: 'acknowledge', stepId },
      reject: { type: 'reject', stepId, reason: '否', acting },
      send_back: { type: 'send_back', stepId, to: { type: 'drafter' }, reason: '再考', acting },
      send_back_to_step: {
        type: 'send_back',
        stepId,
        to: { type: 'step', stepId: target },
        reason: '再考',
        acting,
      },
      submit: { type: 'submit' },
      withdraw: { type: 'withdraw' },
      discard: { type: 'discard' },
      enforce: { type: 'enforce', enforcedOn: '2030-04-01', method: '郵送' },
      comment: { type: 'comment', text: '確認', stepId },
    };
    return { action: actions[m.type], actor, deputyFor };
  }

  it('keeps the route consistent and issues at most one number', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(move, { minLength: 30, maxLength: 80 }),
        fc.constantFrom<NumberingTiming>('draft', 'decision', 'enforcement'),
        (moves, timing) => {
          let s = draft(route, timing);
          let numbers = 0;
          for (const m of moves) {
            const { action, actor, deputyFor } = interpret(s, m);
            const before = JSON.stringify(s);
            const result = applyAction(s, action, context(actor, { deputyFor }));
            expect(JSON.stringify(s)).toBe(before);
            if (!result.ok) continue;
            s = result.state;
            reached.add(s.status);
            numbers += result.events.filter((e) => e.type === 'number_due').length;
            const steps = allSteps(s);
            const decidedSteps = steps.filter((st) => st.status === 'decided');
            expect(decidedSteps.length).toBe(['decided', 'completed'].includes(s.status) ? 1 : 0);
            expect(s.decidedAt !== null).toBe(['decided', 'completed'].includes(s.status));
            if (s.status === 'in_progress') expect(steps.some((st) => st.status === 'active')).toBe(true);
            if (['draft', 'withdrawn', 'discarded'].includes(s.status))
              expect(steps.every((st) => st.status === 'waiting')).toBe(true);
            for (const st of steps) {
              if (st.status === 'active') expect(st.activatedAt).not.toBeNull();
              if (st.status === 'waiting') expect([st.activatedAt, st.record]).toEqual([null, null]);
              if (st.status === 'active' && st.kind !== 'review') expect(s.status).toBe('in_progress');
              if (st.addedFor !== null)
                expect(findStep(s, st.addedFor)?.step.record?.capacity).toBe('deputy');
            }
            // Open steps before the decision lie in one stage: the route has a single front.
            const pre = s.stages.filter((stage) => stage.steps.every((st) => st.kind !== 'review'));
            const withActive = pre.filter((stage) => stage.steps.some((st) => st.status === 'active'));
            expect(withActive.length).toBeLessThanOrEqual(1);
          }
          expect(numbers).toBeLessThanOrEqual(1);
          expect(s.numbered).toBe(numbers === 1);
        },
      ),
      { numRuns: 250 },
    );
    // The runs went everywhere a document can go.
    expect([...reached].sort()).toEqual(
      ['completed', 'decided', 'discarded', 'in_progress', 'rejected', 'sent_back', 'withdrawn'].sort(),
    );
  });
});
