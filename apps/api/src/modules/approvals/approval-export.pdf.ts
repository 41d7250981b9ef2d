import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { evenGlyphFontkit, type ExportFontBytes } from '../../core/pdf/japanese-font';
import { wrapText, type ExportModel, type RouteRow } from './approval-export.layout';

/**
 * Draws the 決裁文書 (ExportModel) on A4 pages with pdf-lib. Every character is real text in Noto Sans JP (from
 * the `@expo-google-fonts/noto-sans-jp` package), embedded as a subset of the characters used.
 */

const MM = 72 / 25.4;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 15 * MM;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Room at the bottom for the footer. */
const BOTTOM = MARGIN + 8;
const TOP = PAGE_HEIGHT - MARGIN;

const BLACK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.45, 0.45, 0.45);
const SHADE = rgb(0.93, 0.93, 0.93);
/** The seal's red, as on the screen (SealStamp.vue: #c62828). */
const SEAL_RED = rgb(0xc6 / 255, 0x28 / 255, 0x28 / 255);

const SIZE = { title: 18, number: 11, heading: 12, text: 10, table: 9, footer: 8 } as const;
const LEADING = 1.5;
const PAD = 4;
/** The seal's diameter in points (about 17 mm, a common 認印 is 10–18 mm). */
const SEAL = 48;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center';
}
interface Cell {
  text: string;
  bold?: boolean;
  shade?: boolean;
}
interface Row {
  cells: Cell[];
  minHeight?: number;
  /** Draws more into the row's first piece (the seal). */
  decorate?: (page: PDFPage, x: number, top: number, height: number) => void;
}

