// The large meeting material of the bench: 300 A4 pages, each with a few lines of text and its own photo-like
// JPEG of random pixels (incompressible, so the file really is ~50 MB, like a scanned 議案書 with photos).
// Made once with pdf-lib and sharp, then kept in bench/.data/ (git-ignored) for later runs.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { PDFDocument, StandardFonts, rgb } = require('pdf-lib');
const sharp = require('sharp');

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.data');
export const BIG_PAGES = 300;
/** About 50 MB, below the 50 MiB a meeting material may have (MEETING_MATERIAL_MAX_BYTES). */
const TARGET_BYTES = 50_000_000;
const LIMIT_BYTES = 50 * 1024 * 1024;
const VERSION = 1;

/** The path of the large PDF, made first if missing. */
export async function bigPdf(log = () => undefined) {
  const path = join(DATA_DIR, `big-${BIG_PAGES}p-v${VERSION}.pdf`);
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const started = performance.now();
  const doc = await PDFDocument.create();
  doc.setTitle('Ringi bench: 300-page material');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // A 460×650 JPEG of random pixels at quality 70 is about 160 KB; sized so 300 of them make ~50 MB.
  const perPage = TARGET_BYTES / BIG_PAGES - 2_000;
  const side = Math.sqrt(perPage / 0.535 / (460 / 650));
  const [w, h] = [Math.round(side * (460 / 650)), Math.round(side)];
  for (let n = 1; n <= BIG_PAGES; n++) {
    const jpeg = await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 70 })
      .toBuffer();
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Ringi bench material - page ${n} of ${BIG_PAGES}`, { x: 56, y: 790, size: 18, font });
    for (let line = 0; line < 6; line++)
      page.drawText(
        `Line ${line + 1}: agenda item ${n}, figures and photographs of the site as surveyed (bench filler text).`,
        { x: 56, y: 760 - line * 16, size: 10, font, color: rgb(0.2, 0.2, 0.2) },
      );
    page.drawImage(image, { x: 56, y: 90, width: 483, height: 560 });
  }
  const bytes = await doc.save();
  if (bytes.length > LIMIT_BYTES)
    throw new Error(`the generated PDF is ${bytes.length} bytes, over the limit`);
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
  log(
    `generated ${path} (${(bytes.length / 1e6).toFixed(1)} MB, ${BIG_PAGES} pages) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return path;
}

export const fileSize = (path) => statSync(path).size;
export const readBytes = (path) => readFileSync(path);
