import { Injectable } from '@nestjs/common';
import type { CreateApprovalDraftRequest, UpdateApprovalDraftRequest } from '@ringi/contracts';
import {
  applyAction,
  createApprovalState,
  draftableFiscalYears,
  fiscalYearOf,
  isSecretOn,
  tokyoDate,
  type ApprovalState,
  type Assignee,
  type ConsultationStage,
} from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { checkFields } from './approval-content';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { ApprovalRoutingService } from './approval-routing.service';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';
import { APPROVAL_INBOX_CHANGED, type ApprovalInboxChangedEvent } from './approvals.events';
import { EventEmitter2 } from '@nestjs/event-emitter';

type CreateInput = Omit<
  CreateApprovalDraftRequest,
  | 'body'
  | 'fields'
  | 'disclosure'
  | 'classification'
  | 'plannedEnforcementOn'
  | 'counterparty'
  | 'amount'
  | 'consultations'
  | 'reviewers'
> &
  Required<
    Pick<
      CreateApprovalDraftRequest,
      | 'body'
      | 'fields'
      | 'disclosure'
      | 'classification'
      | 'plannedEnforcementOn'
      | 'counterparty'
      | 'amount'
      | 'consultations'
      | 'reviewers'
    >
  >;

const WITH_DRAFTER = ['draft', 'sent_back', 'withdrawn'];

/**
 * 起案: create, save and copy (引用起案) drafts. The route is the default one (the drafter's chain up to the
 * 専決規程's decider, with the drafter's 合議 and 後閲), recomputed on every save and again on submission.
 */
