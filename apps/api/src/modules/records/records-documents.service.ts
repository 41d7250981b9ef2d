import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  APPROVAL_ATTACHMENT_MAX_BYTES,
  APPROVAL_ATTACHMENT_TYPES,
  type CreatePaperDecision,
  type PaperDecisionResult,
  type Secrecy,
  type SetSecrecy,
} from '@ringi/contracts';
import {
  createApprovalState,
  fiscalYearOf,
  retentionEndDate,
  retentionPeriodOf,
  tokyoDate,
  type ApprovalState,
} from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { JobsService } from '../../core/jobs/jobs.service';
import { ApprovalActionsService } from '../approvals/approval-actions.service';
import {
  APPROVAL_ATTACHMENT_PURPOSE,
  ApprovalAttachmentsService,
} from '../approvals/approval-attachments.service';
import { contentHash, versionContent } from '../approvals/approval-content';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { ApprovalAttachmentEntity } from '../approvals/entities/approval-attachment.entity';
import { ApprovalDocumentVersionEntity } from '../approvals/entities/approval-document-version.entity';
import { ApprovalDocumentEntity } from '../approvals/entities/approval-document.entity';
import { ApprovalTemplateEntity } from '../approvals/entities/approval-template.entity';
import { OrgChartService } from '../org/org-chart.service';
import { requireActiveBinder } from './records-binder-check';
import { RecordsBindersService } from './records-binders.service';
import { RecordsReceiptPolicy, type ReceiptAccessRow } from './records-receipt.policy';

/** The file plan's code in a document's 分類 (`04 契約` or `04`), or null when it names none. */
function codeOf(classification: string): string | null {
  return /^\s*([0-9A-Za-z-]{1,20})(?:\s|$)/.exec(classification)?.[1] ?? null;
}

export const RECORDS_NIGHTLY_QUEUE = 'records.nightly';
/**
 * Every night just after midnight: 時限秘 whose last day has passed are opened (and recorded as such), and decided
 * documents a listener missed (a stop between commit and event) are filed.
 */
const RECORDS_NIGHTLY_CRON = '2 0 * * *';
/** A document is filed in its binder once it is decided (or circulated, or registered complete). */
const FILED_STATUSES = ['decided', 'completed', 'circulated'] as const;

/**
 * What records management adds to approval documents: decisions made on paper (書面決定), registered afterwards
 * with their scan so the register of documents and numbers stays complete; secrecy (秘文書, 時限秘) set by the
 * drafter or an administrator, and opened by itself after its last day.
 */
