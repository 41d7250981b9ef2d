import type { Me, Meeting } from '@ringi/contracts';
import { copiesChanged, dropAppFiles, keepAppFiles, offlineEpoch } from '../../../app/offline';
import { isApiRequestError } from '../../../app/http';
import { COPY_CACHE_PREFIX, COPY_INFO_PATH, copyCacheName, parseCopyCacheName } from '../../../sw/protocol';
import * as meetingsApi from '../api';
import { currentFiles } from './current-files';

/**
 * Meetings kept on this device (Cache Storage, one cache per person and meeting: `ringi-copy:<user>:<meeting>`).
 * The service worker answers from them only when the network fails (src/sw/sw.ts). No Vue here: the store
 * (`store.ts`) and the sync on start (`app/offline.ts`) call these.
 */

/** What a copy holds, written into it last (`COPY_INFO_PATH`): a copy without it is unfinished. */
export interface CopyInfo {
  v: 1;
  meetingId: string;
  title: string;
  startsAt: string;
  savedAt: string;
  /** The current version of each material, as kept: `fileId`s. */
  fileIds: string[];
  bytes: number;
}

/** Progress of keeping one meeting: the app's files first, then each material's bytes. */
export interface CopyProgress {
  phase: 'app' | 'files';
  doneBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
}

const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;
const filePath = (id: string) => `/api/files/${encodeURIComponent(id)}`;
const json = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

/**
 * Every copy was deleted (sign-out) since `epoch`: the copy being written is deleted again and the work stops.
 * Called after each write, so a write that raced with the deletion never survives it.
 */
async function stopIfSignedOut(epoch: number, cacheName: string): Promise<void> {
  if (offlineEpoch() === epoch) return;
  await caches.delete(cacheName);
  throw new Error('the copies on this device were deleted meanwhile');
}

function isCopyInfo(value: unknown): value is CopyInfo {
  const info = value as Partial<CopyInfo> | null;
  return !!info && info.v === 1 && typeof info.meetingId === 'string' && Array.isArray(info.fileIds);
}

async function readInfo(cache: Cache): Promise<CopyInfo | null> {
  const response = await cache.match(COPY_INFO_PATH);
  if (!response) return null;
  const value: unknown = await response.json().catch(() => null);
  return isCopyInfo(value) ? value : null;
}

/** The person's finished copies on this device; unfinished ones (an interrupted save) are deleted. */
export async function listCopies(userId: string): Promise<CopyInfo[]> {
  const copies: CopyInfo[] = [];
  for (const name of await caches.keys()) {
    if (parseCopyCacheName(name)?.userId !== userId) continue;
    const info = await readInfo(await caches.open(name));
    if (info) copies.push(info);
  }
  return copies.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Reads a material's whole file into the cache, counting the bytes as they arrive. */
async function keepFile(cache: Cache, fileId: string, onBytes: (n: number) => void): Promise<number> {
  const response = await fetch(filePath(fileId), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok || !response.body) throw new Error(`file ${fileId}: ${response.status}`);
  let bytes = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
  await cache.put(
    filePath(fileId),
    new Response(counted, { status: 200, statusText: 'OK', headers: response.headers }),
  );
  return bytes;
}

/**
 * Keeps `meeting` on this device for `me`: the app's files (through the service worker), each material's current
 * version not kept yet, then the meeting's JSON, who is signed in, and last the copy's record. Files of versions
 * no longer current are removed.
 */
export async function saveCopy(
  me: Me,
  meeting: Meeting,
  onProgress: (progress: CopyProgress) => void = () => undefined,
): Promise<CopyInfo> {
  const epoch = offlineEpoch();
  const name = copyCacheName(me.id, meeting.id);
  const files = currentFiles(meeting);
  const progress: CopyProgress = {
    phase: 'app',
    doneBytes: 0,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    doneFiles: 0,
    totalFiles: files.length,
  };
  onProgress({ ...progress });
  await keepAppFiles();
  progress.phase = 'files';
  onProgress({ ...progress });

  await stopIfSignedOut(epoch, name);
  const cache = await caches.open(name);
  const had = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  let bytes = 0;
  for (const file of files) {
    if (had.has(filePath(file.fileId))) {
      progress.doneBytes += file.size;
      bytes += file.size;
    } else {
      bytes += await keepFile(cache, file.fileId, (n) => {
        progress.doneBytes += n;
        onProgress({ ...progress });
      });
      await stopIfSignedOut(epoch, name);
    }
    progress.doneFiles += 1;
    onProgress({ ...progress });
  }
  const wanted = new Set(files.map((f) => filePath(f.fileId)));
  for (const path of had) if (path.startsWith('/api/files/') && !wanted.has(path)) await cache.delete(path);

  const info: CopyInfo = {
    v: 1,
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    savedAt: new Date().toISOString(),
    fileIds: files.map((f) => f.fileId),
    bytes,
  };
  await cache.put(meetingPath(meeting.id), json(meeting));
  await cache.put('/api/me', json(me));
  await cache.put(COPY_INFO_PATH, json(info));
  await stopIfSignedOut(epoch, name);
  copiesChanged();
  return info;
}

/** Deletes one kept meeting; the app's files go too when it was the last copy on this device. */
export async function deleteCopy(userId: string, meetingId: string): Promise<void> {
  await caches.delete(copyCacheName(userId, meetingId));
  copiesChanged();
  const left = (await caches.keys()).some((name) => name.startsWith(COPY_CACHE_PREFIX));
  if (!left) await dropAppFiles().catch(() => undefined);
}

/**
 * Checks each of the person's copies with the server: a meeting gone or out of reach (404, 403: disposed, or
 * the person removed) is deleted; a material replaced since is fetched anew; unfinished copies are deleted. No
 * network or another failure leaves the copy as it is (checked again next time). Returns what is kept now.
 */
export async function syncCopies(me: Me): Promise<CopyInfo[]> {
  const epoch = offlineEpoch();
  for (const name of await caches.keys()) {
    const parsed = parseCopyCacheName(name);
    if (!parsed || parsed.userId !== me.id || offlineEpoch() !== epoch) continue;
    const info = await readInfo(await caches.open(name));
    if (offlineEpoch() !== epoch) {
      await caches.delete(name);
      continue;
    }
    let meeting: Meeting;
    try {
      meeting = await meetingsApi.getMeeting(parsed.meetingId);
    } catch (error) {
      if (isApiRequestError(error) && (error.status === 404 || error.status === 403))
        await deleteCopy(me.id, parsed.meetingId);
      else if (!info && isApiRequestError(error) && error.status !== 0)
        await deleteCopy(me.id, parsed.meetingId);
      continue;
    }
    const same =
      info !== null &&
      info.fileIds.join() ===
        currentFiles(meeting)
          .map((f) => f.fileId)
          .join();
    if (!(await caches.has(name))) continue; // removed by hand meanwhile
    if (same) {
      // Nothing to fetch again; the meeting's details and who is signed in are kept current.
      const cache = await caches.open(name);
      await cache.put(meetingPath(meeting.id), json(meeting));
      await cache.put('/api/me', json(me));
      await stopIfSignedOut(epoch, name).catch(() => undefined);
    } else if (offlineEpoch() === epoch) {
      await saveCopy(me, meeting).catch(() => undefined);
    }
  }
  return listCopies(me.id);
}
