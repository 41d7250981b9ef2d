import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { filetypeinfo } from 'magic-bytes.js';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import type { AuthUser } from '../auth/auth.types';
import { AppException } from '../errors/app.exception';
import { LocalBlobStore, type BlobStore } from './blob-store';
import { DEFAULT_IMAGE_RULES, IMAGE_TYPES, reencodeImage, type ImageRules } from './image-processing';
import { PdfInspector, type PdfInspection } from './pdf-inspector';
import { StoredFileEntity } from './stored-file.entity';
import { sweepStaleTempFiles, type StreamedUpload } from './streaming-upload';

/** Decides whether a user may read a file of one purpose. Features register one per purpose. */
export type FileAccessPolicy = (user: AuthUser, file: StoredFileEntity) => Promise<boolean> | boolean;

export interface UploadRules {
  purpose: string;
  maxBytes: number;
  /** MIME types allowed, checked against the file's magic bytes, not its name or the browser's claim. */
  allowedTypes: readonly string[];
  /** How images (JPEG, PNG, WebP) are re-encoded; every image is, with DEFAULT_IMAGE_RULES when not given. */
  image?: ImageRules;
  /**
   * PDFs are opened with pdf.js in a child process before they are stored (see PdfInspector): ones it cannot open
   * are refused (422 `files/pdf_unreadable`), password-protected ones too (`files/pdf_password`), ones that take
   * too long or too much memory (`files/pdf_check_failed`); the page count and each page's text are stored.
   */
  pdf?: { inspect: boolean };
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

const PDF_REFUSALS = {
  unreadable: 'files/pdf_unreadable',
  password: 'files/pdf_password',
  timeout: 'files/pdf_check_failed',
  too_large: 'files/pdf_check_failed',
} as const;

/** An upload checked and in the store, waiting for its row (`FilesService.prepareStream`). */
export type PreparedUpload =
  | {
      kind: 'stored';
      file: { sha256: string; size: number; mimeType: string; name: string };
      pdf: PdfInspection | undefined;
    }
  | { kind: 'bytes'; bytes: Buffer; name: string };

@Injectable()
export class FilesService implements OnModuleInit {
  readonly store: BlobStore;
  /** Where uploads are written while they arrive (same file system as the store, so moving them is a rename). */
  readonly tmpDir: string;
  /** Checks PDFs at upload; replaceable (tests give it a shorter time limit). */
  pdfInspector = new PdfInspector();
  private readonly policies = new Map<string, FileAccessPolicy>();
  private readonly logger = new Logger('Files');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new LocalBlobStore(`${config.DATA_DIR}/blobs`);
    this.tmpDir = join(config.DATA_DIR, 'tmp');
  }

  /** Removes temporary files of uploads a crash left behind (older than an hour: none of them is still arriving). */
  async onModuleInit(): Promise<void> {
    const removed = await sweepStaleTempFiles(this.tmpDir);
    if (removed) this.logger.log(`Removed ${removed} stale temporary upload file(s) from ${this.tmpDir}`);
  }

  registerPolicy(purpose: string, policy: FileAccessPolicy): void {
    this.policies.set(purpose, policy);
  }

  /**
   * Checks the upload (size, then type by magic bytes), re-encodes images (the one place every image upload
   * passes: upright, scaled down, no metadata, decompression bombs refused), checks PDFs when the rules say so,
   * writes the bytes durably, then inserts the row inside `em` (the caller's transaction). Bytes without a row
   * are harmless; a row never points at missing bytes. For uploads held in memory (multer); large files go
   * through `saveStream`.
   */
  async save(
    em: EntityManager,
    upload: UploadedFile | undefined,
    rules: UploadRules,
    ownerId: string,
  ): Promise<StoredFileEntity> {
    if (!upload?.buffer?.length) throw new AppException('files/missing');
    if (upload.size > rules.maxBytes) throw new AppException('files/too_large');
    const name = Buffer.from(upload.originalname, 'latin1').toString('utf8').slice(0, 200) || 'file';
    return this.saveBytes(em, upload.buffer, name, rules, ownerId);
  }

