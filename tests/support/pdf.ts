import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * The text of every page of a PDF as pdf.js reads it, one string per page. pdfjs-dist is an ES module: it is
 * read in a child node, not in jest's module system. Rejects when pdf.js cannot open the bytes.
 */
export function pdfText(pdf: Buffer): Promise<string[]> {
  const script = `
    const { getDocument } = await import(${JSON.stringify(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href)});
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false }).promise;
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => item.str ?? '').join(''));
    }
    process.stdout.write(JSON.stringify(pages));
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(pdf);
  });
}
