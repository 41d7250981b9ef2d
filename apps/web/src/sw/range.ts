/**
 * Answers an HTTP `Range` request from a whole response held in Cache Storage (which cannot hold a 206). pdf.js
 * reads a material by ranges; answering such a request with the whole file (200) makes it misread the document,
 * so the worker cuts the asked bytes out of the cached ones and answers a real 206.
 */

/** An inclusive byte range, as in `Content-Range: bytes start-end/size`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a body of `size` bytes (RFC 9110 §14): one range, `bytes=a-b`, `bytes=a-` or
 * `bytes=-n`. Returns the range to send, `'unsatisfiable'` (answer 416) or `null` when the header is absent, not
 * about bytes, malformed or asks for several ranges: then the whole body is sent (a server may ignore `Range`).
 */
export function parseRange(
  header: string | null | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** `bytes 0-99/1000` for a range of a body of `size` bytes. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

/** Headers of the whole response that still describe a part of it. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-disposition'];

/**
 * The answer to `request` from `whole`, a complete 200 response (from Cache Storage): a 206 with exactly the
 * asked bytes, `Content-Range` and `Content-Length` when the request has a usable `Range`, a 416 when the range
 * lies past the end, else `whole` itself. `extra` headers are added to every answer.
 */
export async function answerFromWhole(
  request: Request,
  whole: Response,
  extra: Record<string, string> = {},
): Promise<Response> {
  const header = request.headers.get('range');
  if (!header) return withHeaders(whole, extra);
  const body = await whole.blob();
  const range = parseRange(header, body.size);
  if (range === null)
    return withHeaders(
      new Response(body, { status: whole.status, statusText: whole.statusText, headers: whole.headers }),
      extra,
    );
  const headers = new Headers(extra);
  headers.set('Accept-Ranges', 'bytes');
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${body.size}`);
    return new Response(null, { status: 416, statusText: 'Range Not Satisfiable', headers });
  }
  for (const name of KEPT_HEADERS) {
    const value = whole.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const part = body.slice(range.start, range.end + 1);
  headers.set('Content-Range', contentRange(range, body.size));
  headers.set('Content-Length', String(part.size));
  return new Response(part, { status: 206, statusText: 'Partial Content', headers });
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  const names = Object.keys(extra);
  if (!names.length) return response;
  const headers = new Headers(response.headers);
  for (const name of names) headers.set(name, extra[name] ?? '');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