  /**
   * `save` for an upload streamed to a temporary file (StreamingFileInterceptor / receiveMultipartFile /
   * writeToTempFile): the type is sniffed from its first bytes, a PDF is checked from the file, and the file is
   * moved into the store by a rename, so a 50 MB upload is never held in memory. Images (small by their rules)
   * are read and re-encoded as in `save`. The temporary file is gone afterwards, whatever the outcome.
   */
  async saveStream(
    em: EntityManager,
    upload: StreamedUpload | undefined,
    rules: UploadRules,
    ownerId: string,
  ): Promise<StoredFileEntity> {
    const prepared = await this.prepareStream(upload, rules);
    return prepared.kind === 'bytes'
      ? this.saveBytes(em, prepared.bytes, prepared.name, rules, ownerId)
      : this.insertPrepared(em, prepared, rules, ownerId);
  }

  /**
   * The slow half of `saveStream`, outside any transaction: checks the upload, runs the PDF check (up to its
   * time limit, in another process) and moves the bytes into the store. Nothing is locked meanwhile; the caller
   * then inserts the row with `insertPrepared` in its transaction. Bytes whose row never comes are harmless.
   * Images come back as bytes to hand to `saveStream`'s image path (they are small).
   */
  async prepareStream(upload: StreamedUpload | undefined, rules: UploadRules): Promise<PreparedUpload> {
    if (!upload) throw new AppException('files/missing');
    try {
      if (!upload.size) throw new AppException('files/missing');
      if (upload.size > rules.maxBytes) throw new AppException('files/too_large');
      const name = upload.originalname.slice(0, 200) || 'file';
      const mimeType = uploadMimeType(upload.head, name, rules.allowedTypes);
      if (!mimeType) throw new AppException('files/type_not_allowed');
      if (mimeType.startsWith('image/')) return { kind: 'bytes', bytes: await readFile(upload.path), name };
      const pdf = await this.checkPdf(upload.path, mimeType, rules);
      const sha256 = await this.store.putFile(upload.path, upload.sha256);
      return { kind: 'stored', file: { sha256, size: upload.size, mimeType, name }, pdf };
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  /** Inserts the row of a file `prepareStream` put in the store, inside `em` (the caller's transaction). */
  insertPrepared(
    em: EntityManager,
    prepared: Extract<PreparedUpload, { kind: 'stored' }>,
    rules: UploadRules,
    ownerId: string,
  ): Promise<StoredFileEntity> {
    return this.insert(em, prepared.file, rules, ownerId, prepared.pdf);
  }

  /** Each page's text of a PDF checked at upload, in page order (empty for other files). */
  async pdfTexts(fileId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { text: string }[] = await em.query(
      `SELECT text FROM stored_file_text WHERE file_id = $1 ORDER BY page`,
      [fileId],
    );
    return rows.map((r) => r.text);
  }

  private async saveBytes(
    em: EntityManager,
    input: Buffer,
    originalName: string,
    rules: UploadRules,
    ownerId: string,
  ): Promise<StoredFileEntity> {
    let name = originalName;
    const sniffed = uploadMimeType(input, name, rules.allowedTypes);
    if (!sniffed) throw new AppException('files/type_not_allowed');
    let bytes = input;
    let mimeType = sniffed;
    let pdf: PdfInspection | undefined;
    if (IMAGE_TYPES.has(sniffed)) {
      const image = await reencodeImage(input, rules.image ?? DEFAULT_IMAGE_RULES);
      bytes = image.bytes;
      mimeType = image.mimeType;
      name = `${name.replace(/\.[^.]{1,8}$/, '')}.${image.extension}`;
    } else if (sniffed.startsWith('image/')) {
      // An image type nobody re-encodes would be stored with its metadata: refuse rather than keep it.
      throw new AppException('files/type_not_allowed');
    } else if (sniffed === 'application/pdf' && rules.pdf?.inspect) {
      // The check runs in another process, which reads the file from disk.
      await mkdir(this.tmpDir, { recursive: true });
      const path = join(this.tmpDir, `upload-${randomUUID()}`);
      try {
        await writeFile(path, input, { mode: 0o640 });
        pdf = await this.checkPdf(path, sniffed, rules);
      } finally {
        await rm(path, { force: true });
      }
    }
    const sha256 = await this.store.put(bytes);
    return this.insert(em, { sha256, size: bytes.length, mimeType, name }, rules, ownerId, pdf);
  }

  /** Runs the PDF check the rules ask for; refuses what pdf.js cannot open without a password. */
  private async checkPdf(
    path: string,
    mimeType: string,
    rules: UploadRules,
  ): Promise<PdfInspection | undefined> {
    if (mimeType !== 'application/pdf' || !rules.pdf?.inspect) return undefined;
    const result = await this.pdfInspector.inspect(path);
    if (!result.ok) {
      if (result.reason === 'timeout' || result.reason === 'too_large') {
        this.logger.warn(`PDF check refused an upload for ${rules.purpose}: ${result.reason}`);
      }
      throw new AppException(PDF_REFUSALS[result.reason]);
    }
    return result;
  }

  private async insert(
    em: EntityManager,
    file: { sha256: string; size: number; mimeType: string; name: string },
    rules: UploadRules,
    ownerId: string,
    pdf: PdfInspection | undefined,
  ): Promise<StoredFileEntity> {
    const row = await em.save(
      em.create(StoredFileEntity, {
        ...file,
        purpose: rules.purpose,
        ownerId,
        pageCount: pdf?.ok ? pdf.pages : null,
      }),
    );
    if (pdf?.ok && pdf.texts.length) {
      await em.query(
        `INSERT INTO stored_file_text (file_id, page, text)
         SELECT $1, page, text FROM unnest($2::text[]) WITH ORDINALITY AS t(text, page)`,
        [row.id, pdf.texts],
      );
    }
    return row;
  }

  /**
   * Deletes file rows (with their page texts) inside `em`, the caller's transaction, and answers the sha256 of
   * each; hand them to `collectBlobs` after commit. Rows another table still refers to make the transaction fail
   * (foreign keys), so the caller deletes those references first.
   */
  async deleteFiles(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { sha256: string }[] = await em.query(
      // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count].
      `WITH gone AS (DELETE FROM stored_file WHERE id = ANY($1::uuid[]) RETURNING sha256) SELECT sha256 FROM gone`,
      [ids],
    );
    return [...new Set(rows.map((r) => r.sha256.trim()))];
  }

  /**
   * Deletes the bytes of these blobs that no `stored_file` row in use names any more (call it after the commit
   * that deleted or disposed of the rows). An upload of the same bytes in the same instant can still lose them; the window is the
   * time between this check and the removal.
   */
  async collectBlobs(sha256s: readonly string[]): Promise<number> {
    let removed = 0;
    for (const sha256 of sha256s) {
      const [row]: { used: boolean }[] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = $1 AND disposed_at IS NULL) AS used`,
        [sha256],
      );
      if (row?.used) continue;
      await this.store.remove(sha256);
      removed += 1;
    }
    return removed;
  }

  /**
   * The file if this user may read it; otherwise the same 404 as for a missing file. A file destroyed at the end
   * of retention answers 410 to those who may still see its record.
   */
  async getForRead(user: AuthUser, id: string): Promise<StoredFileEntity> {
    const file = await this.dataSource.getRepository(StoredFileEntity).findOneBy({ id });
    const policy = file && this.policies.get(file.purpose);
    if (!file || !policy || !(await policy(user, file))) throw new AppException('files/not_found');
    if (file.disposedAt) throw new AppException('files/disposed');
    return file;
  }

  /**
   * Destroys the bytes of these files at the end of retention, inside `em` (the caller's transaction): the rows
   * stay (name, size, sha256: the proof of what was destroyed) marked `disposed_at`. Answers the sha256 of each;
   * hand them to `collectBlobs` after commit.
   */
  async disposeFiles(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { sha256: string }[] = await em.query(
      `WITH gone AS (UPDATE stored_file SET disposed_at = now() WHERE id = ANY($1::uuid[]) AND disposed_at IS NULL
                      RETURNING sha256) SELECT sha256 FROM gone`,
      [ids],
    );
    return [...new Set(rows.map((r) => r.sha256.trim()))];
  }
}
