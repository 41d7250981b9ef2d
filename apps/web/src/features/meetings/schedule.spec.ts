import { endsAfterStart, fromInstant, looksLikePdf, moveId, toInstant } from './schedule';

describe('meeting schedule helpers', () => {
  it('joins a date and a time in Japan and splits an instant back', () => {
    expect(toInstant('2026-04-01', '13:30')).toBe('2026-04-01T13:30:00+09:00');
    expect(fromInstant('2026-04-01T04:30:00Z')).toEqual({ date: '2026-04-01', time: '13:30' });
    expect(fromInstant('2026-03-31T15:00:00Z')).toEqual({ date: '2026-04-01', time: '00:00' });
  });

  it('wants the end after the start', () => {
    expect(endsAfterStart('10:00', '11:00')).toBe(true);
    expect(endsAfterStart('10:00', '10:00')).toBe(false);
    expect(endsAfterStart('', '10:00')).toBe(false);
  });

  it('moves an id up or down and refuses to move past the ends', () => {
    expect(moveId(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveId(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(moveId(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(moveId(['a'], 'x', 1)).toBeNull();
  });

  it('tells a PDF by type, or by name when there is no type', () => {
    expect(looksLikePdf({ name: 'a.pdf', type: 'application/pdf' })).toBe(true);
    expect(looksLikePdf({ name: 'a.pdf', type: 'image/png' })).toBe(false);
    expect(looksLikePdf({ name: 'A.PDF', type: '' })).toBe(true);
    expect(looksLikePdf({ name: 'a.docx', type: '' })).toBe(false);
  });
});
