import type { Pinia } from 'pinia';
import { watch } from 'vue';
import {
  COPIES_CHANGED_MESSAGE,
  COPY_CACHE_PREFIX,
  DROP_APP_MESSAGE,
  KEEP_APP_MESSAGE,
  parseCopyCacheName,
  type KeepAppReply,
} from '../sw/protocol';
import { useAuthStore } from './auth-store';

/**
 * The page's side of reading offline: registers the service worker (production builds only; `/sw.js`, see
 * src/sw/README.md), deletes the copies another person may not read, and brings the signed-in person's copies up to
 * date on start and each time the network comes back (`features/meetings/offline/`, loaded only then).
 */

/** Cache Storage and service workers exist here (a secure context: https or localhost). */
export function offlineSupported(): boolean {
  return typeof window !== 'undefined' && 'caches' in window && 'serviceWorker' in navigator;
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !offlineSupported()) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No worker (private mode, an old browser): the app works as before, only nothing can be kept offline.
    });
  // After the first load, so the worker's script never competes with the app's own.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/**
 * Asks the service worker to keep (or drop) the app's own files; resolves once it has. When a newer worker takes
 * over meanwhile (a build deployed while keeping: the old one asks for its update), the answer never comes from
 * the old one: ask the new one again.
 */
async function tellWorker(type: string, attempts = 3): Promise<void> {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) throw new Error('no active service worker');
  const channel = new MessageChannel();
  let replaced: () => void = () => undefined;
  const answer = await new Promise<KeepAppReply | 'replaced'>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<KeepAppReply>) => resolve(event.data);
    replaced = () => resolve('replaced');
    navigator.serviceWorker.addEventListener('controllerchange', replaced);
    worker.postMessage({ type }, [channel.port2]);
  }).finally(() => {
    navigator.serviceWorker.removeEventListener('controllerchange', replaced);
    channel.port1.close();
  });
  if (answer === 'replaced') {
    if (attempts <= 1) throw new Error('the service worker kept changing');
    return tellWorker(type, attempts - 1);
  }
  if (!answer.ok) throw new Error(answer.reason);
}

/** The app's shell, chunks, pdf.js worker, CMaps and standard fonts, kept for reading with no network. */
export const keepAppFiles = (): Promise<void> => tellWorker(KEEP_APP_MESSAGE);
/** Nothing kept any more: the app's files need not stay either. */
export const dropAppFiles = (): Promise<void> => tellWorker(DROP_APP_MESSAGE);

/** Tells the worker that copies were kept or deleted (it answers nothing while nothing is kept). */
export function copiesChanged(): void {
  if (!offlineSupported()) return;
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: COPIES_CHANGED_MESSAGE }),
  );
}

let epoch = 0;
/**
 * Counts the times every copy was deleted (sign-out): a save or sync that started before must not write after,
 * and checks `offlineEpoch()` against the value it started with.
 */
export const offlineEpoch = (): number => epoch;

/** Deletes every kept meeting on this device, or those of everyone but `keepUserId`. */
export async function deleteOfflineCopies(keepUserId?: string): Promise<void> {
  if (!offlineSupported()) return;
  if (!keepUserId) epoch++;
  const names = await caches.keys();
  const doomed = names.filter(
    (name) => name.startsWith(COPY_CACHE_PREFIX) && parseCopyCacheName(name)?.userId !== keepUserId,
  );
  await Promise.all(doomed.map((name) => caches.delete(name)));
  if (!doomed.length) return;
  copiesChanged();
  if (!keepUserId) await dropAppFiles().catch(() => undefined);
}

/**
 * Wires offline reading to the signed-in person: when someone is signed in, the copies of anyone else go and
 * theirs are checked against the server (a meeting withdrawn or disposed is deleted, a replaced material
 * refreshed); again whenever the network comes back. A revoked session deletes every copy (signing out does so
 * in the auth store).
 */
export function installOffline(pinia: Pinia): void {
  registerServiceWorker();
  if (!offlineSupported()) return;
  const auth = useAuthStore(pinia);
  const sync = async (): Promise<void> => {
    const me = auth.me;
    if (!me || !navigator.onLine) return;
    await deleteOfflineCopies(me.id);
    const { syncCopies } = await import('../features/meetings/offline/copies');
    await syncCopies(me);
  };
  watch(
    () => auth.me?.id,
    (id) => {
      if (id) void sync().catch(() => undefined);
      else if (auth.signOutReason === 'revoked') void deleteOfflineCopies();
    },
    { immediate: true },
  );
  window.addEventListener('online', () => void sync().catch(() => undefined));
}
