// Time to the first page visible in Ringi's material viewer on an emulated iPad (devices['iPad Pro 11'], 4× CPU
// throttling), against the floor: pdf.js alone rendering the same page from bytes already in memory.
//
// Ringi: a fresh browser context each run (empty cache, as on the first opening of a material), signed in by its
// session cookie; from the navigation to /meetings/:id/materials/:materialId until the viewer puts the first
// page's canvas in the page (PdfViewer swaps a canvas in only once pdf.js has drawn it), read in the page with
// performance.now() (navigation start = 0). Also when `aria-busy` turns false (the text layer drawn too), and the
// bytes the page received for /api/files/ by then (CDP Network events), which shows range loading at work.
//
// Floor: a bare page from a bare node:http server in this process (no app, no authentication) fetches the PDF into
// an ArrayBuffer first (not timed); then, timed: import pdfjs-dist's build (cold cache), start its worker, open
// the bytes with the viewer's options (no eval, no wasm), render page 1 at the viewer's size and pixel ratio.
// Functions passed to page.evaluate, waitForFunction and addInitScript run in the page:
/* global window, document, MutationObserver */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
const { chromium, devices } = require('playwright-core');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DEVICE = devices['iPad Pro 11'];
export const CPU_THROTTLING = 4;
const TIMEOUT_MS = 180_000;
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

// The floor page. Query: pdf (name), width (CSS pixels of the page on screen, as the viewer drew it).
const FLOOR_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0"><div id="host"></div>
<script type="module">
const q = new URLSearchParams(location.search);
const data = await (await fetch('/pdf/' + q.get('pdf'))).arrayBuffer();
const t0 = performance.now();
const pdfjs = await import('/pdfjs/build/pdf.min.mjs');
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.min.mjs';
const doc = await pdfjs.getDocument({
  data, isEvalSupported: false, useWasm: false, enableXfa: false, cMapPacked: true,
  cMapUrl: '/pdfjs/cmaps/', standardFontDataUrl: '/pdfjs/standard_fonts/',
}).promise;
const page = await doc.getPage(1);
const natural = page.getViewport({ scale: 1 });
const viewport = page.getViewport({ scale: Number(q.get('width')) / natural.width });
const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(5000000 / (viewport.width * viewport.height)));
const canvas = document.createElement('canvas');
canvas.width = Math.floor(viewport.width * ratio);
canvas.height = Math.floor(viewport.height * ratio);
await page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise;
document.getElementById('host').append(canvas);
window.__floor = { ms: performance.now() - t0, pixels: canvas.width, bytes: data.byteLength };
</script></body></html>`;

/** The bare server of the floor page: the page, pdfjs-dist's files, and the PDFs by name. */
async function startFloorServer(pdfs) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file;
    if (path === '/floor.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(FLOOR_HTML);
      return;
    }
    if (path.startsWith('/pdfjs/'))
      file = join(PDFJS_DIR, normalize(path.slice(7)).replace(/^(\.\.[/\\])+/, ''));
    else if (path.startsWith('/pdf/')) file = pdfs[path.slice(5)];
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((r) => server.close(r)),
  };
}

/** Records, in the page, when the viewer's first canvas appears and when it is no longer busy. */
function watchViewer() {
  const seen = () => {
    if (!window.__firstCanvas && document.querySelector('.pdf-viewer canvas'))
      window.__firstCanvas = performance.now();
    if (!window.__notBusy && window.__firstCanvas && document.querySelector('.pdf-viewer[aria-busy="false"]'))
      window.__notBusy = performance.now();
    if (!window.__failed && document.querySelector('.pdf-viewer [role="alert"]')) window.__failed = true;
  };
  new MutationObserver(seen).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-busy'],
  });
}

async function throttledPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  return { page, cdp };
}

/** Bytes received per request URL (CDP Network events of the page). */
async function countBytes(cdp) {
  const urls = new Map();
  const bytes = new Map();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) =>
    bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + Math.max(e.dataLength, e.encodedDataLength)),
  );
  return (match) => {
    let sum = 0;
    let requests = 0;
    for (const [id, n] of bytes)
      if (match(urls.get(id) ?? '')) {
        sum += n;
        requests++;
      }
    return { bytes: sum, requests };
  };
}

const cookiesOf = (header, url) =>
  header.split(/;\s*/).map((pair) => {
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url };
  });

async function ringiRun(browser, base, cookie, url) {
  const context = await browser.newContext({ ...DEVICE });
  try {
    await context.addCookies(cookiesOf(cookie, base));
    await context.addInitScript(watchViewer);
    const { page, cdp } = await throttledPage(context);
    const received = await countBytes(cdp);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstCanvas || window.__failed, null, { timeout: TIMEOUT_MS });
    const files = received((u) => u.includes('/api/files/'));
    const all = received(() => true);
    if (await page.evaluate(() => window.__failed)) throw new Error(`the viewer refused ${url}`);
    await page.waitForFunction(() => window.__notBusy, null, { timeout: TIMEOUT_MS });
    const shown = await page.evaluate(() => {
      const canvas = document.querySelector('.pdf-viewer canvas');
      const asked = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/files/'));
      return {
        ms: window.__firstCanvas,
        fileAskedMs: asked ? asked.startTime : NaN,
        notBusyMs: window.__notBusy,
        cssWidth: canvas.getBoundingClientRect().width,
        pixels: canvas.width,
      };
    });
    return { ...shown, fileBytes: files.bytes, fileRequests: files.requests, allBytes: all.bytes };
  } finally {
    await context.close();
  }
}

async function floorRun(browser, floorBase, name, cssWidth) {
  const context = await browser.newContext({ ...DEVICE });
  try {
    const { page } = await throttledPage(context);
    await page.goto(`${floorBase}/floor.html?pdf=${encodeURIComponent(name)}&width=${cssWidth}`);
    await page.waitForFunction(() => window.__floor, null, { timeout: TIMEOUT_MS });
    return await page.evaluate(() => window.__floor);
  } finally {
    await context.close();
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * For each PDF (`{ name: { path, materialId } }`): a warm-up of each side, then `runs` alternating runs (floor,
 * Ringi). Returns `{ name: { ringi: [run], floor: [run], size } }`.
 */
export async function runViewer({ base, meetingId, cookie, pdfs, runs, log }) {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const floor = await startFloorServer(Object.fromEntries(Object.entries(pdfs).map(([n, p]) => [n, p.path])));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const out = {};
  try {
    for (const [name, { path, materialId }] of Object.entries(pdfs)) {
      const url = `${base}/meetings/${meetingId}/materials/${materialId}`;
      const warm = await ringiRun(browser, base, cookie, url);
      await floorRun(browser, floor.base, name, warm.cssWidth);
      const result = { ringi: [], floor: [], size: readFileSync(path).length };
      for (let i = 0; i < runs; i++) {
        const f = await floorRun(browser, floor.base, name, warm.cssWidth);
        const r = await ringiRun(browser, base, cookie, url);
        result.floor.push(f);
        result.ringi.push(r);
        log(
          `  ${name} run ${i + 1}/${runs}: Ringi ${r.ms.toFixed(0)} ms (file asked at ${r.fileAskedMs.toFixed(0)} ms, ` +
            `not busy ${r.notBusyMs.toFixed(0)} ms, ` +
            `${(r.fileBytes / 1024).toFixed(0)} KiB of the file in ${r.fileRequests} requests), ` +
            `floor ${f.ms.toFixed(0)} ms`,
        );
      }
      out[name] = result;
    }
  } finally {
    await browser.close();
    await floor.stop();
  }
  return out;
}
