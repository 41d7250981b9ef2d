import type { CsvEncoding } from '@ringi/contracts';

/** Files that are not text: what they are, so the answer can say how to save them as CSV instead. */
export type NotCsvKind = 'xlsx' | 'xls' | 'binary';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; kind: NotCsvKind };

const startsWith = (bytes: Buffer, ...magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** Share of the even (or odd) bytes among the first ones that are zero: high for UTF-16 text without a BOM. */
function zeroShare(bytes: Buffer, parity: 0 | 1): number {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  let total = 0;
  for (let i = parity; i < n; i += 2) {
    total += 1;
    if (bytes[i] === 0) zeros += 1;
  }
  return total ? zeros / total : 0;
}

/**
 * Decodes a spreadsheet export the way Excel writes it: UTF-16 with a BOM (「Unicode テキスト」), UTF-8 (with or
 * without BOM, 「CSV UTF-8」), or Shift_JIS (「CSV（コンマ区切り）」, the default of Japanese Excel). Recognises an
 * Excel workbook (.xlsx, .xls) and other binary files so the caller can say what to do instead.
 */
export function decodeCsv(bytes: Buffer): DecodedCsv {
  if (startsWith(bytes, 0xff, 0xfe))
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, 0xfe, 0xff))
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return { ok: false, kind: 'xlsx' };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { ok: false, kind: 'xls' };
  if (bytes.includes(0)) {
    // UTF-16 without a BOM: ASCII and many kana/kanji leave every other byte zero.
    if (zeroShare(bytes, 1) > 0.3 && zeroShare(bytes, 0) < 0.05)
      return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
    if (zeroShare(bytes, 0) > 0.3 && zeroShare(bytes, 1) < 0.05)
      return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
    return { ok: false, kind: 'binary' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      startsWith(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes,
    );
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return { ok: true, text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

/** One row of the file and the line of the file it starts on (1-based; a quoted cell may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A structural fault, at the line where it is (for an unclosed quote: where the quote was opened). */
export interface CsvFault {
  line: number;
  kind: 'unclosed_quote' | 'text_after_quote';
}

/** Tab when the first line has tabs and no commas (Excel's 「Unicode テキスト」 and other TSV), comma otherwise. */
export function detectDelimiter(text: string): ',' | '\t' {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/**
 * Reads CSV (RFC 4180 as Excel writes it: cells in double quotes may hold the delimiter, line breaks and `""`
 * for a quote). Lenient where that cannot mislead: a quote inside an unquoted cell is kept as written, rows may
 * have fewer or more cells than the header, blank lines and rows of empty cells are skipped. Cells are returned
 * exactly as written (no trimming, no normalisation): the caller decides per column.
 */
export function readCsv(input: string, delimiter: string): { records: CsvRecord[]; faults: CsvFault[] } {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const faults: CsvFault[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  /** The current cell was quoted (so a quote after it is not the start of another quoted part). */
  let quoted = false;
  let i = 0;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    quoted = false;
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  /** Consumes a line break at `i` if there is one (CRLF, LF or CR) and counts it. */
  const lineBreak = (): boolean => {
    if (text[i] === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
    } else if (text[i] === '\n') {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  while (i < text.length) {
    if (cell === '' && !quoted && text[i] === '"') {
      quoted = true;
      // A quoted cell: up to the next quote that is not doubled.
      const openedOn = line;
      i += 1;
      let closed = false;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        if (text[i] === '\r' || text[i] === '\n') {
          const start = i;
          lineBreak();
          cell += text.slice(start, i);
          continue;
        }
        cell += text[i];
        i += 1;
      }
      if (!closed) {
        faults.push({ line: openedOn, kind: 'unclosed_quote' });
        // Everything after the quote belongs to one cell: nothing after it can be trusted.
        return { records, faults };
      }
      if (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        faults.push({ line, kind: 'text_after_quote' });
        // Keep reading the rest of the cell as plain text so later lines are still checked.
        while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          cell += text[i];
          i += 1;
        }
      }
      continue;
    }
    if (text[i] === delimiter) {
      endCell();
      i += 1;
      continue;
    }
    if (text[i] === '\r' || text[i] === '\n') {
      endRecord();
      lineBreak();
      recordLine = line;
      continue;
    }
    cell += text[i];
    i += 1;
  }
  if (cell !== '' || quoted || cells.length) endRecord();
  return { records, faults };
}
