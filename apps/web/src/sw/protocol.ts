/**
 * What the service worker (`sw.ts`) and the page agree on: cache names and messages. Plain constants and pure
 * functions only: this file is bundled into both.
 */

/** The app's own files (shell, chunks, pdf.js worker, CMaps, standard fonts) for one build: `ringi-app-<version>`. */
export const APP_CACHE_PREFIX = 'ringi-app-';

/**
 * One meeting kept on this device for one person: `ringi-copy:<userId>:<meetingId>`. It holds the meeting's JSON
 * (`/api/meetings/<id>`), the current version of each material (`/api/files/<fileId>`), the person's `/api/me`
 * (so the app opens signed in with no network) and `COPY_INFO_PATH`, written last (a copy without it is
 * incomplete and is deleted at the next sync).
 */
export const COPY_CACHE_PREFIX = 'ringi-copy:';

/** The copy's own record (what was saved, when, how many bytes): written last, read by the page. */
export const COPY_INFO_PATH = '/__ringi/copy-info';

export function copyCacheName(userId: string, meetingId: string): string {
  return `${COPY_CACHE_PREFIX}${userId}:${meetingId}`;
}

/** The user and meeting of a copy's cache name, or null for any other cache. */
export function parseCopyCacheName(name: string): { userId: string; meetingId: string } | null {
  if (!name.startsWith(COPY_CACHE_PREFIX)) return null;
  const [userId, meetingId, ...rest] = name.slice(COPY_CACHE_PREFIX.length).split(':');
  return userId && meetingId && !rest.length ? { userId, meetingId } : null;
}

/** Message the page posts (with a MessagePort) to have the app's files kept for offline use. */
export const KEEP_APP_MESSAGE = 'ringi:keep-app';
/** Message the page posts when no copy is left: the app's files need not be kept any more. */
export const DROP_APP_MESSAGE = 'ringi:drop-app';

/** Message the page posts after it kept or deleted a copy, so the worker knows at once whether any is left. */
export const COPIES_CHANGED_MESSAGE = 'ringi:copies-changed';

/** The worker's answer on the port: done, or failed with a reason for the log. */
export type KeepAppReply = { ok: true; version: string } | { ok: false; reason: string };

/** The requests a copy answers when the network does not. */
export function isCopyPath(path: string): boolean {
  return path === '/api/me' || /^\/api\/meetings\/[^/]+$/.test(path) || /^\/api\/files\/[^/]+$/.test(path);
}

/** The app's own files (kept in the app cache): hashed assets and the files copied from `public/`. */
export function isAppFilePath(path: string): boolean {
  return (
    path.startsWith('/assets/') ||
    path.startsWith('/icons/') ||
    path === '/manifest.webmanifest' ||
    path === '/favicon.svg'
  );
}
