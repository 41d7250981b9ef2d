import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APPROVAL_ATTACHMENT_MAX_BYTES,
  APPROVAL_ATTACHMENT_TYPES,
  APPROVAL_ATTACHMENTS_MAX,
  type ApprovalAttachment,
} from '@ringi/contracts';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { ApprovalAttachmentEntity } from './entities/approval-attachment.entity';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

/** The stored files' purpose: readable by whoever may see a document the file is attached to. */
export const APPROVAL_ATTACHMENT_PURPOSE = 'approval-attachment';

const WITH_DRAFTER = ['draft', 'sent_back', 'withdrawn'];

/** What a version records of each of its attachments (and so what its hash covers). */
export interface VersionAttachment {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/**
 * The version the drafter is preparing while the document is with them: the first one before submission, the next
 * one after a send-back or 引戻し (resubmission makes a new version).
 */
export function versionInPreparation(doc: ApprovalDocumentEntity): number {
  return doc.status === 'draft' ? doc.state.version : doc.state.version + 1;
}

/** Whether the user may attach files now: the drafter while it is with them, and on the route its current actors. */
export function mayAttach(user: AuthUser, doc: ApprovalDocumentEntity): boolean {
  if (WITH_DRAFTER.includes(doc.status)) return doc.drafterId === user.id;
  if (doc.status !== 'in_progress') return false;
  if (doc.drafterId === user.id || user.role === 'admin') return true;
  return doc.state.stages.some((stage) =>
    stage.steps.some((s) => s.status === 'active' && s.holders.includes(user.id)),
  );
}

/**
 * 添付ファイル of approval documents. Before submission the drafter adds and removes freely. On the route the
 * drafter and the current actors may add (recorded in the audit chain with the file's sha256, since the version's
 * hash was taken already); nothing is removed or replaced: a new version after a send-back does that, leaving the
 * file out of that version while the earlier versions keep it. After the decision nothing is added.
 */
@Injectable()
export class ApprovalAttachmentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: ApprovalDocumentPolicy,
  ) {}

  onModuleInit(): void {
    this.files.registerPolicy(APPROVAL_ATTACHMENT_PURPOSE, (user, file) => this.mayRead(user, file.id));
  }

  async add(user: AuthUser, documentId: string, upload: UploadedFile | undefined): Promise<void> {
    await this.uow.run(async (tx) => {
      const doc = await this.lockVisible(tx, user, documentId);
      if (!mayAttach(user, doc)) {
        if (!WITH_DRAFTER.includes(doc.status) && doc.status !== 'in_progress')
          throw new AppException('approval/attachments_closed');
        throw new AppException('approval/not_allowed_to_attach');
      }
      const count = await tx.em.countBy(ApprovalAttachmentEntity, {
        documentId,
        removedInVersion: IsNull(),
      });
      if (count >= APPROVAL_ATTACHMENTS_MAX) throw new AppException('approval/too_many_attachments');
      const file = await this.files.save(
        tx.em,
        upload,
        {
          purpose: APPROVAL_ATTACHMENT_PURPOSE,
          maxBytes: APPROVAL_ATTACHMENT_MAX_BYTES,
          allowedTypes: APPROVAL_ATTACHMENT_TYPES,
          // Scans stay legible: large, and PNG stays lossless.
          image: { maxSide: 6000, format: upload && /\.png$/i.test(upload.originalname) ? 'png' : 'jpeg' },
        },
        user.id,
      );
      const afterSubmission = doc.status === 'in_progress';
      const row = await tx.em.save(
        tx.em.create(ApprovalAttachmentEntity, {
          documentId,
          fileId: file.id,
          addedInVersion: afterSubmission ? doc.currentVersion : versionInPreparation(doc),
          addedAfterSubmission: afterSubmission,
          addedBy: user.id,
          removedInVersion: null,
        }),
      );
      await this.touch(tx, doc);
      await this.audit.append(tx, {
        type: 'approval.attachment_added',
        actorId: user.id,
        subject: documentId,
        data: {
          attachmentId: row.id,
          fileId: file.id,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
          version: row.addedInVersion,
          afterSubmission,
        },
      });
    });
  }

  async remove(user: AuthUser, documentId: string, attachmentId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const doc = await this.lockVisible(tx, user, documentId);
      const row = await tx.em.findOneBy(ApprovalAttachmentEntity, { id: attachmentId, documentId });
      if (!row || row.removedInVersion !== null) throw new AppException('approval/attachment_not_found');
      if (doc.status === 'in_progress') throw new AppException('approval/attachment_not_removable');
      if (!WITH_DRAFTER.includes(doc.status)) throw new AppException('approval/attachments_closed');
      this.policy.requireDrafter(user, doc);
      const preparing = versionInPreparation(doc);
      if (row.addedInVersion >= preparing) await tx.em.delete(ApprovalAttachmentEntity, { id: row.id });
      else await tx.em.update(ApprovalAttachmentEntity, { id: row.id }, { removedInVersion: preparing });
      await this.touch(tx, doc);
      await this.audit.append(tx, {
        type: 'approval.attachment_removed',
        actorId: user.id,
        subject: documentId,
        data: { attachmentId: row.id, fileId: row.fileId, version: preparing },
      });
    });
  }

  /** Every attachment the document ever had, oldest first, as the document view shows them. */
  async list(documentId: string): Promise<ApprovalAttachment[]> {
    const rows: {
      id: string;
      file_id: string;
      name: string;
      mime_type: string;
      size_bytes: string;
      sha256: string;
      added_in_version: number;
      added_after_submission: boolean;
      added_at: Date;
      added_by: string;
      added_by_name: string;
      removed_in_version: number | null;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.file_id, f.name, f.mime_type, f.size_bytes, f.sha256, a.added_in_version,
              a.added_after_submission, a.added_at, a.added_by,
              u.family_name || ' ' || u.given_name AS added_by_name, a.removed_in_version
         FROM approval_attachment a
         JOIN stored_file f ON f.id = a.file_id
         JOIN app_user u ON u.id = a.added_by
        WHERE a.document_id = $1
        ORDER BY a.added_at, a.id`,
      [documentId],
    );
    return rows.map((r) => ({
      id: r.id,
      fileId: r.file_id,
      name: r.name,
      mimeType: r.mime_type,
      size: Number(r.size_bytes),
      sha256: r.sha256.trim(),
      addedInVersion: r.added_in_version,
      addedAfterSubmission: r.added_after_submission,
      addedAt: r.added_at.toISOString(),
      addedById: r.added_by,
      addedByName: r.added_by_name,
      removedInVersion: r.removed_in_version,
    }));
  }

  /** The attachments a version being submitted holds (what its hash covers). */
  async forVersion(em: EntityManager, documentId: string): Promise<VersionAttachment[]> {
    const rows: { id: string; name: string; mime_type: string; size_bytes: string; sha256: string }[] =
      await em.query(
        `SELECT f.id, f.name, f.mime_type, f.size_bytes, f.sha256
           FROM approval_attachment a JOIN stored_file f ON f.id = a.file_id
          WHERE a.document_id = $1 AND a.removed_in_version IS NULL
          ORDER BY a.added_at, a.id`,
        [documentId],
      );
    return rows.map((r) => ({
      fileId: r.id,
      name: r.name,
      mimeType: r.mime_type,
      size: Number(r.size_bytes),
      sha256: r.sha256.trim(),
    }));
  }

  /** 引用起案: the new draft holds the same files (the bytes are shared; the rows are the new draft's own). */
  async copyInto(tx: Tx, fromDocumentId: string, toDocumentId: string, user: AuthUser): Promise<void> {
    const active = await tx.em.find(ApprovalAttachmentEntity, {
      where: { documentId: fromDocumentId, removedInVersion: IsNull() },
      order: { addedAt: 'ASC', id: 'ASC' },
    });
    for (const a of active)
      await tx.em.save(
        tx.em.create(ApprovalAttachmentEntity, {
          documentId: toDocumentId,
          fileId: a.fileId,
          addedInVersion: 1,
          addedAfterSubmission: false,
          addedBy: user.id,
          removedInVersion: null,
        }),
      );
  }

  /** Attaches copies of stored files (same bytes, new rows of this purpose) to a new draft. */
  async copyFiles(tx: Tx, documentId: string, fileIds: readonly string[], user: AuthUser): Promise<void> {
    for (const fileId of fileIds) {
      const [copy]: { id: string }[] = await tx.em.query(
        `INSERT INTO stored_file (sha256, size_bytes, mime_type, name, purpose, page_count, owner_id)
         SELECT sha256, size_bytes, mime_type, name, $2, page_count, $3 FROM stored_file
          WHERE id = $1 AND disposed_at IS NULL
         RETURNING id`,
        [fileId, APPROVAL_ATTACHMENT_PURPOSE, user.id],
      );
      if (!copy) continue;
      await tx.em.save(
        tx.em.create(ApprovalAttachmentEntity, {
          documentId,
          fileId: copy.id,
          addedInVersion: 1,
          addedAfterSubmission: false,
          addedBy: user.id,
          removedInVersion: null,
        }),
      );
    }
  }

  /** A file attached to any document this user may see. */
  private async mayRead(user: AuthUser, fileId: string): Promise<boolean> {
    const rows: { document_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT document_id FROM approval_attachment WHERE file_id = $1`,
      [fileId],
    );
    for (const { document_id } of rows) {
      const doc = await this.dataSource.getRepository(ApprovalDocumentEntity).findOneBy({ id: document_id });
      const template =
        doc &&
        (await this.dataSource.getRepository(ApprovalTemplateEntity).findOneBy({ id: doc.templateId }));
      if (doc && template && (await this.policy.canSee(user, doc, template))) return true;
    }
    return false;
  }

  private async lockVisible(tx: Tx, user: AuthUser, id: string): Promise<ApprovalDocumentEntity> {
    const doc = await tx.em
      .createQueryBuilder(ApprovalDocumentEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    const template = doc ? await tx.em.findOneBy(ApprovalTemplateEntity, { id: doc.templateId }) : null;
    return this.policy.requireVisible(user, doc, template);
  }

  /** A change of attachments is a change of the document: whoever holds an older `lockVersion` must reload. */
  private async touch(tx: Tx, doc: ApprovalDocumentEntity): Promise<void> {
    await tx.em.update(
      ApprovalDocumentEntity,
      { id: doc.id },
      { lockVersion: doc.lockVersion + 1, updatedAt: new Date() },
    );
  }
}
