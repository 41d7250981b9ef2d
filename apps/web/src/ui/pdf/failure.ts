/** What went wrong when a PDF could not be opened, in words the viewer can show. */
export type PdfFailure = 'password' | 'invalid' | 'missing' | 'forbidden' | 'network' | 'unknown';

export function pdfFailure(error: unknown): PdfFailure {
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : '';
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException' || name === 'FormatError') return 'invalid';
  if (name === 'ResponseException') {
    const status = (error as { status?: unknown }).status;
    if (status === 404) return 'missing';
    if (status === 401 || status === 403) return 'forbidden';
    return status === 0 ? 'network' : 'unknown';
  }
  // fetch() itself failed: no connection to the server.
  if (name === 'TypeError' && /fetch|network/i.test(String((error as { message?: unknown }).message)))
    return 'network';
  return 'unknown';
}
