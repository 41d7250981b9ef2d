import type { DocumentKind } from './route';

/**
 * Document numbers (文書番号) such as `総務第123号`: the department's number prefix, 第, a serial, 号.
 *
 * Serials run gap-free per department and fiscal year; the fiscal year is the one the document names (a
 * 2025年度 document drafted in May 2026, during the 出納整理期間, takes a 2025 number). The department is the
 * drafter's as it is on the day the number is issued. A number, once issued, is never reused: a withdrawn,
 * rejected or discarded document keeps it. Allocating the serial is the API's (a counter row locked in the
 * transaction of the action that issues it).
 */

/** When a template issues the number: at 起案 (first submission), at 決裁 or at 施行. */
export const NUMBERING_TIMINGS = ['draft', 'decision', 'enforcement'] as const;
export type NumberingTiming = (typeof NUMBERING_TIMINGS)[number];

/** The moments in a document's life at which a number can be issued. */
export type NumberingMoment = 'submitted' | 'decided' | 'enforced' | 'circulated';

/**
 * The moment that issues the number. A 供覧 has no 決裁 nor 施行: with those timings its number is issued when
 * the circulation is done.
 */
export function numberingMoment(timing: NumberingTiming, kind: DocumentKind): NumberingMoment {
  if (timing === 'draft') return 'submitted';
  if (kind === 'circulation') return 'circulated';
  return timing === 'decision' ? 'decided' : 'enforced';
}

export interface NumberSeries {
  departmentId: string;
  fiscalYear: number;
}

/** The series a document's number is drawn from (see above for the rule). */
export function numberSeriesOf(document: { departmentId: string; fiscalYear: number }): NumberSeries {
  return { departmentId: document.departmentId, fiscalYear: document.fiscalYear };
}

export interface DocumentNumber {
  prefix: string;
  serial: number;
}

function checkPrefix(prefix: string): void {
  if (!/^[^\s\d第号]+$/u.test(prefix)) throw new RangeError(`not a number prefix: "${prefix}"`);
}

/** `総務第123号`. The prefix must be non-empty, without spaces, digits, 第 or 号; the serial from 1. */
export function formatDocumentNumber({ prefix, serial }: DocumentNumber): string {
  checkPrefix(prefix);
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`not a serial: ${serial}`);
  return `${prefix}第${serial}号`;
}

/** Reads `総務第123号` (full-width digits accepted) back; null when it is not a document number. */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  const m = /^([^\s\d第号]+)第([0-9]+)号$/u.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const serial = Number(m[2]);
  return Number.isSafeInteger(serial) && serial >= 1 ? { prefix: m[1], serial } : null;
}
