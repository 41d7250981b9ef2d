import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PDF_MAX_BYTES } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser } from '../../../../../tests/support/factories';
import { UnitOfWork } from '../database/unit-of-work';
import { FilesService, type UploadRules } from './files.service';
import { PdfInspector } from './pdf-inspector';
import { writeToTempFile, type StreamedUpload } from './streaming-upload';

const fixtures = join(__dirname, '../../../../../tests/fixtures/pdfs');

const rules: UploadRules = {
  purpose: 'test/pdf',
  maxBytes: PDF_MAX_BYTES,
  allowedTypes: ['application/pdf'],
  pdf: { inspect: true },
};

/** What each file of tests/fixtures/pdfs must come to, as its README says. */
const OUTCOMES: Record<string, { refused: string } | { pages: number | 'many'; text?: string }> = {
  'truncated.pdf': { refused: 'files/pdf_unreadable' },
  'password-required.pdf': { refused: 'files/pdf_password' },
  'empty_protected.pdf': { pages: 1 },
  'helloworld-bad.pdf': { pages: 1, text: 'Hello, world!' },
  'tracemonkey.pdf': { pages: 14, text: 'Trace-based Just-in-Time' },
  'freeculture.pdf': { pages: 'many', text: 'Free Culture' },
  'TAMReview.pdf': { pages: 23, text: 'Technology Acceptance Model' },
  'noembed-sjis.pdf': { pages: 1, text: 'あいうえお' },
  'vertical.pdf': { pages: 3, text: '日本語' },
  'annotation-highlight.pdf': { pages: 1, text: 'Lorem ipsum' },
};

/**
 * A PDF of `pages` pages ("Page n" on each) padded to about `bytes` with a stream of random (incompressible)
 * bytes, like a scanned document's images.
 */
async function largePdf(pages: number, bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++)
    doc.addPage([595, 842]).drawText(`Page ${n}`, { x: 50, y: 780, size: 14, font });
  const padding = doc.context.stream(randomBytes(bytes), { Length: bytes });
  doc.catalog.set(doc.context.obj('RingiPadding'), doc.context.register(padding));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Yields `bytes` in 256 KiB slices, as a request body arrives: the service never gets the whole as one buffer. */
function slices(bytes: Buffer): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= bytes.length) return this.push(null);
      this.push(Buffer.from(bytes.subarray(at, at + 256 * 1024)));
      at += 256 * 1024;
    },
  });
}

