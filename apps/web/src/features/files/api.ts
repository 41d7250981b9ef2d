/** Where a stored file's bytes are (Range, ETag and an access check on every request). */
export const fileUrl = (id: string): string => `/api/files/${encodeURIComponent(id)}`;

/** How the file view shows a file, decided by its Content-Type. */
export type FileKind = 'pdf' | 'image' | 'other';

export interface FileInfo {
  kind: FileKind;
  mimeType: string;
  /** The name it was uploaded with, from Content-Disposition. */
  name: string | null;
  size: number | null;
}

export type FileInfoResult =
  { ok: true; file: FileInfo } | { ok: false; reason: 'unauthenticated' | 'missing' | 'network' | 'unknown' };

/** Types shown inline (the API serves exactly these inline; everything else is an attachment). */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function kindOf(mimeType: string): FileKind {
  if (mimeType === 'application/pdf') return 'pdf';
  return IMAGE_TYPES.has(mimeType) ? 'image' : 'other';
}

/** The file name of `Content-Disposition` (`filename*=UTF-8''…` first, then `filename="…"`). */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/**
 * What the file is, without downloading it: there is no metadata endpoint, so a HEAD request to the download
 * itself answers with its Content-Type, length and name (the same access check as the download). Not through
 * the JSON client: the answer is headers only.
 */
export async function fileInfo(id: string, locale: string, signal?: AbortSignal): Promise<FileInfoResult> {
  let response: Response;
  try {
    response = await fetch(fileUrl(id), {
      method: 'HEAD',
      credentials: 'same-origin',
      headers: { 'Accept-Language': locale },
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, reason: 'network' };
  }
  if (response.status === 401) return { ok: false, reason: 'unauthenticated' };
  if (response.status === 404 || response.status === 403 || response.status === 400)
    return { ok: false, reason: 'missing' };
  if (!response.ok) return { ok: false, reason: 'unknown' };
  const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const length = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  return {
    ok: true,
    file: {
      kind: kindOf(mimeType),
      mimeType,
      name: dispositionName(response.headers.get('content-disposition')),
      size: Number.isFinite(length) ? length : null,
    },
  };
}
