import { TIME_ZONE } from '@ringi/domain';

/**
 * Dates and times of a meeting as the form shows them (a calendar date and `HH:MM`, always meant in Japan)
 * and as the API takes them (ISO instants with an offset).
 */

/** `2026-04-01` + `13:30` → `2026-04-01T13:30:00+09:00` (Japan has no summer time). */
export function toInstant(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

/** An instant → its calendar date and `HH:MM` in Japan. */
export function fromInstant(value: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Whether the end is after the start (both `HH:MM` of the same day). */
export function endsAfterStart(start: string, end: string): boolean {
  return /^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end) && end > start;
}

/** The ids in their new order after moving one item up (-1) or down (+1); null when it cannot move. */
export function moveId(ids: readonly string[], id: string, by: -1 | 1): string[] | null {
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/** A PDF by its type or, where the device gives none, by its name. */
export function looksLikePdf(file: { name: string; type: string }): boolean {
  if (file.type) return file.type === 'application/pdf';
  return /\.pdf$/i.test(file.name);
}