/** Writes pages top to bottom, starting a new page when the next piece does not fit. */
class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = TOP;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = TOP;
  }

  get room(): number {
    return this.y - BOTTOM;
  }

  /** Starts a new page unless `height` fits on this one (or the page is still empty). */
  ensure(height: number): void {
    if (height > this.room && this.y < TOP) this.newPage();
  }

  font(bold = false): PDFFont {
    return bold ? this.bold : this.regular;
  }

  charWidth(ch: string, size: number, bold = false): number {
    const key = `${bold ? 'b' : 'r'}${size}:${ch}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.font(bold).widthOfTextAtSize(ch, size);
      this.widths.set(key, w);
    }
    return w;
  }

  wrap(text: string, width: number, size: number, bold = false): string[] {
    return wrapText(text, width, (ch) => this.charWidth(ch, size, bold));
  }

  width(text: string, size: number, bold = false): number {
    return Array.from(text).reduce((sum, ch) => sum + this.charWidth(ch, size, bold), 0);
  }

  /** One line whose box starts at `top`. */
  line(
    page: PDFPage,
    text: string,
    x: number,
    top: number,
    size: number,
    opts: { bold?: boolean; color?: RGB } = {},
  ): void {
    if (!text) return;
    const baseline = top - (size * LEADING - size) / 2 - size * 0.88;
    page.drawText(text, { x, y: baseline, size, font: this.font(opts.bold), color: opts.color ?? BLACK });
  }

  /** Wrapped text across the content width, breaking pages between lines. */
  paragraph(text: string, size: number = SIZE.text, opts: { bold?: boolean; indent?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const lh = size * LEADING;
    for (const l of this.wrap(text, CONTENT_WIDTH - indent, size, opts.bold)) {
      this.ensure(lh);
      this.line(this.page, l, MARGIN + indent, this.y, size, { bold: opts.bold });
      this.y -= lh;
    }
  }

  heading(text: string): void {
    const lh = SIZE.heading * LEADING;
    this.y -= 8;
    // Keep a heading with at least a few lines of what follows.
    this.ensure(lh + 6 + SIZE.table * LEADING * 3 + 2 * PAD);
    this.line(this.page, text, MARGIN, this.y, SIZE.heading, { bold: true });
    this.y -= lh;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y + 2 },
      end: { x: MARGIN + CONTENT_WIDTH, y: this.y + 2 },
      thickness: 0.8,
      color: RULE,
    });
    this.y -= 6;
  }

  /**
   * A bordered table, its header repeated on every page it continues on. A row taller than the room left is
   * moved to the next page, or, when it is taller than a page, split between its lines.
   */
  table(columns: Column[], rows: Row[], header = true): void {
    const size = SIZE.table;
    const lh = size * LEADING;
    const drawHeader = () => {
      if (!header) return;
      this.drawRow(
        columns,
        columns.map((c) => [c.header]),
        columns.map(() => ({ text: '', bold: true, shade: true })),
        lh + 2 * PAD,
        true,
      );
    };
    const headerHeight = header ? lh + 2 * PAD : 0;
    this.ensure(headerHeight + lh + 2 * PAD);
    drawHeader();
    const fresh = () => this.y >= TOP - headerHeight - 0.5;
    for (const row of rows) {
      let lines = row.cells.map((cell, i) =>
        this.wrap(cell.text, columns[i].width - 2 * PAD, size, cell.bold),
      );
      let first = true;
      for (;;) {
        const count = Math.max(1, ...lines.map((l) => l.length));
        const height = Math.max(count * lh + 2 * PAD, first ? (row.minHeight ?? 0) : 0);
        if (height <= this.room) {
          this.drawRow(columns, lines, row.cells, height, false, first ? row.decorate : undefined);
          break;
        }
        const fit = Math.floor((this.room - 2 * PAD) / lh);
        if (!fresh() && (height <= TOP - BOTTOM - headerHeight || fit < 2)) {
          this.newPage();
          drawHeader();
          continue;
        }
        // Taller than a page: as many lines as fit here, the rest on the next page.
        const n = Math.max(1, fit);
        this.drawRow(
          columns,
          lines.map((l) => l.slice(0, n)),
          row.cells,
          Math.min(Math.max(n * lh + 2 * PAD, first ? (row.minHeight ?? 0) : 0), this.room),
          false,
          first ? row.decorate : undefined,
        );
        lines = lines.map((l) => l.slice(n));
        first = false;
        if (lines.every((l) => !l.length)) break;
        this.newPage();
        drawHeader();
      }
    }
  }

  private drawRow(
    columns: Column[],
    lines: string[][],
    cells: Cell[],
    height: number,
    isHeader: boolean,
    decorate?: Row['decorate'],
  ): void {
    const size = SIZE.table;
    const lh = size * LEADING;
    let x = MARGIN;
    const top = this.y;
    columns.forEach((col, i) => {
      const cell = cells[i];
      this.page.drawRectangle({
        x,
        y: top - height,
        width: col.width,
        height,
        borderColor: RULE,
        borderWidth: 0.6,
        color: cell.shade ? SHADE : undefined,
      });
      lines[i].forEach((text, j) => {
        const bold = isHeader || cell.bold;
        const tx = col.align === 'center' ? x + (col.width - this.width(text, size, bold)) / 2 : x + PAD;
        this.line(this.page, text, tx, top - PAD - j * lh, size, { bold });
      });
      if (decorate && i === columns.length - 1) decorate(this.page, x, top, height);
      x += col.width;
    });
    this.y -= height;
  }

  /**
   * The electronic seal (電子印影), drawn as SealStamp.vue draws it on a 72-unit square: a red ring, the family
   * name written downwards (up to four characters, smaller for longer names), a rule, and the date small under it.
   */
  seal(page: PDFPage, cx: number, cy: number, name: string, date: string): void {
    const s = SEAL / 72;
    page.drawCircle({ x: cx, y: cy, size: 33 * s, borderColor: SEAL_RED, borderWidth: 3 * s });
    page.drawLine({
      start: { x: cx - 24 * s, y: cy - 10 * s },
      end: { x: cx + 24 * s, y: cy - 10 * s },
      thickness: 1.5 * s,
      color: SEAL_RED,
    });
    const chars = Array.from(name).slice(0, 4);
    const unit = chars.length <= 2 ? 15 : chars.length === 3 ? 12 : 9;
    const start = 27 - ((chars.length - 1) * unit) / 2;
    chars.forEach((c, i) => {
      const size = unit * s;
      const centre = cy - (start + i * unit - 36) * s;
      const w = this.charWidth(c, size, true);
      page.drawText(c, { x: cx - w / 2, y: centre - size * 0.38, size, font: this.bold, color: SEAL_RED });
    });
    // 7 units rather than the screen's 8, so that the date in Noto Sans JP stays clear of the ring.
    const dateSize = 7 * s;
    const w = this.width(date, dateSize);
    page.drawText(date, {
      x: cx - w / 2,
      y: cy - 20 * s - dateSize * 0.36,
      size: dateSize,
      font: this.regular,
      color: SEAL_RED,
    });
  }

  footers(text: string): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const y = MARGIN - 14;
      page.drawText(text, { x: MARGIN, y, size: SIZE.footer, font: this.regular, color: GREY });
      const num = `${i + 1} / ${total}`;
      page.drawText(num, {
        x: MARGIN + CONTENT_WIDTH - this.width(num, SIZE.footer),
        y,
        size: SIZE.footer,
        font: this.regular,
        color: GREY,
      });
    });
  }
}

const ROUTE_COLUMNS: Column[] = [
  { header: '区分', width: 54, align: 'center' },
  { header: '職・氏名', width: 126 },
  { header: '処理', width: 44, align: 'center' },
  { header: '日時', width: 82 },
  { header: '備考', width: 116 },
  { header: '印', width: CONTENT_WIDTH - 422, align: 'center' },
];
const HISTORY_COLUMNS: Column[] = [
  { header: '日時', width: 82 },
  { header: '処理', width: 70 },
  { header: '処理した人', width: 120 },
  { header: 'コメント', width: CONTENT_WIDTH - 272 },
];
const ATTACHMENT_COLUMNS: Column[] = [
  { header: 'ファイル名・sha256', width: 362 },
  { header: '大きさ', width: 88 },
  { header: '版', width: CONTENT_WIDTH - 450 },
];

const HALF = CONTENT_WIDTH / 2;
const HALF_LABEL = 78;
/** Facts that always take a whole row. */
const WIDE = new Set(['件名']);

/**
 * Labelled facts in a grid: two to a row where both values fit their half on one line (as a paper form),
 * otherwise one across the whole width.
 */
function facts(w: Writer, list: ExportModel['facts']): void {
  const fits = ([label, value]: ExportModel['facts'][number]) =>
    !WIDE.has(label) &&
    !value.includes('\n') &&
    w.width(value, SIZE.table) <= HALF - HALF_LABEL - 2 * PAD &&
    w.width(label, SIZE.table, true) <= HALF_LABEL - 2 * PAD;
  const label = (text: string): Cell => ({ text, bold: true, shade: true });
  for (let i = 0; i < list.length; i++) {
    const [a, b] = [list[i], list[i + 1]];
    if (b && fits(a) && fits(b)) {
      w.table(
        [
          { header: '', width: HALF_LABEL },
          { header: '', width: HALF - HALF_LABEL },
          { header: '', width: HALF_LABEL },
          { header: '', width: HALF - HALF_LABEL },
        ],
        [{ cells: [label(a[0]), { text: a[1] }, label(b[0]), { text: b[1] }] }],
        false,
      );
      i++;
    } else
      w.table(
        [
          { header: '', width: HALF_LABEL },
          { header: '', width: CONTENT_WIDTH - HALF_LABEL },
        ],
        [{ cells: [label(a[0]), { text: a[1] }] }],
        false,
      );
  }
}

function routeRow(w: Writer, r: RouteRow): Row {
  const seal = r.seal;
  return {
    cells: [
      { text: r.kind },
      { text: r.person ? `${r.position}\n${r.person}` : r.position },
      { text: r.outcome },
      { text: r.at },
      { text: r.note },
      { text: '' },
    ],
    minHeight: SEAL + 2 * PAD + 4,
    decorate: seal
      ? (page, x, top) =>
          w.seal(page, x + ROUTE_COLUMNS[5].width / 2, top - PAD - 2 - SEAL / 2, seal.name, seal.date)
      : undefined,
  };
}

/** The PDF of the model: A4 portrait, 15 mm margins, page numbers and the export time in every footer. */
export async function renderExportPdf(model: ExportModel, fonts: ExportFontBytes): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(evenGlyphFontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  doc.setTitle(`${model.heading} ${model.number} ${model.title}`);
  doc.setSubject(model.title);
  doc.setAuthor('Ringi 電子決裁');
  doc.setCreator('Ringi');
  doc.setProducer('Ringi (pdf-lib)');
  doc.setLanguage('ja-JP');
  doc.setCreationDate(model.exportedAt);
  doc.setModificationDate(model.exportedAt);

  const w = new Writer(doc, regular, bold);
  // 1. Title, number and the document's facts.
  const titleWidth = w.width(model.heading, SIZE.title, true);
  w.line(w.page, model.heading, MARGIN + (CONTENT_WIDTH - titleWidth) / 2, w.y, SIZE.title, { bold: true });
  w.y -= SIZE.title * LEADING;
  const numWidth = w.width(model.number, SIZE.number);
  w.line(w.page, model.number, MARGIN + CONTENT_WIDTH - numWidth, w.y, SIZE.number);
  w.y -= SIZE.number * LEADING + 4;
  facts(w, model.facts);

  // 2. Amount, counterparty, the template's fields and the body.
  if (model.fields.length) {
    w.heading('記載事項');
    facts(w, model.fields);
  }
  w.heading('本文');
  w.paragraph(model.body.trim() ? model.body : '（本文なし）');

  // 3. The route (回議欄) with the seals.
  w.heading('回議欄');
  w.table(
    ROUTE_COLUMNS,
    model.route.map((r) => routeRow(w, r)),
  );

  // 4. Comments and history.
  w.heading('意見・処理の記録');
  if (model.history.length)
    w.table(
      HISTORY_COLUMNS,
      model.history.map((h) => ({
        cells: [{ text: h.at }, { text: h.type }, { text: h.actor }, { text: h.comment }],
      })),
    );
  else w.paragraph('記録はありません。');

  // 5. Attachments with their sha256, and the hash of the current version.
  w.heading('添付ファイル');
  if (model.attachments.length)
    w.table(
      ATTACHMENT_COLUMNS,
      model.attachments.map((a) => ({
        cells: [{ text: `${a.name}\nsha256 ${a.sha256}` }, { text: a.size }, { text: a.note }],
      })),
    );
  else w.paragraph('添付ファイルはありません。');
  w.y -= 6;
  w.paragraph(model.versionLine, SIZE.table);

  w.footers(model.footer);
  // Plain objects (no object streams): a reader, or a person with a text editor, finds the fonts and pages.
  return doc.save({ useObjectStreams: false });
}
