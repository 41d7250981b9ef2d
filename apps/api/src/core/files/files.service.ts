import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { filetypeinfo } from 'magic-bytes.js';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import type { AuthUser } from '../auth/auth.types';
import { AppException } from '../errors/app.exception';
import { LocalBlobStore, type BlobStore } from './blob-store';
import { DEFAULT_IMAGE_RULES, IMAGE_TYPES, reencodeImage, type ImageRules } from './image-processing';
import { StoredFileEntity } from './stored-file.entity';

/** Decides whether a user may read a file of one purpose. Features register one per purpose. */
export type FileAccessPolicy = (user: AuthUser, file: StoredFileEntity) => Promise<boolean> | boolean;

export interface UploadRules {
  purpose: string;
  maxBytes: number;
  /** MIME types allowed, checked against the file's magic bytes, not its name or the browser's claim. */
  allowedTypes: readonly string[];
  /** How images (JPEG, PNG, WebP) are re-encoded; every image is, with DEFAULT_IMAGE_RULES when not given. */
  image?: ImageRules;
}

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** Sniffs the real type from the first bytes. */
export function sniffMimeType(bytes: Buffer): string | undefined {
  return filetypeinfo(new Uint8Array(bytes.subarray(0, 64))).find((t) => t.mime)?.mime;
}

/**
 * The type of an upload among those allowed: the magic bytes say which types the file can be (a ZIP container can
 * be a .docx, .xlsx or .odt, an OLE one a .doc or .xls), and the name's extension picks among those; otherwise
 * the first allowed one. A name cannot make bytes into a type they cannot be.
 */
export function uploadMimeType(bytes: Buffer, name: string, allowed: readonly string[]): string | undefined {
  const candidates = filetypeinfo(new Uint8Array(bytes.subarray(0, 64))).filter(
    (t) => t.mime && allowed.includes(t.mime),
  );
  const extension = /\.([0-9a-z]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  return (candidates.find((t) => t.extension === extension) ?? candidates[0])?.mime;
}

@Injectable()
export class FilesService {
  readonly store: BlobStore;
  private readonly policies = new Map<string, FileAccessPolicy>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new LocalBlobStore(`${config.DATA_DIR}/blobs`);
  }

  registerPolicy(purpose: string, policy: FileAccessPolicy): void {
    this.policies.set(purpose, policy);
  }

  /**
   * Checks the upload (size, then type by magic bytes), re-encodes images (the one place every image upload
   * passes: upright, scaled down, no metadata, decompression bombs refused), writes the bytes durably, then
   * inserts the row inside `em` (the caller's transaction). Bytes without a row are harmless; a row never points
   * at missing bytes.
   */
  async save(
    em: EntityManager,
    upload: UploadedFile | undefined,
    rules: UploadRules,
    ownerId: string,
  ): Promise<StoredFileEntity> {
    if (!upload?.buffer?.length) throw new AppException('files/missing');
    if (upload.size > rules.maxBytes) throw new AppException('files/too_large');
    let name = Buffer.from(upload.originalname, 'latin1').toString('utf8').slice(0, 200) || 'file';
    const sniffed = uploadMimeType(upload.buffer, name, rules.allowedTypes);
    if (!sniffed) throw new AppException('files/type_not_allowed');
    let bytes = upload.buffer;
    let mimeType = sniffed;
    if (IMAGE_TYPES.has(sniffed)) {
      const image = await reencodeImage(upload.buffer, rules.image ?? DEFAULT_IMAGE_RULES);
      bytes = image.bytes;
      mimeType = image.mimeType;
      name = `${name.replace(/\.[^.]{1,8}$/, '')}.${image.extension}`;
    } else if (sniffed.startsWith('image/')) {
      // An image type nobody re-encodes would be stored with its metadata: refuse rather than keep it.
      throw new AppException('files/type_not_allowed');
    }
    const sha256 = await this.store.put(bytes);
    return em.save(
      em.create(StoredFileEntity, {
        sha256,
        size: bytes.length,
        mimeType,
        name,
        purpose: rules.purpose,
        ownerId,
      }),
    );
  }

  /** The file if this user may read it; otherwise the same 404 as for a missing file. */
  async getForRead(user: AuthUser, id: string): Promise<StoredFileEntity> {
    const file = await this.dataSource.getRepository(StoredFileEntity).findOneBy({ id });
    const policy = file && this.policies.get(file.purpose);
    if (!file || !policy || !(await policy(user, file))) throw new AppException('files/not_found');
    return file;
  }
}
