/** Which pdf.js build this browser runs: `modern`, or `legacy` for older Safari (iPadOS 16.4 to 17). */
export type PdfJsBuild = 'modern' | 'legacy';

/**
 * The modern build calls `Promise.withResolvers` (Safari 17.4) and `URL.parse` (Safari 18) without checking;
 * town iPads on iPadOS 16.4–17 lack them and get the legacy build (the same version, transpiled, with polyfills).
 */
export function pdfJsBuildFor(scope: { Promise?: unknown; URL?: unknown } = globalThis): PdfJsBuild {
  const promise = scope.Promise as { withResolvers?: unknown } | undefined;
  const url = scope.URL as { parse?: unknown } | undefined;
  return typeof promise?.withResolvers === 'function' && typeof url?.parse === 'function'
    ? 'modern'
    : 'legacy';
}
