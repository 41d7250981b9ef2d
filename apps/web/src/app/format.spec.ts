import { formatDate, formatDateTime, formatNumber, personName } from './format';

describe('format', () => {
  it('writes Japanese dates in the era calendar (和暦), as town-hall documents do', () => {
    expect(formatDate('2025-04-01', 'ja')).toBe('令和7年4月1日');
    expect(formatDate('2019-05-01', 'ja')).toBe('令和元年5月1日');
    expect(formatDate('2019-04-30', 'ja')).toBe('平成31年4月30日');
  });

  it('uses the Western calendar in English', () => {
    expect(formatDate('2025-04-01', 'en')).toBe('April 1, 2025');
  });

  it('shows instants as the time in Japan, whatever the device’s time zone', () => {
    expect(formatDateTime('2026-03-31T15:30:00Z', 'ja')).toBe('令和8年4月1日 00:30');
  });

  it('groups thousands', () => {
    expect(formatNumber(1234567, 'ja')).toBe('1,234,567');
  });

  it('writes a name family name first', () => {
    expect(
      personName({
        familyName: '山田',
        givenName: '花子',
        familyNameKana: 'ヤマダ',
        givenNameKana: 'ハナコ',
      }),
    ).toBe('山田 花子');
  });
});
