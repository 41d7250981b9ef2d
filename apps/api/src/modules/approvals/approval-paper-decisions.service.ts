import { Injectable } from '@nestjs/common';
import {
  APPROVAL_ATTACHMENT_MAX_BYTES,
  APPROVAL_ATTACHMENT_TYPES,
  type ApprovalRetention,
} from '@ringi/contracts';
import {
  createApprovalState,
  fiscalYearOf,
  retentionEndDate,
  retentionPeriodOf,
  tokyoDate,
  type ApprovalState,
} from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import type { Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalActionsService } from './approval-actions.service';
import { APPROVAL_ATTACHMENT_PURPOSE, ApprovalAttachmentsService } from './approval-attachments.service';
import { contentHash, versionContent } from './approval-content';
import { ApprovalAttachmentEntity } from './entities/approval-attachment.entity';
import { ApprovalDocumentVersionEntity } from './entities/approval-document-version.entity';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

/** What a decision made on paper is registered with (checked by the caller's schema). */
export interface PaperDecisionInput {
  templateId: string;
  title: string;
  body: string;
  decidedOn: string;
  enforcedOn: string;
  decidedBy: string;
  reason: string;
  retention?: ApprovalRetention;
  secret: boolean;
  secretUntil: string | null;
  clientId: string;
}

/**
 * 書面決定: a decision that had to be made on paper, registered afterwards (for the records module) as a complete
 * document of the registering person's department, with the next number of the counter electronic decisions take
 * (so the register has no hole), its scan as the attachment of version 1 (hashed like any version), the reason and
 * who decided.
 */
@Injectable()
export class ApprovalPaperDecisionsService {
  constructor(
    private readonly files: FilesService,
    private readonly orgChart: OrgChartService,
    private readonly actions: ApprovalActionsService,
    private readonly attachments: ApprovalAttachmentsService,
  ) {}

  /** The registration of this client id, if there is one (a resend), as long as it is this person's. */
  async registered(tx: Tx, user: AuthUser, clientId: string): Promise<{ id: string; number: string } | null> {
    const [row]: { id: string; number: string; drafter_id: string }[] = await tx.em.query(
      `SELECT id, number, drafter_id FROM approval_document WHERE paper_client_id = $1`,
      [clientId],
    );
    if (!row) return null;
    if (row.drafter_id !== user.id) throw new AppException('approval/document_not_found');
    return { id: row.id, number: row.number };
  }

  /**
   * Registers it inside `tx`; `binderFor` names the binder for the person's department and the 年度 of the
   * decision (the records module's choice). Answers the new document's id and number.
   */
  async register(
    tx: Tx,
    user: AuthUser,
    input: PaperDecisionInput,
    scan: UploadedFile | undefined,
    binderFor: (departmentId: string, fiscalYear: number) => Promise<string | null>,
  ): Promise<{ id: string; number: string; scan: { name: string; sha256: string; size: number } }> {
    const { em } = tx;
    const today = tokyoDate();
    if (input.decidedOn > today || input.enforcedOn > today)
      throw new AppException('records/paper_decided_in_future');
    const template = await em.findOneBy(ApprovalTemplateEntity, { id: input.templateId });
    if (!template || !template.active || template.kind !== 'decision')
      throw new AppException('approval/template_not_found');
    const departmentId = await this.orgChart.primaryDepartmentOf(user.id, today);
    if (!departmentId) throw new AppException('approval/no_department');
    const fiscalYear = fiscalYearOf(input.decidedOn);
    const binderId = await binderFor(departmentId, fiscalYear);
    const retention = input.retention ?? template.defaultRetention;
    const decidedAt = new Date(`${input.decidedOn}T12:00:00+09:00`);
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
      enforcement: { enforcedOn: input.enforcedOn, method: '書面決定', recordedAt: new Date().toISOString() },
    };
    const doc = em.create(ApprovalDocumentEntity, {
      templateId: template.id,
      drafterId: user.id,
      departmentId,
      fiscalYear,
      status: 'completed',
      number: null,
      title: input.title,
      body: input.body,
      fields: {},
      disclosure: 'public',
      classification: '',
      retention,
      plannedEnforcementOn: input.enforcedOn,
      counterparty: null,
      amount: null,
      consultations: [],
      reviewers: [],
      currentVersion: 1,
      lockVersion: 0,
      state,
      submittedAt: decidedAt,
      decidedAt,
      completedAt: new Date(`${input.enforcedOn}T12:00:00+09:00`),
      retentionEndsOn: retentionEndDate(input.enforcedOn, retentionPeriodOf(retention)),
      secret: input.secret,
      secretUntil: input.secret ? input.secretUntil : null,
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
    return {
      id: saved.id,
      number: saved.number ?? '',
      scan: { name: file.name, sha256: file.sha256, size: file.size },
    };
  }
}
