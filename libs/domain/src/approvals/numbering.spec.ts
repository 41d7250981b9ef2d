import { formatDocumentNumber, numberSeriesOf, numberingMoment, parseDocumentNumber } from './numbering';

describe('document numbers', () => {
  it('are written as prefix + 第 + serial + 号', () => {
    expect(formatDocumentNumber({ prefix: '総務', serial: 123 })).toBe('総務第123号');
    expect(formatDocumentNumber({ prefix: '企画財政', serial: 1 })).toBe('企画財政第1号');
  });

  it('refuse serials below 1 and prefixes that would make the number ambiguous', () => {
    expect(() => formatDocumentNumber({ prefix: '総務', serial: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '総務', serial: 1.5 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '', serial: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '総務第', serial: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ prefix: '総務 2', serial: 1 })).toThrow(RangeError);
  });

  it('read back, also with full-width digits', () => {
    expect(parseDocumentNumber('総務第123号')).toEqual({ prefix: '総務', serial: 123 });
    expect(parseDocumentNumber(' 総務第１２３号 ')).toEqual({ prefix: '総務', serial: 123 });
    expect(parseDocumentNumber('総務123号')).toBeNull();
    expect(parseDocumentNumber('総務第0号')).toBeNull();
  });

  it('belong to the series of the department and the fiscal year the document names', () => {
    expect(numberSeriesOf({ departmentId: 'SOUMU', fiscalYear: 2025 })).toEqual({
      departmentId: 'SOUMU',
      fiscalYear: 2025,
    });
  });
});

describe('numberingMoment', () => {
  it('issues the number at submission, decision or enforcement as the template says', () => {
    expect(numberingMoment('draft', 'decision')).toBe('submitted');
    expect(numberingMoment('decision', 'decision')).toBe('decided');
    expect(numberingMoment('enforcement', 'decision')).toBe('enforced');
  });

  it('issues a 供覧 number at submission, or when the circulation is done', () => {
    expect(numberingMoment('draft', 'circulation')).toBe('submitted');
    expect(numberingMoment('decision', 'circulation')).toBe('circulated');
    expect(numberingMoment('enforcement', 'circulation')).toBe('circulated');
  });
});