describe('file store: streamed uploads and the PDF check', () => {
  let t: TestApp;
  let files: FilesService;
  let uow: UnitOfWork;
  let ownerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    files = t.app.get(FilesService);
    uow = t.app.get(UnitOfWork);
    ownerId = (await makeUser(t)).id;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const tempFiles = async (): Promise<string[]> =>
    (await readdir(files.tmpDir).catch(() => [] as string[])).filter((n) => n.startsWith('upload-'));
  const streamed = (name: string): Promise<StreamedUpload> =>
    writeToTempFile(createReadStream(join(fixtures, name)), files.tmpDir, PDF_MAX_BYTES, name);
  const saveStream = (upload: StreamedUpload, r: UploadRules = rules) =>
    uow.run((tx) => files.saveStream(tx.em, upload, r, ownerId));

  it('has an outcome for every file in tests/fixtures/pdfs', async () => {
    const names = (await readdir(fixtures)).filter((n) => n.endsWith('.pdf')).sort();
    expect(names).toEqual(Object.keys(OUTCOMES).sort());
  });

  for (const [name, outcome] of Object.entries(OUTCOMES)) {
    it(`${name}: ${'refused' in outcome ? `refused with ${outcome.refused}` : 'accepted, pages and text stored'}`, async () => {
      const upload = await streamed(name);
      if ('refused' in outcome) {
        await expect(saveStream(upload)).rejects.toMatchObject({ code: outcome.refused, status: 422 });
        expect(await files.store.has(upload.sha256)).toBe(false);
      } else {
        const file = await saveStream(upload);
        expect(file.mimeType).toBe('application/pdf');
        expect(file.name).toBe(name);
        if (outcome.pages === 'many') expect(file.pageCount).toBeGreaterThan(300);
        else expect(file.pageCount).toBe(outcome.pages);
        const texts = await files.pdfTexts(file.id);
        expect(texts).toHaveLength(file.pageCount!);
        if (outcome.text) expect(texts.join('\n')).toContain(outcome.text);
        expect(await readFile(files.store.pathOf(file.sha256))).toEqual(await readFile(join(fixtures, name)));
      }
      expect(await tempFiles()).toEqual([]);
    });
  }

  it('checks PDFs held in memory (save) the same way', async () => {
    const save = (name: string, buffer: Buffer) =>
      uow.run((tx) => files.save(tx.em, { buffer, originalname: name, size: buffer.length }, rules, ownerId));
    const locked = await readFile(join(fixtures, 'password-required.pdf'));
    await expect(save('locked.pdf', locked)).rejects.toMatchObject({ code: 'files/pdf_password' });
    const repaired = await readFile(join(fixtures, 'helloworld-bad.pdf'));
    const file = await save('hello.pdf', repaired);
    expect(file.pageCount).toBe(1);
    expect(await files.pdfTexts(file.id)).toEqual(['Hello, world!']);
    expect(await tempFiles()).toEqual([]);
  });

  it('stores PDFs unchecked (no page count) when the rules do not ask for the check', async () => {
    const file = await saveStream(await streamed('truncated.pdf'), { ...rules, pdf: undefined });
    expect(file.pageCount).toBeNull();
    expect(await files.pdfTexts(file.id)).toEqual([]);
  });

  it('streams a 300-page, ~50 MB PDF to disk and moves it into the store without a buffer of it', async () => {
    const pdf = await largePdf(300, PDF_MAX_BYTES - 2 * 1024 * 1024);
    expect(pdf.length).toBeGreaterThan(45 * 1024 * 1024);
    expect(pdf.length).toBeLessThanOrEqual(PDF_MAX_BYTES);
    const put = jest.spyOn(files.store, 'put');
    const putFile = jest.spyOn(files.store, 'putFile');
    const upload = await writeToTempFile(slices(pdf), files.tmpDir, PDF_MAX_BYTES, '大きな資料.pdf');
    expect(upload.path.startsWith(files.tmpDir)).toBe(true);
    const file = await saveStream(upload);
    // The bytes went by rename from the temporary file, never through the in-memory put.
    expect(put).not.toHaveBeenCalled();
    expect(putFile).toHaveBeenCalledWith(upload.path, upload.sha256);
    expect(file.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(file.size).toBe(pdf.length);
    expect(file.pageCount).toBe(300);
    const texts = await files.pdfTexts(file.id);
    expect(texts[0]).toBe('Page 1');
    expect(texts[299]).toBe('Page 300');
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses an upload past the limit with 413 as it streams, and leaves no temporary file', async () => {
    const source = slices(Buffer.alloc(3 * 1024 * 1024, 0x25));
    await expect(writeToTempFile(source, files.tmpDir, 1024 * 1024)).rejects.toMatchObject({
      code: 'files/too_large',
      status: 413,
    });
    expect(await tempFiles()).toEqual([]);
    // And a file within the stream limit but over the purpose's own limit: refused by saveStream, file removed.
    const upload = await streamed('tracemonkey.pdf');
    await expect(saveStream(upload, { ...rules, maxBytes: 1000 })).rejects.toMatchObject({
      code: 'files/too_large',
    });
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a file whose bytes are not an allowed type, whatever its name', async () => {
    const upload = await writeToTempFile(
      Readable.from([Buffer.from('<html>not a pdf</html>')]),
      files.tmpDir,
      1e6,
      'x.pdf',
    );
    await expect(saveStream(upload)).rejects.toMatchObject({ code: 'files/type_not_allowed' });
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a PDF whose check does not end in time (files/pdf_check_failed), the child killed', async () => {
    const original = files.pdfInspector;
    files.pdfInspector = new PdfInspector({ timeoutMs: 1 });
    try {
      await expect(saveStream(await streamed('freeculture.pdf'))).rejects.toMatchObject({
        code: 'files/pdf_check_failed',
      });
      expect(() => process.kill(files.pdfInspector.lastPid!, 0)).toThrow();
    } finally {
      files.pdfInspector = original;
    }
    expect(await tempFiles()).toEqual([]);
  });
});
