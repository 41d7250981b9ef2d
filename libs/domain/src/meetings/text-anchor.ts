/**
 * Text anchors of private notes (メモ) on a page of a PDF: the words a note sits on (`quote`), a little of what
 * precedes and follows them (`prefix`, `suffix`) and where they start in the page's text (`start`), as web
 * annotation tools anchor notes (W3C TextQuoteSelector + TextPositionSelector). When a material is replaced by a
 * corrected version, the server finds the quote again approximately in the new version's pages, so a note follows
 * its words to another page when a page was inserted or removed.
 *
 * A page's text is the text pdf.js reads (its text items joined, a line break where an item ends a line), the
 * same on the server (stored at upload) and in the viewer.
 */
export interface TextAnchor {
  /** The words the note sits on ('' on a page without text). */
  quote: string;
  /** Up to ANCHOR_CONTEXT characters before the quote in the page's text. */
  prefix: string;
  /** Up to ANCHOR_CONTEXT characters after it. */
  suffix: string;
  /** Where the quote starts in the page's text. */
  start: number;
}

/** Characters of context kept on each side of a quote. */
export const ANCHOR_CONTEXT = 32;
/** The longest quote kept: a note anchors to a few words, not to a whole page. */
export const ANCHOR_MAX_QUOTE = 200;

/** A text item as pdf.js gives it (`getTextContent().items`). */
export interface PageTextItem {
  str: string;
  hasEOL?: boolean;
}

/**
 * The page's text as stored for it, and where each item starts in it (the server trims the text, so the offsets
 * are shifted by what the trim removed at the start).
 */
export function pageText(items: readonly PageTextItem[]): { text: string; starts: number[] } {
  let raw = '';
  const rawStarts: number[] = [];
  for (const item of items) {
    rawStarts.push(raw.length);
    raw += item.str.replace(/\0/g, '');
    if (item.hasEOL) raw += '\n';
  }
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), starts: rawStarts.map((s) => Math.max(0, s - lead)) };
}

/** The anchor of the characters `start`..`end` of a page's text (clamped to the text). */
export function describeAnchor(text: string, start: number, end: number): TextAnchor {
  const from = Math.min(Math.max(0, Math.trunc(start)), text.length);
  const to = Math.min(Math.max(from, Math.trunc(end)), text.length, from + ANCHOR_MAX_QUOTE);
  return {
    quote: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - ANCHOR_CONTEXT), from),
    suffix: text.slice(to, to + ANCHOR_CONTEXT),
    start: from,
  };
}

/** Text compared for "did this page change": NFKC, whitespace collapsed (pdf.js may split lines differently). */
export function comparableText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