@Injectable()
export class RecordsDocumentsService implements OnModuleInit {
  private readonly logger = new Logger('RecordsDocuments');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly jobs: JobsService,
    private readonly orgChart: OrgChartService,
    private readonly actions: ApprovalActionsService,
    private readonly attachments: ApprovalAttachmentsService,
    private readonly documents: ApprovalDocumentPolicy,
    private readonly receipts: RecordsReceiptPolicy,
    private readonly binders: RecordsBindersService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register<{ on?: string }>(RECORDS_NIGHTLY_QUEUE, async ({ data }) => {
      const opened = await this.openExpiredSecrecy(data.on ?? tokyoDate());
      if (opened) this.logger.log(`Opened ${opened} document(s) whose secrecy ended`);
      const filed = await this.fileUnfiled();
      if (filed) this.logger.log(`Filed ${filed} decided document(s) in their binders`);
    });
    await this.jobs.schedule(RECORDS_NIGHTLY_QUEUE, RECORDS_NIGHTLY_CRON);
  }

  /** A document decided (or circulated) without a chosen binder goes into its department's binder of its 分類. */
  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onStatusChanged(event: ApprovalStatusChangedEvent): Promise<void> {
    if (!(FILED_STATUSES as readonly string[]).includes(event.to)) return;
    await this.fileUnfiled(event.documentId);
  }

  /**
   * Files decided, circulated or complete documents that have no binder yet (one, or all of them): in the binder
   * `binderFor` names for the document's department, 年度 and 分類 (the 課's 庶務一般 when the 分類 is not in the
   * plan). Answers how many were filed; audited.
   */
  async fileUnfiled(documentId?: string): Promise<number> {
    return this.uow.run(async (tx) => {
      const rows: { id: string; department_id: string; fiscal_year: number; classification: string }[] =
        await tx.em.query(
          `SELECT id, department_id, fiscal_year, classification FROM approval_document
            WHERE binder_id IS NULL AND status = ANY($1::text[]) AND ($2::uuid IS NULL OR id = $2)
            ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
          [[...FILED_STATUSES], documentId ?? null],
        );
      let filed = 0;
      for (const row of rows) {
        const binderId = await this.binders.binderFor(
          tx,
          row.department_id,
          row.fiscal_year,
          codeOf(row.classification),
        );
        if (!binderId) continue;
        await tx.em.update(ApprovalDocumentEntity, { id: row.id }, { binderId });
        await this.audit.append(tx, {
          type: 'records.document_filed',
          subject: row.id,
          data: { binderId, by: 'classification' },
        });
        filed += 1;
      }
      return filed;
    });
  }

  /**
   * Registers a decision made on paper: a complete document of the person's department with the next document
   * number of its 年度 (the same counter electronic decisions take), its scan as the attachment of version 1
   * (hashed like any version), the reason, and who decided it. A resend with the same client id answers the
   * first registration.
   */
  async registerPaperDecision(
    user: AuthUser,
    input: CreatePaperDecision & { clientId: string },
    scan: UploadedFile | undefined,
  ): Promise<PaperDecisionResult> {
    try {
      return await this.registerPaperDecisionOnce(user, input, scan);
    } catch (error) {
      // The same registration sent twice at once: the second finds the first once it has committed.
      if (isUniqueViolation(error, 'approval_document_paper_client_id_key'))
        return this.registerPaperDecisionOnce(user, input, scan);
      throw error;
    }
  }

  private async registerPaperDecisionOnce(
    user: AuthUser,
    input: CreatePaperDecision & { clientId: string },
    scan: UploadedFile | undefined,
  ): Promise<PaperDecisionResult> {
    const today = tokyoDate();
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const [existing]: { id: string; number: string; drafter_id: string }[] = await em.query(
        `SELECT id, number, drafter_id FROM approval_document WHERE paper_client_id = $1`,
        [input.clientId],
      );
      if (existing) {
        if (existing.drafter_id !== user.id) throw new AppException('approval/document_not_found');
        return { documentId: existing.id, number: existing.number, already: true };
      }
      const enforcedOn = input.enforcedOn ?? input.decidedOn;
      if (input.decidedOn > today || enforcedOn > today)
        throw new AppException('records/paper_decided_in_future');
      const template = await em.findOneBy(ApprovalTemplateEntity, { id: input.templateId });
      if (!template || !template.active || template.kind !== 'decision')
        throw new AppException('approval/template_not_found');
      const departmentId = await this.orgChart.primaryDepartmentOf(user.id, today);
      if (!departmentId) throw new AppException('approval/no_department');
      const binderId =
        (await requireActiveBinder(tx.em, input.binderId ?? null, departmentId)) ??
        (await this.binders.binderFor(tx, departmentId, fiscalYearOf(input.decidedOn), null));
      const receipt = input.receiptId ? await this.visibleReceipt(tx, user, input.receiptId) : null;
      const retention = input.retention ?? template.defaultRetention;
      const decidedAt = new Date(`${input.decidedOn}T12:00:00+09:00`);
      const secret = input.secret ?? false;
      const state: ApprovalState = {
        ...createApprovalState({
          kind: 'decision',
          drafterId: user.id,
          numberingTiming: template.numberingTiming,
          route: [],
        }),
        status: 'completed',
        version: 1,
        numbered: true,
        submittedAt: decidedAt.toISOString(),
        decidedAt: decidedAt.toISOString(),
        enforcement: { enforcedOn, method: '書面決定', recordedAt: new Date().toISOString() },
      };
      const doc = em.create(ApprovalDocumentEntity, {
        templateId: template.id,
        drafterId: user.id,
        departmentId,
        fiscalYear: fiscalYearOf(input.decidedOn),
        status: 'completed',
        number: null,
        title: input.title,
        body: input.body ?? '',
        fields: {},
        disclosure: 'public',
        classification: '',
        retention,
        plannedEnforcementOn: enforcedOn,
        counterparty: null,
        amount: null,
        consultations: [],
        reviewers: [],
        currentVersion: 1,
        lockVersion: 0,
        state,
        submittedAt: decidedAt,
        decidedAt,
        completedAt: new Date(`${enforcedOn}T12:00:00+09:00`),
        retentionEndsOn: retentionEndDate(enforcedOn, retentionPeriodOf(retention)),
        secret,
        secretUntil: secret ? (input.secretUntil ?? null) : null,
        binderId,
        paperReason: input.reason,
        paperDecidedBy: input.decidedBy,
        paperClientId: input.clientId,
      });
      doc.number = await this.actions.issueNumber(tx, doc);
      const saved = await em.save(doc);
      const file = await this.files.save(
        em,
        scan,
        {
          purpose: APPROVAL_ATTACHMENT_PURPOSE,
          maxBytes: APPROVAL_ATTACHMENT_MAX_BYTES,
          allowedTypes: APPROVAL_ATTACHMENT_TYPES,
          image: { maxSide: 6000, format: scan && /\.png$/i.test(scan.originalname) ? 'png' : 'jpeg' },
        },
        user.id,
      );
      await em.save(
        em.create(ApprovalAttachmentEntity, {
          documentId: saved.id,
          fileId: file.id,
          addedInVersion: 1,
          addedAfterSubmission: false,
          addedBy: user.id,
          removedInVersion: null,
        }),
      );
      const content = versionContent(saved, await this.attachments.forVersion(em, saved.id));
      await em.save(
        em.create(ApprovalDocumentVersionEntity, {
          documentId: saved.id,
          version: 1,
          content,
          hash: contentHash(content),
          createdBy: user.id,
        }),
      );
      if (receipt) {
        await em.query(
          `INSERT INTO records_receipt_link (receipt_id, document_id, kind, created_by) VALUES ($1, $2, 'reply', $3)`,
          [receipt.id, saved.id, user.id],
        );
        await em.query(
          `UPDATE records_receipt SET replied_on = $2, updated_at = now()
            WHERE id = $1 AND reply_required AND replied_on IS NULL`,
          [receipt.id, enforcedOn],
        );
      }
      await this.audit.append(tx, {
        type: 'records.paper_decision_registered',
        actorId: user.id,
        subject: saved.id,
        data: {
          number: saved.number,
          decidedOn: input.decidedOn,
          decidedBy: input.decidedBy,
          reason: input.reason,
          scan: { name: file.name, sha256: file.sha256, size: file.size },
          receiptId: receipt?.id ?? null,
        },
      });
      return { documentId: saved.id, number: saved.number ?? '', already: false };
    });
  }

  /** Marks a document secret (optionally until a day) or not: its drafter or an administrator, at any time. */
  async setSecrecy(user: AuthUser, id: string, input: SetSecrecy): Promise<Secrecy> {
    return this.uow.run(async (tx) => {
      const doc = await tx.em
        .createQueryBuilder(ApprovalDocumentEntity, 'd')
        .setLock('pessimistic_write')
        .where('d.id = :id', { id })
        .getOne();
      const template = doc ? await tx.em.findOneBy(ApprovalTemplateEntity, { id: doc.templateId }) : null;
      const found = await this.documents.requireVisible(user, doc, template);
      if (user.role !== 'admin' && found.drafterId !== user.id)
        throw new AppException('records/secrecy_not_allowed');
      const secretUntil = input.secret ? (input.secretUntil ?? null) : null;
      await tx.em.update(ApprovalDocumentEntity, { id }, { secret: input.secret, secretUntil });
      await this.audit.append(tx, {
        type: 'records.secrecy_changed',
        actorId: user.id,
        subject: id,
        data: {
          from: { secret: found.secret, secretUntil: found.secretUntil },
          secret: input.secret,
          secretUntil,
        },
      });
      return { secret: input.secret, secretUntil };
    });
  }

  /**
   * Opens documents and receipts whose 時限秘 ended before `today` (they are already open to their department by
   * the policies' date test; this records it in the audit chain and clears the mark). Answers how many.
   */
  async openExpiredSecrecy(today: string = tokyoDate()): Promise<number> {
    return this.uow.run(async (tx) => {
      const expired = async (table: 'approval_document' | 'records_receipt') => {
        const rows: { id: string; secret_until: string }[] = await tx.em.query(
          `SELECT id, to_char(secret_until, 'YYYY-MM-DD') AS secret_until FROM ${table}
            WHERE secret AND secret_until < $1::date FOR UPDATE`,
          [today],
        );
        if (rows.length)
          await tx.em.query(
            `UPDATE ${table} SET secret = false, secret_until = NULL WHERE id = ANY($1::uuid[])`,
            [rows.map((r) => r.id)],
          );
        return rows;
      };
      const docs = await expired('approval_document');
      const receipts = await expired('records_receipt');
      for (const [kind, rows] of [
        ['document', docs],
        ['receipt', receipts],
      ] as const)
        for (const row of rows)
          await this.audit.append(tx, {
            type: 'records.secrecy_ended',
            subject: row.id,
            data: { kind, secretUntil: row.secret_until },
          });
      return docs.length + receipts.length;
    });
  }

  private async visibleReceipt(tx: Tx, user: AuthUser, id: string): Promise<ReceiptAccessRow> {
    const rows: ReceiptAccessRow[] = await tx.em.query(
      `SELECT id, department_id, registered_by, secret, to_char(secret_until, 'YYYY-MM-DD') AS secret_until
         FROM records_receipt WHERE id = $1`,
      [id],
    );
    return this.receipts.requireVisible(user, rows[0]);
  }
}
