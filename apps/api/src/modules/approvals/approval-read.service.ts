import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  ApprovalBox,
  ApprovalDocument,
  ApprovalDocumentSummary,
  ApprovalInbox,
  ApprovalInboxCounts,
} from '@ringi/contracts';
import { allowedActions, assigneeKey, tokyoDate, type Assignee } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalAttachmentsService, mayAttach } from './approval-attachments.service';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { ApprovalRoutingService } from './approval-routing.service';
import { ApprovalActionEntity } from './entities/approval-action.entity';
import { ApprovalDocumentVersionEntity } from './entities/approval-document-version.entity';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

/** Acts that count as the person having handled a document (処理済み). */
const HANDLED = ['approve', 'decide', 'acknowledge', 'send_back', 'reject'];

/**
 * One box's condition on `d` (approval_document) for user `$1`, who acts today for the people `$2` (代決: the
 * principals of their registered deputy periods). Every box is an indexed query: the pending index
 * (approval_pending by user), the actions by actor, the documents by drafter.
 */
const BOX_CONDITION: Record<ApprovalBox, string> = {
  pending: `d.id IN (SELECT p.document_id FROM approval_pending p
                      WHERE (p.user_id = $1 OR p.user_id = ANY($2::uuid[])) AND p.step_kind <> 'review')`,
  review: `d.id IN (SELECT p.document_id FROM approval_pending p WHERE p.user_id = $1 AND p.step_kind = 'review')`,
  done: `d.id IN (SELECT a.document_id FROM approval_action a WHERE a.actor_id = $1 AND a.type IN ('${HANDLED.join("','")}'))`,
  drafting: `d.drafter_id = $1 AND d.status IN ('draft', 'sent_back', 'withdrawn')`,
  // Sent at least once and not back with the drafter (a draft given up before submission is in no box).
  submitted: `d.drafter_id = $1 AND d.submitted_at IS NOT NULL AND d.status NOT IN ('draft', 'sent_back', 'withdrawn')`,
};

/**
 * How many documents a box holds, from the index tables alone (index-only scans; see the migration
 * ApprovalInboxCountIndexes). The same sets as BOX_CONDITION: pending rows go with their document, and only
 * drafts (which have no such actions) can be deleted.
 */
const BOX_COUNT: Record<ApprovalBox, string> = {
  pending: `SELECT count(DISTINCT p.document_id)::int FROM approval_pending p
             WHERE (p.user_id = $1 OR p.user_id = ANY($2::uuid[])) AND p.step_kind <> 'review'`,
  review: `SELECT count(DISTINCT p.document_id)::int FROM approval_pending p WHERE p.user_id = $1 AND p.step_kind = 'review'`,
  done: `SELECT count(DISTINCT a.document_id)::int FROM approval_action a
          WHERE a.actor_id = $1 AND a.type IN ('${HANDLED.join("','")}')`,
  drafting: `SELECT count(*)::int FROM approval_document d WHERE ${BOX_CONDITION.drafting}`,
  submitted: `SELECT count(*)::int FROM approval_document d WHERE ${BOX_CONDITION.submitted}`,
};

const SUMMARY_COLUMNS = `d.id, d.template_id AS "templateId", t.name AS "templateName", d.title, d.status, d.number,
  d.fiscal_year AS "fiscalYear", d.drafter_id AS "drafterId", u.family_name || ' ' || u.given_name AS "drafterName",
  d.department_id AS "departmentId", dep.name AS "departmentName", d.amount, d.updated_at AS "updatedAt"`;
const SUMMARY_FROM = `approval_document d JOIN approval_template t ON t.id = d.template_id
  JOIN app_user u ON u.id = d.drafter_id JOIN department dep ON dep.id = d.department_id`;

type SummaryRow = Omit<ApprovalDocumentSummary, 'amount' | 'updatedAt'> & {
  amount: string | null;
  updatedAt: Date;
};

