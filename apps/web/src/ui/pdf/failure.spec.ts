import { pdfFailure } from './failure';

/** pdf.js rejects with objects named after its exception classes (they cross the worker boundary as such). */
const pdfjsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('pdf.js'), { name, ...extra });

describe('pdfFailure', () => {
  it('tells a password-protected PDF from a damaged one', () => {
    expect(pdfFailure(pdfjsError('PasswordException', { code: 1 }))).toBe('password');
    expect(pdfFailure(pdfjsError('InvalidPDFException'))).toBe('invalid');
    expect(pdfFailure(pdfjsError('FormatError'))).toBe('invalid');
  });

  it('reads the HTTP status of a failed download', () => {
    expect(pdfFailure(pdfjsError('ResponseException', { status: 404, missing: true }))).toBe('missing');
    expect(pdfFailure(pdfjsError('ResponseException', { status: 403 }))).toBe('forbidden');
    expect(pdfFailure(pdfjsError('ResponseException', { status: 401 }))).toBe('forbidden');
    expect(pdfFailure(pdfjsError('ResponseException', { status: 500 }))).toBe('unknown');
  });

  it('calls a fetch that never reached the server a network problem', () => {
    expect(pdfFailure(new TypeError('Failed to fetch'))).toBe('network');
  });

  it('answers unknown for anything else, including non-errors', () => {
    expect(pdfFailure(new Error('boom'))).toBe('unknown');
    expect(pdfFailure('text')).toBe('unknown');
    expect(pdfFailure(null)).toBe('unknown');
  });
});
