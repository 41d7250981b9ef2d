import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CreatePaperDecision, PaperDecisionResult, Secrecy, SetSecrecy } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import type { UploadedFile } from '../../core/files/files.service';
import { JobsService } from '../../core/jobs/jobs.service';
import { ApprovalPaperDecisionsService } from '../approvals/approval-paper-decisions.service';
import { ApprovalReadService } from '../approvals/approval-read.service';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
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
    private readonly jobs: JobsService,
    private readonly paper: ApprovalPaperDecisionsService,
    private readonly approvals: ApprovalReadService,
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
    return this.uow.runRetrying(async (tx) => {
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
        await tx.em.query(`UPDATE approval_document SET binder_id = $2 WHERE id = $1`, [row.id, binderId]);
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
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const existing = await this.paper.registered(tx, user, input.clientId);
      if (existing) return { documentId: existing.id, number: existing.number, already: true };
      const receipt = input.receiptId ? await this.visibleReceipt(tx, user, input.receiptId) : null;
      const enforcedOn = input.enforcedOn ?? input.decidedOn;
      const secret = input.secret ?? false;
      const registered = await this.paper.register(
        tx,
        user,
        {
          templateId: input.templateId,
          title: input.title,
          body: input.body ?? '',
          decidedOn: input.decidedOn,
          enforcedOn,
          decidedBy: input.decidedBy,
          reason: input.reason,
          retention: input.retention,
          secret,
          secretUntil: secret ? (input.secretUntil ?? null) : null,
          clientId: input.clientId,
        },
        scan,
        // The binder chosen (of the department or one above it), else the department's 庶務一般 of the 年度.
        async (departmentId, fiscalYear) =>
          (await requireActiveBinder(em, input.binderId ?? null, departmentId)) ??
          (await this.binders.binderFor(tx, departmentId, fiscalYear, null)),
      );
      if (receipt) {
        await em.query(
          `INSERT INTO records_receipt_link (receipt_id, document_id, kind, created_by) VALUES ($1, $2, 'reply', $3)`,
          [receipt.id, registered.id, user.id],
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
        subject: registered.id,
        data: {
          number: registered.number,
          decidedOn: input.decidedOn,
          decidedBy: input.decidedBy,
          reason: input.reason,
          scan: registered.scan,
          receiptId: receipt?.id ?? null,
        },
      });
      return { documentId: registered.id, number: registered.number, already: false };
    });
  }

  /** Marks a document secret (optionally until a day) or not: its drafter or an administrator, at any time. */
  async setSecrecy(user: AuthUser, id: string, input: SetSecrecy): Promise<Secrecy> {
    // The document as this person may see it (404 otherwise), through approvals' own policy.
    const doc = await this.approvals.document(user, id);
    if (user.role !== 'admin' && doc.drafterId !== user.id)
      throw new AppException('records/secrecy_not_allowed');
    const secretUntil = input.secret ? (input.secretUntil ?? null) : null;
    return this.uow.run(async (tx) => {
      await tx.em.query(`UPDATE approval_document SET secret = $2, secret_until = $3 WHERE id = $1`, [
        id,
        input.secret,
        secretUntil,
      ]);
      await this.audit.append(tx, {
        type: 'records.secrecy_changed',
        actorId: user.id,
        subject: id,
        data: {
          from: { secret: doc.secret, secretUntil: doc.secretUntil },
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
