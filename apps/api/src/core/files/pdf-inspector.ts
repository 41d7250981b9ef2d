import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PDF_CHECK_TIMEOUT_MS } from '@ringi/contracts';

export type PdfInspection =
  | { ok: true; pages: number; texts: string[] }
  | { ok: false; reason: 'unreadable' | 'password' | 'timeout' | 'too_large' };

export interface PdfInspectorOptions {
  /** How long the check may take, whole file, every page's text included. */
  timeoutMs: number;
  /** The child's V8 heap (`--max-old-space-size`), in MiB. */
  maxHeapMb: number;
  /** Checks running at once; more wait their turn (each child can use a core and a few hundred MB). */
  maxConcurrent: number;
}

export const DEFAULT_PDF_INSPECTOR_OPTIONS: PdfInspectorOptions = {
  timeoutMs: PDF_CHECK_TIMEOUT_MS,
  maxHeapMb: 256,
  maxConcurrent: 2,
};

/**
 * The worker script: `pdf-inspector.worker.mjs` beside this file in the sources (jest), `pdf-inspector.worker.js`
 * in the build, where swc has turned it into CommonJS (the script is written to run either way).
 */
export function pdfWorkerPath(dir = __dirname): string {
  const candidates = ['pdf-inspector.worker.mjs', 'pdf-inspector.worker.js'].map((name) => join(dir, name));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`PDF worker script not found beside ${dir}`);
  return found;
}

/**
 * Opens a PDF with pdf.js (legacy build, no eval) in a child process of its own with a time and a memory limit,
 * so that a hostile or broken file can neither hang nor exhaust the API's process: the child is killed when its
 * time is up (`timeout`); running out of its heap ends it (`too_large`). A PDF pdf.js cannot open is
 * `unreadable`, one that needs a user password `password`; one pdf.js repairs or opens without asking (an empty
 * user password) is accepted with its page count and every page's text.
 */
export class PdfInspector {
  readonly options: PdfInspectorOptions;
  /** The process id of the last child started (tests check it is gone after a timeout). */
  lastPid: number | undefined;
  private readonly script: string;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: Partial<PdfInspectorOptions> = {}, script = pdfWorkerPath()) {
    this.options = { ...DEFAULT_PDF_INSPECTOR_OPTIONS, ...options };
    this.script = script;
  }

  /** Inspects the PDF at `path` (a file on disk: the child reads it itself, nothing passes through this heap). */
  async inspect(path: string): Promise<PdfInspection> {
    // The time limit counts from the child's start, not from the wait for a turn.
    // A finished check hands its turn straight to the next one waiting.
    if (this.running >= this.options.maxConcurrent) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await this.run(path);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private run(path: string): Promise<PdfInspection> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [`--max-old-space-size=${this.options.maxHeapMb}`, this.script, path],
        {
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
          env: { NODE_ENV: process.env.NODE_ENV ?? 'production' },
        },
      );
      this.lastPid = child.pid;
      let answer: PdfInspection | undefined;
      let timedOut = false;
      let settled = false;
      const finish = (result: PdfInspection): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      // Answered once the child is gone, so that no check outlives its request.
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, this.options.timeoutMs);
      child.on('message', (message) => {
        answer = parseAnswer(message);
      });
      child.on('error', () => finish({ ok: false, reason: 'unreadable' }));
      child.on('exit', () => {
        if (timedOut) finish({ ok: false, reason: 'timeout' });
        // No answer: the child died (its heap ran out, or it was killed from outside).
        else finish(answer ?? { ok: false, reason: 'too_large' });
      });
    });
  }
}

function parseAnswer(message: unknown): PdfInspection | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  if (m.ok === true && typeof m.pages === 'number' && Array.isArray(m.texts)) {
    return { ok: true, pages: m.pages, texts: m.texts.map((t) => (typeof t === 'string' ? t : '')) };
  }
  if (m.ok === false && (m.reason === 'unreadable' || m.reason === 'password')) {
    return { ok: false, reason: m.reason };
  }
  return undefined;
}
