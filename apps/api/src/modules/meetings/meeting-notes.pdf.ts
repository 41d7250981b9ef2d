import type { MeetingNote, NoteColor } from '@ringi/contracts';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { evenGlyphFontkit, type ExportFontBytes } from '../../core/pdf/japanese-font';

/**
 * A person's notes drawn on the pages of a material (pdf-lib): only the pages that carry notes, in order, each
 * with its pen and highlighter strokes, text memos (real text in Noto Sans JP) and bookmarks, and a small
 * footer naming the page of the original.
 */
const COLORS: Record<NoteColor, RGB> = {
  red: rgb(0.84, 0.12, 0.12),
  blue: rgb(0.1, 0.32, 0.85),
  black: rgb(0.1, 0.1, 0.1),
  yellow: rgb(1, 0.85, 0.1),
  green: rgb(0.1, 0.6, 0.25),
  pink: rgb(0.95, 0.4, 0.7),
};

/** Splits text into lines no wider than `width` (Japanese breaks anywhere; line breaks are kept). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const ch of paragraph) {
      if (line && font.widthOfTextAtSize(line + ch, size) > width) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
    lines.push(line);
  }
  return lines;
}

function drawStrokes(page: PDFPage, strokes: number[][], color: RGB, width: number, opacity: number): void {
  const { width: w, height: h } = page.getSize();
  for (const points of strokes) {
    let path = '';
    for (let i = 0; i + 1 < points.length; i += 2)
      path += `${i === 0 ? 'M' : 'L'} ${(points[i] * w).toFixed(2)} ${(points[i + 1] * h).toFixed(2)} `;
    // drawSvgPath's y axis points down from the given origin: the page's top-left corner.
    page.drawSvgPath(path, {
      x: 0,
      y: h,
      borderColor: color,
      borderWidth: Math.max(0.5, width * w),
      borderOpacity: opacity,
      borderLineCap: 1,
    });
  }
}

function drawMemo(page: PDFPage, font: PDFFont, x: number, y: number, text: string, color: RGB): void {
  const { width: w, height: h } = page.getSize();
  const size = Math.max(8, Math.min(12, w / 50));
  const boxWidth = Math.min(w * 0.45, 260);
  const lines = wrap(text, font, size, boxWidth - 12).slice(0, 40);
  const boxHeight = lines.length * size * 1.35 + 10;
  const left = Math.min(Math.max(4, x * w), w - boxWidth - 4);
  const top = Math.min(Math.max(boxHeight + 4, h - y * h), h - 4);
  page.drawRectangle({
    x: left,
    y: top - boxHeight,
    width: boxWidth,
    height: boxHeight,
    color: rgb(1, 0.98, 0.8),
    opacity: 0.95,
    borderColor: color,
    borderWidth: 1,
  });
  lines.forEach((line, i) =>
    page.drawText(line, { x: left + 6, y: top - 6 - size * (i + 1) * 1.35 + size * 0.35, size, font }),
  );
}

function drawBookmark(page: PDFPage, font: PDFFont, label: string): void {
  const { width: w, height: h } = page.getSize();
  page.drawSvgPath('M 0 0 L 18 0 L 18 30 L 9 22 L 0 30 Z', { x: w - 30, y: h, color: COLORS.red });
  if (label) {
    const size = 9;
    const text = wrap(label, font, size, w * 0.4)[0] ?? '';
    page.drawText(text, { x: w - 36 - font.widthOfTextAtSize(text, size), y: h - 16, size, font });
  }
}

export interface NotesExportLabels {
  /** Footer of each page: `{page}` is the page number in the material. */
  footer: string;
}

export async function renderNotesPdf(
  source: Uint8Array,
  notes: readonly MeetingNote[],
  fonts: ExportFontBytes,
  labels: NotesExportLabels,
): Promise<Uint8Array> {
  const original = await PDFDocument.load(source, { ignoreEncryption: true, updateMetadata: false });
  const doc = await PDFDocument.create();
  doc.registerFontkit(evenGlyphFontkit);
  const font = await doc.embedFont(fonts.regular, { subset: true });
  const pageNumbers = [...new Set(notes.map((n) => n.page))]
    .filter((p) => p <= original.getPageCount())
    .sort((a, b) => a - b);
  const copied = await doc.copyPages(
    original,
    pageNumbers.map((p) => p - 1),
  );
  copied.forEach((page, i) => {
    doc.addPage(page);
    const number = pageNumbers[i];
    const onPage = notes.filter((n) => n.page === number);
    for (const { body } of onPage) {
      if (body.kind === 'highlight') drawStrokes(page, body.strokes, COLORS[body.color], body.width, 0.35);
      else if (body.kind === 'pen') drawStrokes(page, body.strokes, COLORS[body.color], body.width, 1);
    }
    for (const { body } of onPage) {
      if (body.kind === 'text') drawMemo(page, font, body.x, body.y, body.text, COLORS[body.color]);
      else if (body.kind === 'bookmark') drawBookmark(page, font, body.label);
    }
    const footer = labels.footer.replace('{page}', String(number));
    page.drawText(footer, { x: 8, y: 6, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
  });
  doc.setTitle(labels.footer.replace('{page}', '').trim());
  doc.setProducer('Ringi');
  return doc.save();
}