@Injectable()
export class ApprovalDraftsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly orgChart: OrgChartService,
    private readonly routing: ApprovalRoutingService,
    private readonly policy: ApprovalDocumentPolicy,
    private readonly events: EventEmitter2,
    private readonly attachments: ApprovalAttachmentsService,
  ) {}

  async create(user: AuthUser, input: CreateInput): Promise<string> {
    const today = tokyoDate();
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const template = await em.findOneBy(ApprovalTemplateEntity, { id: input.templateId });
      if (!template) throw new AppException('approval/template_not_found');
      if (!template.active) throw new AppException('approval/template_inactive');
      const departmentId = await this.orgChart.primaryDepartmentOf(user.id, today);
      if (!departmentId) throw new AppException('approval/no_department');
      const fiscalYear = input.fiscalYear ?? fiscalYearOf(today);
      if (!draftableFiscalYears(today).includes(fiscalYear))
        throw new AppException('approval/fiscal_year_not_allowed');
      this.checkFinancial(template, input.counterparty, input.amount);
      checkFields(template, input.fields, false);
      await this.routing.requireAssigneesExist(assigneesOf(input.consultations, input.reviewers));
      const doc = em.create(ApprovalDocumentEntity, {
        templateId: template.id,
        drafterId: user.id,
        departmentId,
        fiscalYear,
        status: 'draft',
        number: null,
        title: input.title,
        body: input.body,
        fields: input.fields,
        disclosure: input.disclosure,
        classification: input.classification,
        retention: input.retention ?? template.defaultRetention,
        plannedEnforcementOn: input.plannedEnforcementOn,
        counterparty: input.counterparty,
        amount: input.amount === null ? null : String(input.amount),
        consultations: input.consultations,
        reviewers: input.reviewers,
        secret: input.secret ?? false,
        secretUntil: input.secret ? (input.secretUntil ?? null) : null,
        binderId: await this.requireBinder(tx, input.binderId ?? null, departmentId),
        currentVersion: 1,
        lockVersion: 0,
        state: createApprovalState({
          kind: template.kind,
          drafterId: user.id,
          numberingTiming: template.numberingTiming,
          route: [],
        }),
      });
      doc.state = await this.withDefaultRoute(doc, template, user, today);
      const saved = await em.save(doc);
      await this.audit.append(tx, {
        type: 'approval.draft_created',
        actorId: user.id,
        subject: saved.id,
        data: { templateId: template.id, title: saved.title },
      });
      this.announce(tx, [user.id]);
      return saved.id;
    });
  }

  /**
   * A draft made from elsewhere (「起案にする」 in chat): the town's general template (code GENERAL, else the first
   * active template that is neither financial nor has required fields), the given title and body, and the given
   * stored files attached as copies (same bytes, a new file row readable as this document's attachment).
   */
  async createFromText(
    user: AuthUser,
    input: { title: string; body: string; files: { id: string }[] },
  ): Promise<string> {
    return this.uow.run(async (tx) => {
      const templates: { id: string }[] = await tx.em.query(
        `SELECT id FROM approval_template
          WHERE active AND NOT financial AND kind = 'decision'
          ORDER BY (code = 'GENERAL') DESC, created_at LIMIT 1`,
      );
      if (!templates[0]) throw new AppException('approval/template_not_found');
      const id = await this.create(user, {
        templateId: templates[0].id,
        title: input.title,
        body: input.body,
        fields: {},
        disclosure: 'public',
        classification: '',
        plannedEnforcementOn: null,
        counterparty: null,
        amount: null,
        consultations: [],
        reviewers: [],
      });
      await this.attachments.copyFiles(
        tx,
        id,
        input.files.map((f) => f.id),
        user,
      );
      return id;
    });
  }

  async update(user: AuthUser, id: string, patch: UpdateApprovalDraftRequest): Promise<void> {
    const today = tokyoDate();
    await this.uow.run(async (tx) => {
      const { em } = tx;
      const { doc, template } = await this.lockForDrafter(tx, user, id);
      if (doc.lockVersion !== patch.lockVersion) throw new AppException('approval/document_changed');
      const { lockVersion: _seen, amount, ...rest } = patch;
      void _seen;
      Object.assign(doc, rest);
      if (!doc.secret) doc.secretUntil = null;
      if (rest.binderId !== undefined) await this.requireBinder(tx, doc.binderId, doc.departmentId);
      if (amount !== undefined) doc.amount = amount === null ? null : String(amount);
      if (patch.fiscalYear !== undefined && !draftableFiscalYears(today).includes(patch.fiscalYear))
        throw new AppException('approval/fiscal_year_not_allowed');
      this.checkFinancial(template, doc.counterparty, doc.amount === null ? null : Number(doc.amount));
      checkFields(template, doc.fields, false);
      await this.routing.requireAssigneesExist(assigneesOf(doc.consultations, doc.reviewers));
      doc.state = await this.withDefaultRoute(doc, template, user, today);
      doc.lockVersion += 1;
      doc.updatedAt = new Date();
      await em.save(doc);
      await this.audit.append(tx, {
        type: 'approval.draft_updated',
        actorId: user.id,
        subject: id,
        data: { fields: Object.keys(rest) },
      });
      this.announce(tx, [user.id]);
    });
  }

  /**
   * 引用起案: a new draft with the content, 合議/後閲 and attachments of a document the user may see; a copy of a
   * secret document (still secret today) is secret too.
   */
  async copy(user: AuthUser, id: string): Promise<string> {
    return this.uow.run(async (tx) => {
      const doc = await tx.em.findOneBy(ApprovalDocumentEntity, { id });
      const template = doc ? await tx.em.findOneBy(ApprovalTemplateEntity, { id: doc.templateId }) : null;
      const source = await this.policy.requireVisible(user, doc, template);
      const copyId = await this.createFrom(user, source);
      await this.attachments.copyInto(tx, source.id, copyId, user);
      return copyId;
    });
  }

  private createFrom(user: AuthUser, source: ApprovalDocumentEntity): Promise<string> {
    return this.create(user, {
      templateId: source.templateId,
      title: source.title,
      body: source.body,
      fields: source.fields,
      disclosure: source.disclosure,
      classification: source.classification,
      retention: source.retention,
      plannedEnforcementOn: null,
      counterparty: source.counterparty,
      amount: source.amount === null ? null : Number(source.amount),
      consultations: source.consultations,
      reviewers: source.reviewers,
      secret: isSecretOn(source, tokyoDate()),
      secretUntil: isSecretOn(source, tokyoDate()) ? source.secretUntil : null,
    });
  }

  /** The document locked for its drafter while it is with them (起案中, 差戻し, 引戻し). */
  private async lockForDrafter(tx: Tx, user: AuthUser, id: string) {
    const doc = await tx.em
      .createQueryBuilder(ApprovalDocumentEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    const template = doc ? await tx.em.findOneBy(ApprovalTemplateEntity, { id: doc.templateId }) : null;
    await this.policy.requireVisible(user, doc, template);
    const found = doc as ApprovalDocumentEntity;
    this.policy.requireDrafter(user, found);
    if (!WITH_DRAFTER.includes(found.status)) throw new AppException('approval/not_editable');
    return { doc: found, template: template as ApprovalTemplateEntity };
  }

  /**
   * A binder (簿冊, records module) chosen for a draft must be one still in use of its department or of one
   * above it (a 係's document in its 課's binder); read by SQL so that approvals does not depend on records.
   */
  private async requireBinder(tx: Tx, binderId: string | null, departmentId: string): Promise<string | null> {
    if (binderId === null) return null;
    const [row]: { ok: boolean }[] = await tx.em.query(
      `SELECT TRUE AS ok FROM records_binder b
      WHERE b.id = $1 AND b.status = 'active' AND b.department_id IN (
        WITH RECURSIVE up AS (
          SELECT $2::uuid AS id, 0 AS depth
          UNION
          SELECT v.parent_id, up.depth + 1 FROM department_version v JOIN up ON v.department_id = up.id
           WHERE v.parent_id IS NOT NULL AND v.valid_from <= CURRENT_DATE
             AND (v.valid_to IS NULL OR v.valid_to >= CURRENT_DATE) AND up.depth < 20)
        SELECT id FROM up)`,
      [binderId, departmentId],
    );
    if (!row) throw new AppException('approval/binder_not_allowed');
    return binderId;
  }

  private checkFinancial(
    template: ApprovalTemplateEntity,
    counterparty: string | null,
    amount: number | null,
  ) {
    if (!template.financial && (counterparty !== null || amount !== null))
      throw new AppException('approval/invalid_fields', [
        { path: [counterparty !== null ? 'counterparty' : 'amount'], message: 'not a financial template' },
      ]);
  }

  /**
   * The state with the default route set, when one can be found today; otherwise the state as it was (the
   * submission recomputes it and answers why there is none).
   */
  private async withDefaultRoute(
    doc: ApprovalDocumentEntity,
    template: ApprovalTemplateEntity,
    user: AuthUser,
    today: string,
  ): Promise<ApprovalState> {
    const route = await this.routing
      .defaultRoute({
        kind: template.kind,
        drafterId: doc.drafterId,
        departmentId: doc.departmentId,
        category: template.category,
        amount: doc.amount === null ? null : Number(doc.amount),
        consultations: doc.consultations,
        reviewers: doc.reviewers,
        on: today,
      })
      .catch(() => null);
    if (!route) return doc.state;
    const result = applyAction(
      doc.state,
      { type: 'set_route', route },
      { actorId: user.id, at: new Date().toISOString(), resolve: () => [] },
    );
    return result.ok ? result.state : doc.state;
  }

  private announce(tx: Tx, userIds: string[]): void {
    tx.afterCommit(() =>
      this.events.emit(APPROVAL_INBOX_CHANGED, { userIds } satisfies ApprovalInboxChangedEvent),
    );
  }
}

function assigneesOf(
  consultations: readonly ConsultationStage[],
  reviewers: readonly Assignee[],
): Assignee[] {
  return [...consultations.flatMap((c) => c.assignees), ...reviewers];
}
