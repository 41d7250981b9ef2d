/// <reference lib="webworker" />
/**
 * Ringi's service worker: lets a person read the meetings they kept on this device with no network. Built by
 * `vite.config.mts` (plugin `ringi:service-worker`) into `/sw.js`, one classic script with nothing imported at
 * run time; the build writes in the list of the app's files and a version computed from their contents.
 *
 * It stays out of the way online: API answers always come from the server (every file and range request is
 * checked there), and only when the network fails does a kept copy answer. See README.md beside this file.
 */
import {
  APP_CACHE_PREFIX,
  COPIES_CHANGED_MESSAGE,
  COPY_CACHE_PREFIX,
  DROP_APP_MESSAGE,
  isAppFilePath,
  isCopyPath,
  KEEP_APP_MESSAGE,
  type KeepAppReply,
} from './protocol';
import { answerFromWhole } from './range';

declare const self: ServiceWorkerGlobalScope;
/** Written in by the build: every file of the app (paths from the root), and a hash of their contents. */
declare const __RINGI_APP_FILES__: string[];
declare const __RINGI_APP_VERSION__: string;

const APP_CACHE = `${APP_CACHE_PREFIX}${__RINGI_APP_VERSION__}`;
/** Added to every answer taken from a kept copy, so tests and support can tell it from the server's. */
const FROM_COPY = { 'X-Ringi-Offline': 'copy' };

/**
 * Whether anything is kept on this device (app files, copies), as last seen. While nothing is, the worker does
 * not answer any request at all: the browser goes to the network exactly as without a worker. Unknown (null)
 * after the worker starts, until the first look; looked at again after each request and each change the page
 * reports.
 */
let kept: { app: boolean; copies: boolean } | null = null;

async function lookAtCaches(): Promise<void> {
  const names = await caches.keys();
  kept = {
    app: names.some((name) => name.startsWith(APP_CACHE_PREFIX)),
    copies: names.some((name) => name.startsWith(COPY_CACHE_PREFIX)),
  };
}

/**
 * Fetches every file of this build into the app cache (those already there are kept), then drops older builds.
 * A file the server no longer has (a newer build was deployed since this worker started) is skipped and the
 * worker asks for its update: the new worker keeps its own files when it activates.
 */
async function keepApp(): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  const have = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  const missing = __RINGI_APP_FILES__.filter((path) => !have.has(path));
  let outdated = false;
  // A few at a time: an iPad on the town hall's Wi-Fi, and the server is the same one people are using.
  for (let i = 0; i < missing.length; i += 6) {
    await Promise.all(
      missing.slice(i, i + 6).map(async (path) => {
        const response = await fetch(path, { cache: 'no-cache', credentials: 'same-origin' });
        if (response.status === 404) outdated = true;
        else if (!response.ok) throw new Error(`${path}: ${response.status}`);
        else await cache.put(path, response);
      }),
    );
  }
  if (outdated) void self.registration.update().catch(() => undefined);
  await dropApp(APP_CACHE);
}

/** Deletes the app caches of every build but `keep`. */
async function dropApp(keep?: string): Promise<void> {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(APP_CACHE_PREFIX) && name !== keep)
      .map((name) => caches.delete(name)),
  );
}

self.addEventListener('install', () => {
  // Nothing is fetched ahead: the app's files are kept only once someone keeps a meeting (see keepApp).
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await self.clients.claim();
      // A new build: keep its files if the app was kept (meetings are, or are being, kept on this device), else
      // keep nothing of the app.
      const names = await caches.keys();
      const wanted = names.some((n) => n.startsWith(COPY_CACHE_PREFIX) || n.startsWith(APP_CACHE_PREFIX));
      if (wanted) await keepApp().catch(() => undefined);
      else await dropApp();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  const port = event.ports[0];
  if (data?.type === KEEP_APP_MESSAGE) {
    event.waitUntil(
      keepApp().then(
        () => port?.postMessage({ ok: true, version: __RINGI_APP_VERSION__ } satisfies KeepAppReply),
        (error: unknown) => port?.postMessage({ ok: false, reason: String(error) } satisfies KeepAppReply),
      ),
    );
  } else if (data?.type === COPIES_CHANGED_MESSAGE) {
    event.waitUntil(lookAtCaches());
  } else if (data?.type === DROP_APP_MESSAGE) {
    event.waitUntil(
      dropApp().then(() =>
        port?.postMessage({ ok: true, version: __RINGI_APP_VERSION__ } satisfies KeepAppReply),
      ),
    );
  }
});

/** A page of the app: from the server; with no network, the app's page kept for offline use. */
async function navigation(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const page =
      (await caches.match('/index.html', { cacheName: APP_CACHE })) ?? (await anyAppFile('/index.html'));
    if (page) return page;
    throw error;
  }
}

/** The same path in the app cache of any build (an old page still open after an update asks for old chunks). */
async function anyAppFile(path: string): Promise<Response | undefined> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(APP_CACHE_PREFIX)) continue;
    const hit = await (await caches.open(name)).match(path);
    if (hit) return hit;
  }
  return undefined;
}

/** A file of the app: hashed, so a kept one is the right one; else from the server. */
async function appFile(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const kept = (await caches.match(path, { cacheName: APP_CACHE })) ?? (await anyAppFile(path));
  return kept ?? fetch(request);
}

/**
 * The meeting, a material's bytes or who is signed in: from the server whenever it answers (its answer, 404 and
 * 403 included, is final); only when the network fails, from the kept copy, a range cut from the whole file.
 */
async function fromServerElseCopy(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const path = new URL(request.url).pathname;
    for (const name of await caches.keys()) {
      if (!name.startsWith(COPY_CACHE_PREFIX)) continue;
      const whole = await (await caches.open(name)).match(path);
      if (whole) return answerFromWhole(request, whole, FROM_COPY);
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const seen = kept;
  event.waitUntil(lookAtCaches());
  if (request.mode === 'navigate') {
    if (!seen || seen.app) event.respondWith(navigation(request));
  } else if (isAppFilePath(url.pathname)) {
    if (!seen || seen.app) event.respondWith(appFile(request));
  } else if (isCopyPath(url.pathname) && !url.search) {
    if (!seen || seen.copies) event.respondWith(fromServerElseCopy(request));
  }
});
