import { authorityTiers, formatYenPlain, type AuthorityRuleInput } from './DecisionAuthorityTiers';

const TABLE: AuthorityRuleInput[] = [
  { category: null, upTo: 500_000, positionId: 'kacho' },
  { category: null, upTo: 3_000_000, positionId: 'deputy' },
  { category: null, upTo: null, positionId: 'mayor' },
  { category: 'attendance', upTo: null, positionId: 'kacho' },
];

describe('authorityTiers', () => {
  it('reads the rules for every category as tiers', () => {
    expect(authorityTiers(TABLE, null)).toEqual([
      { upTo: 500_000, positionId: 'kacho' },
      { upTo: 3_000_000, positionId: 'deputy' },
      { upTo: null, positionId: 'mayor' },
    ]);
    expect(authorityTiers(TABLE, 'expenditure')).toEqual(authorityTiers(TABLE, null));
  });

  it("puts a category's own rules before the ones for every category, and merges equal neighbours", () => {
    expect(authorityTiers(TABLE, 'attendance')).toEqual([{ upTo: null, positionId: 'kacho' }]);
    const own: AuthorityRuleInput[] = [
      ...TABLE,
      { category: 'expenditure', upTo: 100_000, positionId: 'kakaricho' },
    ];
    expect(authorityTiers(own, 'expenditure')).toEqual([
      { upTo: 100_000, positionId: 'kakaricho' },
      { upTo: 500_000, positionId: 'kacho' },
      { upTo: 3_000_000, positionId: 'deputy' },
      { upTo: null, positionId: 'mayor' },
    ]);
  });

  it('says when nobody decides the largest amounts, and leaves out rows still being typed', () => {
    expect(
      authorityTiers(
        [
          { category: null, upTo: 500_000, positionId: 'kacho' },
          { category: null, upTo: Number.NaN, positionId: 'mayor' },
          { category: null, upTo: null, positionId: '' },
        ],
        null,
      ),
    ).toEqual([
      { upTo: 500_000, positionId: 'kacho' },
      { upTo: null, positionId: null },
    ]);
    expect(authorityTiers([], 'general')).toEqual([{ upTo: null, positionId: null }]);
  });
});

describe('formatYenPlain', () => {
  it('writes round amounts in 万 and 億', () => {
    expect(formatYenPlain(500_000, 'ja')).toBe('50万円');
    expect(formatYenPlain(3_000_000, 'ja')).toBe('300万円');
    expect(formatYenPlain(200_000_000, 'ja')).toBe('2億円');
    expect(formatYenPlain(123_456, 'ja')).toBe('123,456円');
    expect(formatYenPlain(0, 'ja')).toBe('0円');
    expect(formatYenPlain(500_000, 'en')).toBe('¥500,000');
  });
});
