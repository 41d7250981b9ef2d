import type { DisasterTally } from '@ringi/contracts';
import { applyAnswer } from './tally';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const R = '00000000-0000-4000-8000-0000000000ff';

const person = (userId: string, status: 'safe' | 'need_help' | null = null) => ({
  userId,
  name: userId === A ? '山田 太郎' : '佐藤 花子',
  staffNumber: userId === A ? '1001' : '1002',
  status,
  note: null,
  answeredAt: status ? '2026-04-01T01:00:00.000Z' : null,
});

const tally = (): DisasterTally => ({
  rollCallId: R,
  scope: 'all',
  closedAt: null,
  counts: { safe: 1, need_help: 0, can_report: 0, unanswered: 1, total: 2 },
  departments: [
    {
      departmentId: D1,
      departmentName: '総務課',
      counts: { safe: 1, need_help: 0, can_report: 0, unanswered: 1, total: 2 },
      people: [person(A, 'safe'), person(B)],
    },
  ],
});

describe('applyAnswer', () => {
  it('replaces the person’s line in place and counts again', () => {
    const next = applyAnswer(tally(), {
      rollCallId: R,
      departmentId: D1,
      departmentName: '総務課',
      person: person(B, 'need_help'),
    });
    expect(next.departments[0].people.map((p) => p.userId)).toEqual([A, B]);
    expect(next.departments[0].counts).toEqual({
      safe: 1,
      need_help: 1,
      can_report: 0,
      unanswered: 0,
      total: 2,
    });
    expect(next.counts).toEqual(next.departments[0].counts);
  });

  it('moves a person who changed department, adding the department and dropping an empty one', () => {
    const next = applyAnswer(tally(), {
      rollCallId: R,
      departmentId: D2,
      departmentName: '税務課',
      person: person(B, 'safe'),
    });
    expect(next.departments.map((d) => d.departmentName)).toEqual(['総務課', '税務課']);
    expect(next.counts).toEqual({ safe: 2, need_help: 0, can_report: 0, unanswered: 0, total: 2 });
  });

  it('ignores the answers of another roll-call', () => {
    const before = tally();
    expect(
      applyAnswer(before, { rollCallId: A, departmentId: D1, departmentName: 'x', person: person(B) }),
    ).toBe(before);
  });
});
