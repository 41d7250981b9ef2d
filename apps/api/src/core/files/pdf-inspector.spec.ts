import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transformFile } from '@swc/core';
import { PdfInspector } from './pdf-inspector';

const root = join(__dirname, '../../../../..');
const pdf = (name: string) => join(root, 'tests/fixtures/pdfs', name);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every file of tests/fixtures/pdfs with the outcome its README gives. */
describe('PdfInspector (pdf.js in a child process)', () => {
  const inspector = new PdfInspector();

  it('refuses truncated.pdf as unreadable', async () => {
    expect(await inspector.inspect(pdf('truncated.pdf'))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('refuses password-required.pdf as needing a password', async () => {
    expect(await inspector.inspect(pdf('password-required.pdf'))).toEqual({ ok: false, reason: 'password' });
  });

  it('accepts empty_protected.pdf (empty user password): one blank page', async () => {
    expect(await inspector.inspect(pdf('empty_protected.pdf'))).toEqual({ ok: true, pages: 1, texts: [''] });
  });

  it('accepts helloworld-bad.pdf, which pdf.js repairs', async () => {
    const result = await inspector.inspect(pdf('helloworld-bad.pdf'));
    expect(result).toMatchObject({ ok: true, pages: 1 });
    expect(result.ok && result.texts[0]).toContain('Hello, world!');
  });

  it('reads tracemonkey.pdf: 14 pages with their text', async () => {
    const result = await inspector.inspect(pdf('tracemonkey.pdf'));
    expect(result).toMatchObject({ ok: true, pages: 14 });
    if (!result.ok) return;
    expect(result.texts).toHaveLength(14);
    expect(result.texts[0]).toContain('Trace-based Just-in-Time');
  });

  it('extracts the Japanese text of noembed-sjis.pdf (Shift_JIS, fonts not embedded) through the CMaps', async () => {
    const result = await inspector.inspect(pdf('noembed-sjis.pdf'));
    expect(result).toMatchObject({ ok: true, pages: 1 });
    expect(result.ok && result.texts[0]).toContain('あいうえお');
  });

  it('accepts vertical.pdf (tategaki) with its text', async () => {
    const result = await inspector.inspect(pdf('vertical.pdf'));
    expect(result).toMatchObject({ ok: true, pages: 3 });
    expect(result.ok && result.texts[0]).toContain('日本語');
  });

  it('accepts annotation-highlight.pdf', async () => {
    const highlight = await inspector.inspect(pdf('annotation-highlight.pdf'));
    expect(highlight).toMatchObject({ ok: true, pages: 1 });
    expect(highlight.ok && highlight.texts[0]).toContain('Lorem ipsum');
  });

  // TAMReview.pdf (23 pages) and freeculture.pdf (352 pages) go through the inspector in files-streaming.int-spec.ts.

  it('refuses a file that is not a PDF at all as unreadable', async () => {
    expect(await inspector.inspect(join(root, 'tests/fixtures/pdfs/README.md'))).toEqual({
      ok: false,
      reason: 'unreadable',
    });
  });

  describe('limits', () => {
    let dir: string;
    beforeAll(async () => {
      // Inside the project (so scripts there resolve its node_modules); a fresh clone has no cache folder yet.
      await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
      dir = await mkdtemp(join(root, 'node_modules/.cache/pdf-inspector-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('kills a check that does not end in time and answers timeout', async () => {
      const hostile = join(dir, 'hang.mjs');
      await writeFile(hostile, 'setInterval(() => {}, 1000);\n');
      const slow = new PdfInspector({ timeoutMs: 300 }, hostile);
      const started = Date.now();
      expect(await slow.inspect(pdf('tracemonkey.pdf'))).toEqual({ ok: false, reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(slow.lastPid).toBeDefined();
      expect(isAlive(slow.lastPid!)).toBe(false);
    });

    it('times out pdf.js itself when the limit is too short for the file', async () => {
      const tight = new PdfInspector({ timeoutMs: 1 });
      expect(await tight.inspect(pdf('freeculture.pdf'))).toEqual({ ok: false, reason: 'timeout' });
      expect(isAlive(tight.lastPid!)).toBe(false);
    });

    it('answers too_large when the child runs out of memory', async () => {
      const greedy = join(dir, 'greedy.mjs');
      await writeFile(greedy, 'const keep = []; for (;;) keep.push(new Array(1e6).fill({}));\n');
      const small = new PdfInspector({ maxHeapMb: 32, timeoutMs: 20_000 }, greedy);
      expect(await small.inspect(pdf('tracemonkey.pdf'))).toEqual({ ok: false, reason: 'too_large' });
    });

    it('runs at most maxConcurrent checks at once; the others wait their turn', async () => {
      const marker = join(dir, 'concurrency');
      const script = join(dir, 'count.mjs');
      // Each child notes its start and end in a file; the answer comes after 150 ms.
      await writeFile(
        script,
        `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(marker)}, '+');
setTimeout(() => { appendFileSync(${JSON.stringify(marker)}, '-'); process.send({ ok: false, reason: 'password' }, () => process.exit(0)); }, 150);
`,
      );
      const limited = new PdfInspector({ maxConcurrent: 2 }, script);
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map(() => limited.inspect(pdf('helloworld-bad.pdf'))),
      );
      expect(results).toEqual(Array(5).fill({ ok: false, reason: 'password' }));
      let level = 0;
      let peak = 0;
      for (const c of await readFile(marker, 'utf8')) peak = Math.max(peak, (level += c === '+' ? 1 : -1));
      expect(peak).toBe(2);
    });

    it('runs the same from the build, where swc has made the worker CommonJS', async () => {
      const source = join(__dirname, 'pdf-inspector.worker.mjs');
      const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
      const { code } = await transformFile(source, {
        ...swcrc,
        jsc: { ...swcrc.jsc, baseUrl: root },
        swcrc: false,
        filename: source,
      });
      const built = join(dir, 'pdf-inspector.worker.js');
      await writeFile(built, code);
      expect(code).toContain('"use strict"');
      const result = await new PdfInspector({}, built).inspect(pdf('helloworld-bad.pdf'));
      expect(result).toEqual({ ok: true, pages: 1, texts: ['Hello, world!'] });
    });
  });
});
