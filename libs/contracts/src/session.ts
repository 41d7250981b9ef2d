import { z } from 'zod';

/**
 * Every answer to a signed-in request carries the session's remaining time as the server reckons it from what it
 * has stored, so the web app's idle warning follows the server's clock and never the device's. Same origin, so
 * no CORS exposure is needed. Value: `idle=<seconds>, absolute=<seconds>`.
 */
export const SESSION_TIME_HEADER = 'x-ringi-session-time';

export const sessionTimeSchema = z.object({
  /** Seconds until the session ends for inactivity, unless the person's activity is reported before. */
  idleSeconds: z.number().int().min(0),
  /** Seconds until the session ends whatever happens (its absolute lifetime since sign-in). */
  absoluteSeconds: z.number().int().min(0),
});
export type SessionTime = z.infer<typeof sessionTimeSchema>;

export function formatSessionTime(time: SessionTime): string {
  return `idle=${time.idleSeconds}, absolute=${time.absoluteSeconds}`;
}

export function parseSessionTime(value: string | null | undefined): SessionTime | null {
  const match = /^idle=(\d+), absolute=(\d+)$/.exec(value?.trim() ?? '');
  return match ? { idleSeconds: Number(match[1]), absoluteSeconds: Number(match[2]) } : null;
}

/**
 * What keeps a session alive: only the person's own activity, which the web app reports (pointer, touch, keys,
 * scrolling, page turns; a live meeting's page changes while following along) to `POST /api/me/activity` at most
 * this often. Reads, polling and socket traffic do not.
 */
export const ACTIVITY_REPORT_EVERY_MS = 60_000;
export const ACTIVITY_PATH = '/api/me/activity';
