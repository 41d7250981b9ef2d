import { eraOf, eraOfYear, formatEraYear, formatFiscalYear, formatWarekiDate } from './wareki';

describe('eraOf', () => {
  it('changes era on the first day of the new era', () => {
    expect(formatEraYear(eraOf('2019-04-30'))).toBe('平成31年');
    expect(formatEraYear(eraOf('2019-05-01'))).toBe('令和元年');
    expect(formatEraYear(eraOf('1989-01-07'))).toBe('昭和64年');
    expect(formatEraYear(eraOf('1989-01-08'))).toBe('平成元年');
    expect(eraOf('2026-06-10')).toMatchObject({ era: { name: '令和', nameEn: 'Reiwa' }, year: 8 });
  });

  it('refuses dates before the solar calendar and malformed dates', () => {
    expect(() => eraOf('1872-12-31')).toThrow(RangeError);
    expect(() => eraOf('2026/06/10')).toThrow(RangeError);
  });
});

describe('formatFiscalYear', () => {
  it('names a fiscal year by the era of the year it starts in', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度');
    expect(formatFiscalYear(2020)).toBe('令和2年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
    expect(formatFiscalYear(2026, 'en')).toBe('FY2026');
  });

  it('names the fiscal years of an era change as the government did', () => {
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(1988)).toBe('昭和63年度');
    expect(formatFiscalYear(1989)).toBe('平成元年度');
    expect(eraOfYear(2019).era.name).toBe('令和');
  });
});

describe('formatWarekiDate', () => {
  it('writes a date as on an official document', () => {
    expect(formatWarekiDate('2026-06-10')).toBe('令和8年6月10日');
    expect(formatWarekiDate('2019-05-01')).toBe('令和元年5月1日');
  });

  it('agrees with the Japanese calendar of Intl', () => {
    const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    for (const date of ['1990-02-01', '2000-12-31', '2019-04-30', '2019-05-01', '2026-06-10', '2040-01-01']) {
      const expected = intl.format(new Date(`${date}T00:00:00Z`)).replace(/^(\D+)1年/, '$1元年');
      expect(formatWarekiDate(date)).toBe(expected);
    }
  });
});
