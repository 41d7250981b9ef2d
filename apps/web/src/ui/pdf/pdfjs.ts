import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import { pdfJsBuildFor, type PdfJsBuild } from './build';

/** The pdf.js module, loaded on first use only: it must never be part of the first load. */
export type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | undefined;

/** The build chosen for this browser (set once pdf.js has loaded). */
export let pdfJsBuild: PdfJsBuild | undefined;

/**
 * Imports pdf.js (the build this browser can run, see `pdfJsBuildFor`) and points it at its worker, a module
 * worker served by the app itself (a hashed asset; the CSP allows `worker-src 'self'`). Every later call gets the
 * same module.
 */
export function loadPdfJs(): Promise<PdfJs> {
  const build = pdfJsBuildFor();
  loading ??= (
    build === 'modern'
      ? Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')])
      : Promise.all([
          import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>,
          import('pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'),
        ])
  ).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    pdfJsBuild = build;
    return pdfjs;
  });
  // A failed download (offline, an old chunk after an update) may be retried by the next viewer.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Where the build puts pdf.js's data files (vite.config.mts, `ringi:pdfjs-data`), for this pdf.js version. */
export function pdfjsDataUrl(version: string, dir: 'cmaps' | 'standard_fonts' | 'wasm' | 'iccs'): string {
  return `${import.meta.env.BASE_URL}assets/pdfjs-${version}/${dir}/`;
}

/** Bytes fetched per range request: the first page of a typical document arrives in one or two of them. */
export const RANGE_CHUNK_SIZE = 256 * 1024;

/**
 * The loading options every viewer uses: nothing from another host (CMaps, standard fonts, decoders come from
 * the app), no `eval` and no WebAssembly (the CSP forbids both), range requests for a fast first page and no background download
 * of the rest (the API's file downloads answer `Range`).
 */
export function documentOptions(pdfjs: PdfJs, url: string): DocumentInitParameters {
  return {
    url,
    isEvalSupported: false,
    cMapUrl: pdfjsDataUrl(pdfjs.version, 'cmaps'),
    cMapPacked: true,
    standardFontDataUrl: pdfjsDataUrl(pdfjs.version, 'standard_fonts'),
    wasmUrl: pdfjsDataUrl(pdfjs.version, 'wasm'),
    iccUrl: pdfjsDataUrl(pdfjs.version, 'iccs'),
    // The CSP has no 'wasm-unsafe-eval': JPEG 2000 images use the JavaScript decoder (from wasmUrl) at once
    // instead of first failing to compile WebAssembly (a CSP report in the console each time).
    useWasm: false,
    rangeChunkSize: RANGE_CHUNK_SIZE,
    disableAutoFetch: true,
    disableStream: true,
    enableXfa: false,
  };
}
