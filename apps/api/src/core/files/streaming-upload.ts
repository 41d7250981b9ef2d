import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import busboy, { type Busboy } from 'busboy';
import type { Readable } from 'node:stream';
import { AppException } from '../errors/app.exception';
import { UPLOAD_LIMITS, maxUploadBodyBytes } from './upload-limits';

/** Bytes kept from the start of an upload to sniff its type (magic bytes). */
export const HEAD_BYTES = 64;

/** Temporary files of uploads are named so; anything else in the folder is left alone. */
const TEMP_PREFIX = 'upload-';

/** An upload written to a temporary file while it arrived, hashed on the way. */
export interface StreamedUpload {
  /** The temporary file; `FilesService.saveStream` moves it into the blob store. */
  path: string;
  sha256: string;
  size: number;
  /** The first bytes, for the type sniffing. */
  head: Buffer;
  originalname: string;
  /** The form's text fields (a title beside the file, say), as the handler's `@Body()` sees them. */
  fields?: Record<string, string>;
}

/**
 * Writes `source` to a new temporary file in `tmpDir`, computing its sha256 and size as it streams, and refuses it
 * with 413 `files/too_large` as soon as it is longer than `maxBytes` (the file is removed; the source is not read
 * any further). The file is fsynced before it is returned, so that a rename into the store is durable. On any
 * error the temporary file is gone.
 */
export async function writeToTempFile(
  source: Readable,
  tmpDir: string,
  maxBytes: number,
  originalname = 'file',
): Promise<StreamedUpload> {
  await mkdir(tmpDir, { recursive: true });
  const path = join(tmpDir, `${TEMP_PREFIX}${randomUUID()}`);
  const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o640);
  const out = createWriteStream('', { fd: handle.fd, autoClose: false });
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        source.off('data', onData);
        source.unpipe?.(out);
        source.pause();
        reject(error);
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(new AppException('files/too_large'));
          return;
        }
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        if (!out.write(chunk)) {
          source.pause();
          out.once('drain', () => !failed && source.resume());
        }
      };
      source.on('data', onData);
      source.once('error', fail);
      out.once('error', fail);
      source.once('end', () => {
        if (failed) return;
        out.end(() => resolve());
      });
    });
    await handle.sync();
  } catch (error) {
    out.destroy();
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return { path, sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), originalname };
}

/** Removes the temporary files of uploads older than `maxAgeMs` (left behind by a crash), and returns how many. */
export async function sweepStaleTempFiles(tmpDir: string, maxAgeMs = 60 * 60 * 1000): Promise<number> {
  const names = await readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && Date.now() - info.mtimeMs > maxAgeMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Reads one multipart request with a single file part named `field` into a temporary file (see writeToTempFile),
 * under the shared UPLOAD_LIMITS. A declared length beyond what such a form can be is refused before the body is
 * read; a file longer than `maxBytes` as soon as its bytes say so. A request without the file answers undefined.
 */
export function receiveMultipartFile(
  req: IncomingMessage,
  options: { field: string; maxBytes: number; tmpDir: string },
): Promise<StreamedUpload | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxUploadBodyBytes(options.maxBytes)) {
    return Promise.reject(new AppException('files/too_large'));
  }
  return new Promise((resolve, reject) => {
    let parser: Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // One byte over the limit lets writeToTempFile tell "exactly the limit" from "too large".
        limits: { ...UPLOAD_LIMITS, fileSize: options.maxBytes + 1 },
        defParamCharset: 'utf8',
      });
    } catch {
      // Not multipart/form-data (or no boundary).
      reject(new AppException('files/missing'));
      return;
    }
    let pending: Promise<StreamedUpload> | undefined;
    let done = false;
    const fields: Record<string, string> = {};
    const stop = (error: unknown): void => {
      if (done) return;
      done = true;
      req.unpipe(parser);
      // Read (and drop) the rest of the body, so that the client still sending gets the answer.
      req.resume();
      // A file already on disk is removed by its writer when it fails; one that finished is removed here.
      void pending?.then((upload) => rm(upload.path, { force: true })).catch(() => undefined);
      reject(error);
    };
    parser.on('file', (name, file, info) => {
      if (name !== options.field || pending) {
        file.resume();
        return;
      }
      pending = writeToTempFile(file, options.tmpDir, options.maxBytes, info.filename ?? 'file');
      pending.catch((error) => {
        file.resume();
        stop(error);
      });
    });
    const badRequest = (): void => stop(new AppException('request/validation_failed'));
    parser.on('filesLimit', badRequest);
    parser.on('partsLimit', badRequest);
    parser.on('fieldsLimit', badRequest);
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) badRequest();
      else if (name !== '__proto__') fields[name] = value;
    });
    parser.on('error', () => stop(new AppException('request/malformed_body')));
    parser.on('close', () => {
      if (done) return;
      if (!pending) {
        done = true;
        resolve(undefined);
        return;
      }
      pending.then(
        (upload) => {
          if (done) {
            void rm(upload.path, { force: true });
            return;
          }
          done = true;
          resolve({ ...upload, fields });
        },
        () => undefined,
      );
    });
    req.on('aborted', () => stop(new AppException('request/malformed_body')));
    req.pipe(parser);
  });
}
