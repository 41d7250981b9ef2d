import { formatYen, parseYen } from './amount';

describe('yen amounts typed by people', () => {
  it('reads digits with commas, full-width digits and 円 as integer yen', () => {
    expect(parseYen('1,200,000')).toBe(1_200_000);
    expect(parseYen('１２０００００円')).toBe(1_200_000);
    expect(parseYen(' 3，000 ')).toBe(3000);
  });

  it('treats an empty box as no amount and anything else as not a number', () => {
    expect(parseYen('')).toBeNull();
    expect(parseYen('  ')).toBeNull();
    expect(parseYen('12.5')).toBeNaN();
    expect(parseYen('-100')).toBeNaN();
    expect(parseYen('百円')).toBeNaN();
  });

  it('writes amounts with thousands separators and nothing for no amount', () => {
    expect(formatYen(1_200_000)).toBe('1,200,000');
    expect(formatYen(0)).toBe('0');
    expect(formatYen(null)).toBe('');
    expect(formatYen(Number.NaN)).toBe('');
  });
});
