import type { DecisionAuthorityTable } from './decision-authority';
import { generateDefaultRoute, type ChainDepartment, type DefaultRouteInput } from './default-route';
import { validateRoute, type RouteDefinition } from './route';

// Positions and departments of the demo town (apps/api/src/modules/org/seed/demo-town.ts).
const RANK = {
  MAYOR: 1,
  DEPUTY: 2,
  ACCOUNTANT: 4,
  KACHO: 5,
  HOSA: 6,
  KAKARICHO: 7,
  SHUSA: 8,
  SHUNIN: 9,
  SHUJI: 10,
};
type Code = keyof typeof RANK;
const dept = (departmentId: string, held: Partial<Record<Code, string[]>>): ChainDepartment => ({
  departmentId,
  positions: Object.entries(held).map(([code, holders]) => ({
    positionId: code,
    rank: RANK[code as Code],
    holders,
  })),
});

const CHOCHO = dept('CHOCHO', { MAYOR: ['0001'], DEPUTY: ['0002'] });
const SOUMU = dept('SOUMU', { KACHO: ['1001'], HOSA: ['1002'] });
const SOUMU_GEN = dept('SOUMU-GEN', { KAKARICHO: ['1003'], SHUNIN: ['1008'], SHUJI: ['1009', '1010'] });
const SOUMU_IT = dept('SOUMU-IT', { KAKARICHO: ['1002'], SHUSA: ['1005'], SHUJI: ['1006'] });

const TABLE: DecisionAuthorityTable = [
  { category: null, upTo: 500_000, decider: { positionId: 'KACHO', rank: 5 } },
  { category: null, upTo: 3_000_000, decider: { positionId: 'DEPUTY', rank: 2 } },
  { category: null, upTo: null, decider: { positionId: 'MAYOR', rank: 1 } },
];

const clerk = { userId: '1010', rank: RANK.SHUJI };
const input = (
  over: Partial<DefaultRouteInput> = {},
  amount: number | null = 100_000,
): DefaultRouteInput => ({
  drafter: clerk,
  chain: [SOUMU_GEN, SOUMU, CHOCHO],
  authority: { table: TABLE, category: 'expenditure', amount },
  ...over,
});

/** The route as `KIND POSITION@DEPARTMENT` lines, parallel steps joined with ` + `. */
function outline(route: RouteDefinition): string[] {
  return route.map((stage) =>
    stage.steps
      .map((s) =>
        s.assignee.type === 'position'
          ? `${s.kind} ${s.assignee.positionId}@${s.assignee.departmentId}`
          : `${s.kind} user:${s.assignee.userId}`,
      )
      .join(' + '),
  );
}

function routeOf(i: DefaultRouteInput): string[] {
  const result = generateDefaultRoute(i);
  if (!result.ok) throw new Error(result.error);
  expect(validateRoute('decision', result.route)).toEqual([]);
  return outline(result.route);
}

