/** `attachment` with the UTF-8 name (RFC 6266 / RFC 8187) and an ASCII name for clients without it. */
export function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = /^[\x20-\x7e]+$/.test(filename) ? filename.replace(/["\\%]/g, '_') : 'ringi-document.pdf';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