const summary = (r: SummaryRow): ApprovalDocumentSummary => ({
  ...r,
  amount: r.amount === null ? null : Number(r.amount),
  updatedAt: r.updatedAt.toISOString(),
});

/** What people read: a document with its route, history and versions, and the inbox lists with their counts. */
@Injectable()
export class ApprovalReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: ApprovalDocumentPolicy,
    private readonly routing: ApprovalRoutingService,
    private readonly orgChart: OrgChartService,
    private readonly attachments: ApprovalAttachmentsService,
  ) {}

  async document(user: AuthUser, id: string): Promise<ApprovalDocument> {
    const doc = await this.dataSource.getRepository(ApprovalDocumentEntity).findOneBy({ id });
    const template = doc
      ? await this.dataSource.getRepository(ApprovalTemplateEntity).findOneBy({ id: doc.templateId })
      : null;
    const resolved = doc ? await this.routing.resolveAll(doc.state, tokyoDate()) : undefined;
    const found = await this.policy.requireVisible(user, doc, template, resolved);
    const [row]: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE d.id = $1`,
      [id],
    );
    const actions = await this.dataSource
      .getRepository(ApprovalActionEntity)
      .find({ where: { documentId: id }, order: { id: 'ASC' } });
    const versions = await this.dataSource
      .getRepository(ApprovalDocumentVersionEntity)
      .find({ where: { documentId: id }, order: { version: 'ASC' } });
    const steps = found.state.stages.flatMap((s) => s.steps);
    const people = await this.names([
      ...steps.flatMap((s) => [...s.holders, ...(s.record ? [s.record.actorId] : [])]),
      ...steps.flatMap((s) => (s.assignee.type === 'user' ? [s.assignee.userId] : [])),
      ...actions.map((a) => a.actorId),
    ]);
    const labels = await this.assigneeLabels(steps.map((s) => s.assignee));
    const filing = await this.filing(found);
    const allowed = allowedActions(found.state, {
      actorId: user.id,
      at: new Date().toISOString(),
      deputyFor: await this.orgChart.principalsOf(user.id, tokyoDate()),
      isDocumentAdministrator: user.role === 'admin',
      resolve: (a) => resolved?.get(assigneeKey(a)) ?? (a.type === 'user' ? [a.userId] : []),
    });
    return {
      ...summary(row),
      body: found.body,
      fields: found.fields,
      disclosure: found.disclosure,
      classification: found.classification,
      retention: found.retention,
      plannedEnforcementOn: found.plannedEnforcementOn,
      counterparty: found.counterparty,
      consultations: found.consultations,
      reviewers: found.reviewers,
      currentVersion: found.currentVersion,
      lockVersion: found.lockVersion,
      submittedAt: found.submittedAt?.toISOString() ?? null,
      decidedAt: found.decidedAt?.toISOString() ?? null,
      completedAt: found.completedAt?.toISOString() ?? null,
      retentionEndsOn: found.retentionEndsOn,
      enforcement: found.state.enforcement,
      lawNumber: found.state.lawNumber,
      stages: found.state.stages.map((stage) => ({
        id: stage.id,
        mode: stage.mode,
        steps: stage.steps.map((s) => ({
          id: s.id,
          kind: s.kind,
          assignee: s.assignee,
          assigneeLabel: labels.get(assigneeKey(s.assignee)) ?? '',
          status: s.status,
          holders: s.holders.map((h) => ({ id: h, name: people.get(h) ?? '' })),
          activatedAt: s.activatedAt,
          record: s.record ? { ...s.record, onBehalfOf: [...s.record.onBehalfOf] } : null,
          actorName: s.record ? (people.get(s.record.actorId) ?? null) : null,
          addedFor: s.addedFor,
        })),
      })),
      attachments: await this.attachments.list(id),
      canAttach: mayAttach(user, found),
      allowedActions: allowed.map((a) => ({ ...a })),
      actions: actions.map((a) => ({
        id: a.id,
        type: a.type,
        actorId: a.actorId,
        actorName: people.get(a.actorId) ?? '',
        onBehalfOf: a.onBehalfOf,
        stepId: a.stepId,
        comment: a.comment,
        version: a.version,
        at: a.createdAt.toISOString(),
      })),
      versions: versions.map((v) => ({
        version: v.version,
        hash: v.hash,
        createdAt: v.createdAt.toISOString(),
        content: v.content,
      })),
      secret: found.secret,
      secretUntil: found.secretUntil,
      binderId: found.binderId,
      binderTitle: filing.binderTitle,
      paper:
        found.paperReason === null
          ? null
          : { reason: found.paperReason, decidedBy: found.paperDecidedBy ?? '' },
      receipts: filing.receipts,
    };
  }

  /**
   * The binder's title and the received documents (収受, records module) this document circulates or answers:
   * read by SQL here so that approvals does not depend on records (records depends on approvals).
   */
  private async filing(doc: ApprovalDocumentEntity): Promise<{
    binderTitle: string | null;
    receipts: { id: string; number: string; subject: string }[];
  }> {
    const [binder]: { title: string }[] = doc.binderId
      ? await this.dataSource.query(`SELECT title FROM records_binder WHERE id = $1`, [doc.binderId])
      : [];
    const receipts: { id: string; number: string; subject: string }[] = await this.dataSource.query(
      `SELECT r.id, r.number, r.subject FROM records_receipt_link l JOIN records_receipt r ON r.id = l.receipt_id
        WHERE l.document_id = $1 ORDER BY r.created_at`,
      [doc.id],
    );
    return { binderTitle: binder?.title ?? null, receipts };
  }

  async inbox(user: AuthUser, box: ApprovalBox, page: number, pageSize: number): Promise<ApprovalInbox> {
    const where = BOX_CONDITION[box];
    // Only the 未処理 box also lists the work of the people this user acts for today (`$2`).
    const params: unknown[] =
      box === 'pending' ? [user.id, await this.orgChart.principalsOf(user.id, tokyoDate())] : [user.id];
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where}
        ORDER BY d.updated_at DESC, d.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT (${BOX_COUNT[box]}) AS n`, params);
    return { items: rows.map(summary), total: n, page, pageSize };
  }

  async counts(userId: string): Promise<ApprovalInboxCounts> {
    const parts = (Object.keys(BOX_CONDITION) as ApprovalBox[]).map(
      (box) => `(${BOX_COUNT[box]}) AS "${box}"`,
    );
    const principals = await this.orgChart.principalsOf(userId, tokyoDate());
    const [row]: ApprovalInboxCounts[] = await this.dataSource.query(`SELECT ${parts.join(', ')}`, [
      userId,
      principals,
    ]);
    return row;
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, family_name || ' ' || given_name AS name FROM app_user WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** 総務課 課長, or a person's name. */
  private async assigneeLabels(assignees: Assignee[]): Promise<Map<string, string>> {
    const positions = assignees.flatMap((a) => (a.type === 'position' ? [a] : []));
    const users = await this.names(assignees.flatMap((a) => (a.type === 'user' ? [a.userId] : [])));
    const map = new Map<string, string>();
    for (const a of assignees) if (a.type === 'user') map.set(assigneeKey(a), users.get(a.userId) ?? '');
    if (positions.length) {
      const rows: { d: string; p: string; dn: string; pn: string }[] = await this.dataSource.query(
        `SELECT d.id AS d, p.id AS p, d.name AS dn, p.name AS pn
           FROM department d CROSS JOIN position p WHERE d.id = ANY($1::uuid[]) AND p.id = ANY($2::uuid[])`,
        [
          [...new Set(positions.map((a) => a.departmentId))],
          [...new Set(positions.map((a) => a.positionId))],
        ],
      );
      const label = new Map(rows.map((r) => [`${r.p}@${r.d}`, `${r.dn} ${r.pn}`]));
      for (const a of positions)
        map.set(assigneeKey(a), label.get(`${a.positionId}@${a.departmentId}`) ?? '');
    }
    return map;
  }
}