describe('generateDefaultRoute', () => {
  it('climbs from the 係長 to the 課長, who decides up to 500,000 yen', () => {
    expect(routeOf(input({}, 500_000))).toEqual([
      'approve KAKARICHO@SOUMU-GEN',
      'approve HOSA@SOUMU',
      'decide KACHO@SOUMU',
    ]);
  });

  it('goes on to the 副町長 up to 3,000,000 yen and to the 町長 above', () => {
    expect(routeOf(input({}, 500_001)).slice(-2)).toEqual(['approve KACHO@SOUMU', 'decide DEPUTY@CHOCHO']);
    expect(routeOf(input({}, 3_000_001))).toEqual([
      'approve KAKARICHO@SOUMU-GEN',
      'approve HOSA@SOUMU',
      'approve KACHO@SOUMU',
      'approve DEPUTY@CHOCHO',
      'decide MAYOR@CHOCHO',
    ]);
  });

  it('leaves out the 主任 and 主査, who are not line positions, unless the town says otherwise', () => {
    expect(routeOf(input())[0]).toBe('approve KAKARICHO@SOUMU-GEN');
    const kosodate = dept('KOSODATE', { KACHO: ['2020'], SHUSA: ['2021'], SHUJI: ['2022'] });
    const drafter = { userId: '2022', rank: RANK.SHUJI };
    expect(routeOf(input({ drafter, chain: [kosodate, CHOCHO] }))).toEqual(['decide KACHO@KOSODATE']);
    expect(routeOf(input({ drafter, chain: [kosodate, CHOCHO], lineRankLimit: 8 }))).toEqual([
      'approve SHUSA@KOSODATE',
      'decide KACHO@KOSODATE',
    ]);
  });

  it('starts above the drafter', () => {
    const chief = { userId: '1003', rank: RANK.KAKARICHO };
    expect(routeOf(input({ drafter: chief }))).toEqual(['approve HOSA@SOUMU', 'decide KACHO@SOUMU']);
    const head = { userId: '1001', rank: RANK.KACHO };
    expect(routeOf(input({ drafter: head }, 1_000_000))).toEqual(['decide DEPUTY@CHOCHO']);
  });

  it('skips a vacant position and says so', () => {
    const vacant = dept('SOUMU', { KACHO: ['1001'], HOSA: [] });
    const result = generateDefaultRoute(input({ chain: [SOUMU_GEN, vacant, CHOCHO] }));
    expect(result.ok && outline(result.route)).toEqual(['approve KAKARICHO@SOUMU-GEN', 'decide KACHO@SOUMU']);
    expect(result.ok && result.skipped).toEqual([
      { departmentId: 'SOUMU', positionId: 'HOSA', reason: 'vacant' },
    ]);
  });

  it('gives the decision to the next position above when the deciding one is vacant or missing', () => {
    const noChief = dept('SOUMU', { KACHO: [], HOSA: ['1002'] });
    const result = generateDefaultRoute(input({ chain: [SOUMU_GEN, noChief, CHOCHO] }));
    expect(result.ok && outline(result.route)).toEqual([
      'approve KAKARICHO@SOUMU-GEN',
      'approve HOSA@SOUMU',
      'decide DEPUTY@CHOCHO',
    ]);
    expect(result.ok && result.decider).toEqual({ departmentId: 'CHOCHO', positionId: 'DEPUTY' });
  });

  it('puts a person holding two consecutive positions (兼務) on the route once, at the higher', () => {
    const drafter = { userId: '1006', rank: RANK.SHUJI };
    const result = generateDefaultRoute(input({ drafter, chain: [SOUMU_IT, SOUMU, CHOCHO] }));
    expect(result.ok && outline(result.route)).toEqual(['approve HOSA@SOUMU', 'decide KACHO@SOUMU']);
    expect(result.ok && result.skipped).toEqual([
      { departmentId: 'SOUMU-IT', positionId: 'KAKARICHO', reason: 'same_holders' },
    ]);
    // 会計管理者 and 会計課長 are one person: one approval, then the 副町長.
    const kaikei = dept('KAIKEI', { ACCOUNTANT: ['0004'], KACHO: ['0004'], SHUJI: ['3001'] });
    const accountant = { userId: '3001', rank: RANK.SHUJI };
    expect(routeOf(input({ drafter: accountant, chain: [kaikei, CHOCHO] }, 1_000_000))).toEqual([
      'approve ACCOUNTANT@KAIKEI',
      'decide DEPUTY@CHOCHO',
    ]);
  });

  it('never asks the drafter to approve their own document, but lets them decide what is theirs to decide', () => {
    const drafter = { userId: '1002', rank: RANK.KAKARICHO }; // drafting as 情報政策係長, also 課長補佐
    const result = generateDefaultRoute(input({ drafter, chain: [SOUMU_IT, SOUMU, CHOCHO] }));
    expect(result.ok && outline(result.route)).toEqual(['decide KACHO@SOUMU']);
    expect(result.ok && result.skipped).toEqual([
      { departmentId: 'SOUMU', positionId: 'HOSA', reason: 'drafter' },
    ]);
    const head = { userId: '1001', rank: RANK.HOSA };
    expect(routeOf(input({ drafter: head, chain: [SOUMU, CHOCHO] }))).toEqual(['decide KACHO@SOUMU']);
  });

  it('places 合議 stages just before the decision and 後閲 after it', () => {
    const route = routeOf(
      input({
        consultations: [
          {
            mode: 'all',
            assignees: [
              { type: 'position', positionId: 'KACHO', departmentId: 'KIKAKU' },
              { type: 'position', positionId: 'KACHO', departmentId: 'KAIKEI' },
            ],
          },
          { mode: 'any', assignees: [] },
        ],
        reviewers: [{ type: 'user', userId: '0002' }],
      }),
    );
    expect(route).toEqual([
      'approve KAKARICHO@SOUMU-GEN',
      'approve HOSA@SOUMU',
      'consult KACHO@KIKAKU + consult KACHO@KAIKEI',
      'decide KACHO@SOUMU',
      'review user:0002',
    ]);
  });

  it('keeps the 合議 stage’s completion mode', () => {
    const result = generateDefaultRoute(
      input({
        consultations: [
          { mode: 'any', assignees: [{ type: 'position', positionId: 'KACHO', departmentId: 'KIKAKU' }] },
        ],
      }),
    );
    expect(result.ok && result.route[2]).toMatchObject({ mode: 'any' });
  });

  it('fails when nobody in the chain can decide or no rule covers the amount', () => {
    expect(generateDefaultRoute(input({ chain: [SOUMU_GEN, SOUMU] }, 5_000_000))).toEqual({
      ok: false,
      error: 'approval/no_decider',
    });
    expect(generateDefaultRoute(input({ authority: { table: [], category: 'expenditure' } }))).toEqual({
      ok: false,
      error: 'approval/no_decider',
    });
  });
});
