// The PDF check, run by PdfInspector in a child process of its own (`node --max-old-space-size=… <this file>
// <pdf path>`), never in the API's process: pdf.js parses on the thread that calls it, and a hostile PDF can keep
// it busy for good or fill its memory; the parent kills this process when its time is up.
//
// It answers with one IPC message and exits:
//   { ok: true, pages, texts }                      every page's text, in page order
//   { ok: false, reason: 'unreadable' | 'password' }
//
// Written without static imports or top-level await on purpose: the build (swc) turns this file into CommonJS
// (`pdf-inspector.worker.js` under dist/), and the same code must run there and as ES module from the sources.

async function inspect(path) {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');

  const requireHere = createRequire(process.argv[1]);
  const pdfjsDir = dirname(requireHere.resolve('pdfjs-dist/package.json'));
  const pdfjs = await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href);

  const data = new Uint8Array(await readFile(path));
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    // Fonts that are not embedded (common in Japanese PDFs) need pdf.js's CMaps to map codes to text.
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = error && typeof error === 'object' ? error.name : '';
    return { ok: false, reason: name === 'PasswordException' ? 'password' : 'unreadable' };
  }
  const texts = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      // PostgreSQL text cannot hold NUL.
      texts.push(text.replace(/\0/g, '').trim());
      page.cleanup();
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return { ok: true, pages: doc.numPages, texts };
}

const path = process.argv[2];
inspect(path)
  .catch(() => ({ ok: false, reason: 'unreadable' }))
  .then((result) => {
    if (process.send) process.send(result, () => process.exit(0));
    else {
      process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
    }
  });
