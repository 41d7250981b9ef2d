import search from 'approx-string-match';
import { comparableText, describeAnchor, type TextAnchor } from '@ringi/domain';

/**
 * Finds a note's text anchor again in the pages of a corrected version of a material, approximately, the way
 * web annotation tools (Hypothesis) re-anchor a quote: every place the quote occurs, exactly or with a few
 * errors, is scored by how well the quote, the text before it and the text after it match and by how close it
 * is to where the note was (the same page, the same offset); the best place wins if its quote is at least half
 * right. Matching is Myers' bit-parallel approximate search (`approx-string-match`).
 */
export interface AnchorMatch {
  /** 1-based page of the new version. */
  page: number;
  start: number;
  end: number;
  /** The quote was found as it was. */
  exact: boolean;
}

/** Characters of a page's opening that find the page again for a note without words of its own. */
const PAGE_OPENING = 64;

const WEIGHT = { quote: 50, prefix: 20, suffix: 20, page: 4, offset: 2 } as const;

/** 1 for a perfect match of `pattern` inside `text`, towards 0 the more errors it takes. */
function similarity(text: string, pattern: string): number {
  if (!pattern || !text) return pattern ? 0 : 1;
  const matches = search(text, pattern, pattern.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / pattern.length;
}

interface Candidate {
  page: number;
  start: number;
  end: number;
  errors: number;
}

function exactCandidates(pages: readonly string[], quote: string): Candidate[] {
  const found: Candidate[] = [];
  pages.forEach((text, i) => {
    for (let at = text.indexOf(quote); at !== -1 && found.length < 200; at = text.indexOf(quote, at + 1))
      found.push({ page: i + 1, start: at, end: at + quote.length, errors: 0 });
  });
  return found;
}

function approximateCandidates(pages: readonly string[], quote: string): Candidate[] {
  // A short quote found with errors is as likely somewhere else: only quotes of six characters or more.
  if (quote.length < 6) return [];
  const maxErrors = Math.min(256, Math.floor(quote.length / 3));
  const found: Candidate[] = [];
  pages.forEach((text, i) => {
    for (const m of search(text, quote, maxErrors)) found.push({ page: i + 1, ...m });
  });
  return found;
}

/**
 * Where `anchor`, written on page `oldPage` of `oldPageCount`, is in `pages` (the new version's page texts), or
 * null when the quote is empty or nowhere near.
 */
export function findAnchor(
  pages: readonly string[],
  anchor: TextAnchor,
  oldPage: number,
  oldPageCount: number,
): AnchorMatch | null {
  const quote = anchor.quote;
  if (!quote.trim() || pages.length === 0) return null;
  let candidates = exactCandidates(pages, quote);
  if (candidates.length === 0) candidates = approximateCandidates(pages, quote);
  if (candidates.length === 0) return null;
  // Where the page would be if the document only grew or shrank evenly.
  const expectedPage = oldPageCount > 1 ? 1 + ((oldPage - 1) * (pages.length - 1)) / (oldPageCount - 1) : 1;
  let best: { c: Candidate; score: number } | null = null;
  for (const c of candidates) {
    const text = pages[c.page - 1] ?? '';
    const quoteScore = 1 - c.errors / quote.length;
    const prefixScore = anchor.prefix
      ? similarity(text.slice(Math.max(0, c.start - anchor.prefix.length * 2), c.start), anchor.prefix)
      : 1;
    const suffixScore = anchor.suffix
      ? similarity(text.slice(c.end, c.end + anchor.suffix.length * 2), anchor.suffix)
      : 1;
    const pageScore = 1 - Math.min(1, Math.abs(c.page - expectedPage) / Math.max(1, pages.length));
    const offsetScore = 1 - Math.min(1, Math.abs(c.start - anchor.start) / Math.max(1, text.length));
    const score =
      WEIGHT.quote * quoteScore +
      WEIGHT.prefix * prefixScore +
      WEIGHT.suffix * suffixScore +
      WEIGHT.page * pageScore +
      WEIGHT.offset * offsetScore;
    if (!best || score > best.score) best = { c, score };
  }
  if (!best) return null;
  return { page: best.c.page, start: best.c.start, end: best.c.end, exact: best.c.errors === 0 };
}

export interface Relocation {
  page: number;
  anchor: TextAnchor;
  /** The page's content is not what it was when the note was written (or that cannot be told). */
  changed: boolean;
}

/**
 * Where a note on page `page` of the old version goes in the new one, and whether its page changed:
 * - by its quote, found again (approximately) with its context;
 * - a note without a quote (a bookmark, a note away from any text): with its page, found by the page's opening
 *   words; on a page without any text, to the same page number (within the new page count), marked changed,
 *   since such a page cannot be compared: better a needless look than a missed correction.
 */
export function relocate(
  oldPages: readonly string[],
  newPages: readonly string[],
  page: number,
  anchor: TextAnchor,
): Relocation {
  const oldText = comparableText(oldPages[page - 1] ?? '');
  const samePage = Math.min(page, Math.max(1, newPages.length));
  const match = findAnchor(newPages, anchor, page, oldPages.length);
  if (match) {
    const newText = newPages[match.page - 1] ?? '';
    return {
      page: match.page,
      anchor: describeAnchor(newText, match.start, match.end),
      changed: !match.exact || !oldText || comparableText(newText) !== oldText,
    };
  }
  if (anchor.quote.trim()) return { page: samePage, anchor, changed: true };
  if (oldText) {
    // A bookmark or a note away from any text follows its page: found by the page's own opening words.
    const oldPage = oldPages[page - 1] ?? '';
    const opening = describeAnchor(oldPage, 0, Math.min(oldPage.length, PAGE_OPENING));
    const found = findAnchor(newPages, opening, page, oldPages.length);
    if (found)
      return {
        page: found.page,
        anchor,
        changed: comparableText(newPages[found.page - 1] ?? '') !== oldText,
      };
  }
  return { page: samePage, anchor, changed: true };
}
