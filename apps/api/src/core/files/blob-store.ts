import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where file contents live. Local disk today; an S3-compatible store can implement the same interface. */
export interface BlobStore {
  /** Stores the bytes under their sha256 (idempotent) and returns it. */
  put(bytes: Buffer): Promise<string>;
  /**
   * Moves a finished, fsynced temporary file whose sha256 is already known (computed while it streamed in) into
   * the store without reading it into memory; the temporary file is gone afterwards, also when the bytes were
   * already stored.
   */
  putFile(tempPath: string, sha256: string): Promise<string>;
  /** An absolute path the bytes can be streamed from. */
  pathOf(sha256: string): string;
  has(sha256: string): Promise<boolean>;
  /** Deletes the bytes (nothing happens when they are not there). Only for blobs no `stored_file` row names. */
  remove(sha256: string): Promise<void>;
}

/** Content-addressed blobs under `<dir>/ab/cd/<sha256>`, written atomically: temp file, fsync, rename, fsync dir. */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async putFile(tempPath: string, sha256: string): Promise<string> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await rm(tempPath, { force: true });
      return sha256;
    }
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true });
    try {
      await rename(tempPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') {
        await rm(tempPath, { force: true });
        throw error;
      }
      // Another file system (DATA_DIR/tmp mounted elsewhere): copy beside the target, fsync, then rename.
      const tmp = join(this.root, `.tmp-${randomUUID()}`);
      try {
        await copyFile(tempPath, tmp, constants.COPYFILE_EXCL);
        const handle = await open(tmp, constants.O_RDONLY);
        await handle.sync().finally(() => handle.close());
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
        await rm(tempPath, { force: true });
      }
    }
    await this.syncDir(dir);
    return sha256;
  }

  private async syncDir(dir: string): Promise<void> {
    const dirHandle = await open(dir, constants.O_RDONLY);
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true });
    const tmp = join(this.root, `.tmp-${randomUUID()}`);
    const handle = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const dirHandle = await open(dir, constants.O_RDONLY);
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return sha256;
  }
}
