import { assigneeKey, validateRoute, type RouteDefinition, type RouteStepDefinition } from './route';

const pos = (positionId: string, departmentId: string) => ({
  type: 'position' as const,
  positionId,
  departmentId,
});
const step = (
  kind: RouteStepDefinition['kind'],
  positionId: string,
  departmentId = 'SOUMU',
): RouteStepDefinition => ({
  kind,
  assignee: pos(positionId, departmentId),
});
const serial = (...steps: RouteStepDefinition[]): RouteDefinition =>
  steps.map((s) => ({ mode: 'all', steps: [s] }));

describe('validateRoute', () => {
  it('accepts 承認 stages, parallel 合議, one 決裁 and 後閲 after it', () => {
    const route: RouteDefinition = [
      { mode: 'all', steps: [step('approve', 'KAKARICHO', 'SOUMU-GEN')] },
      { mode: 'any', steps: [step('consult', 'KACHO', 'KIKAKU'), step('consult', 'KACHO', 'ZEIMU')] },
      { mode: 'all', steps: [step('decide', 'KACHO')] },
      {
        mode: 'all',
        steps: [step('review', 'HOSA'), { kind: 'review', assignee: { type: 'user', userId: 'u1' } }],
      },
    ];
    expect(validateRoute('decision', route)).toEqual([]);
  });

  it('needs exactly one 決裁 step, alone in its stage', () => {
    expect(validateRoute('decision', serial(step('approve', 'KAKARICHO')))).toEqual([
      { code: 'no_decision', stage: -1 },
    ]);
    expect(
      validateRoute('decision', serial(step('decide', 'KACHO'), step('decide', 'DEPUTY', 'CHOCHO'))),
    ).toContainEqual({
      code: 'several_decisions',
      stage: 1,
    });
    expect(
      validateRoute('decision', [
        { mode: 'all', steps: [step('decide', 'KACHO'), step('consult', 'KACHO', 'KIKAKU')] },
      ]),
    ).toContainEqual({ code: 'decision_not_alone', stage: 0 });
  });

  it('keeps 後閲 after the decision and only 後閲 there', () => {
    expect(validateRoute('decision', serial(step('review', 'HOSA'), step('decide', 'KACHO')))).toEqual([
      { code: 'review_before_decision', stage: 0, step: 0 },
    ]);
    expect(
      validateRoute('decision', serial(step('decide', 'KACHO'), step('approve', 'DEPUTY', 'CHOCHO'))),
    ).toEqual([{ code: 'not_review_after_decision', stage: 1, step: 0 }]);
  });

  it('allows only 確認 steps in a 供覧, and no 確認 in a 決裁 document', () => {
    expect(
      validateRoute('circulation', serial(step('acknowledge', 'KAKARICHO'), step('acknowledge', 'KACHO'))),
    ).toEqual([]);
    expect(validateRoute('circulation', serial(step('approve', 'KACHO')))).toEqual([
      { code: 'kind_not_allowed', stage: 0, step: 0 },
    ]);
    expect(
      validateRoute('decision', serial(step('acknowledge', 'HOSA'), step('decide', 'KACHO'))),
    ).toContainEqual({
      code: 'kind_not_allowed',
      stage: 0,
      step: 0,
    });
  });

  it('refuses an empty route, an empty stage and the same assignee twice in a stage', () => {
    expect(validateRoute('decision', [])).toEqual([{ code: 'empty_route', stage: -1 }]);
    expect(validateRoute('circulation', [{ mode: 'all', steps: [] }])).toEqual([
      { code: 'empty_stage', stage: 0 },
    ]);
    expect(
      validateRoute('circulation', [
        { mode: 'all', steps: [step('acknowledge', 'KACHO'), step('acknowledge', 'KACHO')] },
      ]),
    ).toEqual([{ code: 'duplicate_assignee', stage: 0, step: 1 }]);
  });
});

describe('assigneeKey', () => {
  it('tells people and positions apart', () => {
    expect(assigneeKey({ type: 'user', userId: 'a' })).toBe('user:a');
    expect(assigneeKey(pos('KACHO', 'SOUMU'))).toBe('position:KACHO@SOUMU');
  });
});
