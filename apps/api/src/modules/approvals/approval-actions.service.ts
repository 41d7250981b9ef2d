import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { ApprovalActionInput, ApprovalActionRequest, ErrorCode } from '@ringi/contracts';
import {
  APPROVAL_ERROR_STATUS,
  applyAction,
  assigneeKey,
  formatDocumentNumber,
  retentionEndDate,
  tokyoDate,
  type ActionContext,
  type ApprovalAction,
  type ApprovalEvent,
  type ApprovalState,
  type RetentionPeriod,
} from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { checkFields, contentHash, versionContent } from './approval-content';
import { ApprovalDocumentPolicy } from './approval-document.policy';
import { assigneeLabelOn, superiorsOf } from './approval-reroute';
import { ApprovalRoutingService } from './approval-routing.service';
import {
  APPROVAL_INBOX_CHANGED,
  APPROVAL_STATUS_CHANGED,
  APPROVAL_STEP_ACTIVATED,
  APPROVAL_STEP_VACANT,
  type ApprovalInboxChangedEvent,
  type ApprovalStatusChangedEvent,
  type ApprovalStepActivatedEvent,
  type ApprovalStepVacantEvent,
} from './approvals.events';
import { ApprovalActionEntity } from './entities/approval-action.entity';
import { ApprovalDocumentVersionEntity } from './entities/approval-document-version.entity';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalPendingEntity } from './entities/approval-pending.entity';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';

const WITH_DRAFTER = ['draft', 'sent_back', 'withdrawn'];

function isApprovalError(code: string): code is keyof typeof APPROVAL_ERROR_STATUS & ErrorCode {
  return code in APPROVAL_ERROR_STATUS;
}

/**
 * Every action on a submitted (or submitting) document, through the domain's `applyAction`, in one unit of work:
 * the document row is locked (`SELECT … FOR UPDATE`), the client's `lockVersion` checked (a second actor on the
 * same state gets 409), a repeated idempotency key answers without acting again, and the version row, the
 * number, the action row, the index of who must act and the audit event are written together.
 */
@Injectable()
export class ApprovalActionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly routing: ApprovalRoutingService,
    private readonly policy: ApprovalDocumentPolicy,
    private readonly events: EventEmitter2,
    private readonly orgChart: OrgChartService,
    private readonly attachments: ApprovalAttachmentsService,
  ) {}

  async act(
    user: AuthUser,
    id: string,
    body: ApprovalActionRequest,
    headerKey: string | null,
  ): Promise<void> {
    const key = headerKey ?? body.clientActionId ?? null;
    const request = body.action;
    await this.uow.run(async (tx) => {
      const { em } = tx;
      const doc = await em
        .createQueryBuilder(ApprovalDocumentEntity, 'd')
        .setLock('pessimistic_write')
        .where('d.id = :id', { id })
        .getOne();
      const template = doc ? await em.findOneBy(ApprovalTemplateEntity, { id: doc.templateId }) : null;
      const today = tokyoDate();
      const resolvedBefore = doc ? await this.routing.resolveAll(doc.state, today) : undefined;
      await this.policy.requireVisible(user, doc, template, resolvedBefore);
      const document = doc as ApprovalDocumentEntity;
      const tmpl = template as ApprovalTemplateEntity;

      // The same request again: it acted once already, answer with the document as it is.
      if (key && (await em.existsBy(ApprovalActionEntity, { actorId: user.id, idempotencyKey: key }))) return;
      if (document.lockVersion !== body.lockVersion)
        throw new AppException('approval/document_changed', [
          { path: ['status'], message: document.status },
          { path: ['lockVersion'], message: String(document.lockVersion) },
        ]);

      const at = new Date();
      // 代決: the people this actor may act for today (registered deputies of absent approvers).
      const deputyFor = await this.orgChart.principalsOf(user.id, today);
      let state = document.state;
      const events: ApprovalEvent[] = [];
      if (request.type === 'submit' && WITH_DRAFTER.includes(document.status)) {
        if (document.drafterId !== user.id) throw new AppException('approval/not_the_drafter');
        checkFields(tmpl, document.fields, true);
        // The route as the org chart and the 専決規程 stand today.
        const route = await this.routing.defaultRoute({
          kind: tmpl.kind,
          drafterId: document.drafterId,
          departmentId: document.departmentId,
          category: tmpl.category,
          amount: document.amount === null ? null : Number(document.amount),
          consultations: document.consultations,
          reviewers: document.reviewers,
          on: today,
        });
        state = this.apply(state, { type: 'set_route', route }, user, at, new Map(), events, []);
      }
      const resolved = await this.routing.resolveAll(state, today);
      const previousPending = new Set(
        state.stages.flatMap((s) => s.steps).flatMap((s) => (s.status === 'active' ? s.holders : [])),
      );
      state = this.apply(state, toDomainAction(request), user, at, resolved, events, deputyFor);

      const from = document.status;
      await this.applyEffects(tx, document, events, user, at);
      document.state = state;
      document.status = state.status;
      document.lockVersion += 1;
      document.updatedAt = at;
      await em.save(document);
      const pending = await this.syncPending(tx, document);

      const record = events.find((e) => e.type === 'step_acted');
      await em.save(
        em.create(ApprovalActionEntity, {
          documentId: document.id,
          type: request.type,
          actorId: user.id,
          onBehalfOf: record?.type === 'step_acted' ? [...record.record.onBehalfOf] : [],
          stepId: 'stepId' in request && request.stepId ? request.stepId : null,
          comment: commentOf(request),
          version: state.version,
          idempotencyKey: key,
        }),
      );
      const version = await em.findOneBy(ApprovalDocumentVersionEntity, {
        documentId: document.id,
        version: document.currentVersion,
      });
      await this.audit.append(tx, {
        type: 'approval.action',
        actorId: user.id,
        subject: document.id,
        data: {
          action: request.type,
          stepId: 'stepId' in request ? (request.stepId ?? null) : null,
          events: events.map((e) => e.type),
          status: state.status,
          number: document.number,
          version: document.currentVersion,
          versionHash: version?.hash ?? null,
        },
      });
      const vacant = await this.vacantSteps(document, events, today);
      this.announce(tx, document, from, user, request, events, vacant, [
        ...previousPending,
        ...pending,
        document.drafterId,
        user.id,
      ]);
    });
  }

  private apply(
    state: ApprovalState,
    action: ApprovalAction,
    user: AuthUser,
    at: Date,
    resolved: Map<string, string[]>,
    events: ApprovalEvent[],
    deputyFor: readonly string[],
  ): ApprovalState {
    const context: ActionContext = {
      actorId: user.id,
      at: at.toISOString(),
      deputyFor,
      isDocumentAdministrator: user.role === 'admin',
      // A person the state machine adds on the way (後閲 for the approver a deputy acted for) is that person.
      resolve: (assignee) =>
        resolved.get(assigneeKey(assignee)) ?? (assignee.type === 'user' ? [assignee.userId] : []),
    };
    const result = applyAction(state, action, context);
    if (!result.ok) {
      const code = isApprovalError(result.error) ? result.error : 'internal/unexpected';
      throw new AppException(
        code,
        result.details?.map((p) => ({
          path: ['route', p.stage, ...(p.step === undefined ? [] : [p.step])],
          message: p.code,
        })),
      );
    }
    events.push(...result.events);
    return result.state;
  }

  /** Versions, the number, and the dates the events call for. */
  private async applyEffects(
    tx: Tx,
    doc: ApprovalDocumentEntity,
    events: ApprovalEvent[],
    user: AuthUser,
    at: Date,
  ): Promise<void> {
    const { em } = tx;
    for (const event of events) {
      switch (event.type) {
        case 'submitted': {
          doc.currentVersion = event.version;
          doc.submittedAt = at;
          const content = versionContent(doc, await this.attachments.forVersion(em, doc.id));
          await em.save(
            em.create(ApprovalDocumentVersionEntity, {
              documentId: doc.id,
              version: event.version,
              content,
              hash: contentHash(content),
              createdBy: user.id,
            }),
          );
          break;
        }
        case 'number_due':
          doc.number = await this.issueNumber(tx, doc);
          break;
        case 'decided':
          doc.decidedAt = at;
          break;
        case 'enforced':
        case 'circulated': {
          doc.completedAt = at;
          const completedOn = event.type === 'enforced' ? event.enforcedOn : tokyoDate(at);
          const period: RetentionPeriod =
            doc.retention === 'permanent' ? 'permanent' : (Number(doc.retention) as RetentionPeriod);
          doc.retentionEndsOn = retentionEndDate(completedOn, period);
          break;
        }
      }
    }
  }

  /**
   * The next serial of the department's prefix for the document's 年度, under the counter row's lock (also for a
   * decision made on paper, registered by the records module, so the register has no hole).
   */
  async issueNumber(tx: Tx, doc: ApprovalDocumentEntity): Promise<string> {
    const prefix = await this.routing.numberPrefix(doc.departmentId, tokyoDate());
    const [{ last_serial }]: { last_serial: number }[] = await tx.em.query(
      `INSERT INTO approval_number_counter (prefix, fiscal_year, last_serial) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, fiscal_year) DO UPDATE SET last_serial = approval_number_counter.last_serial + 1
       RETURNING last_serial`,
      [prefix, doc.fiscalYear],
    );
    return formatDocumentNumber({ prefix, serial: last_serial });
  }

  /** Rewrites who must act on the document from its state; returns the people who must act now. */
  private async syncPending(tx: Tx, doc: ApprovalDocumentEntity): Promise<string[]> {
    const { em } = tx;
    await em.delete(ApprovalPendingEntity, { documentId: doc.id });
    const rows = doc.state.stages
      .flatMap((s) => s.steps)
      .filter((s) => s.status === 'active')
      .flatMap((s) =>
        [...new Set(s.holders)].map((userId) =>
          em.create(ApprovalPendingEntity, {
            documentId: doc.id,
            stepId: s.id,
            userId,
            stepKind: s.kind,
            activatedAt: s.activatedAt ? new Date(s.activatedAt) : new Date(),
          }),
        ),
      );
    if (rows.length) await em.insert(ApprovalPendingEntity, rows);
    return rows.map((r) => r.userId);
  }

  /**
   * Steps that became active with nobody holding their position today (空席): who must hear of it. The
   * superiors on the route may act in their place (引き上げ); for a vacant 決裁 the drafter is told.
   */
  private async vacantSteps(
    doc: ApprovalDocumentEntity,
    events: ApprovalEvent[],
    today: string,
  ): Promise<ApprovalStepVacantEvent[]> {
    const ids = events.flatMap((e) => (e.type === 'step_without_holder' ? [e.stepId] : []));
    if (!ids.length) return [];
    const holders = await this.routing.resolveAll(doc.state, today);
    const steps = doc.state.stages.flatMap((s) => s.steps);
    const vacant: ApprovalStepVacantEvent[] = [];
    for (const stepId of ids) {
      const step = steps.find((s) => s.id === stepId);
      if (!step) continue;
      vacant.push({
        documentId: doc.id,
        title: doc.title,
        stepId,
        stepKind: step.kind,
        assigneeLabel: await assigneeLabelOn((sql, p) => this.uow.query(sql, p), step.assignee, today),
        superiorIds: superiorsOf(doc.state, stepId, holders),
        drafterId: doc.drafterId,
      });
    }
    return vacant;
  }

  private announce(
    tx: Tx,
    doc: ApprovalDocumentEntity,
    from: string,
    user: AuthUser,
    request: ApprovalActionInput,
    events: ApprovalEvent[],
    vacant: ApprovalStepVacantEvent[],
    affected: string[],
  ): void {
    const { id, title, drafterId, status, state } = doc;
    const reason = request.type === 'send_back' || request.type === 'reject' ? request.reason : null;
    tx.afterCommit(() => {
      for (const e of events)
        if (e.type === 'step_activated' && e.holders.length) {
          const step = state.stages.flatMap((s) => s.steps).find((s) => s.id === e.stepId);
          this.events.emit(APPROVAL_STEP_ACTIVATED, {
            documentId: id,
            title,
            stepId: e.stepId,
            stepKind: step?.kind ?? 'approve',
            userIds: [...e.holders],
          } satisfies ApprovalStepActivatedEvent);
        }
      for (const v of vacant) this.events.emit(APPROVAL_STEP_VACANT, v);
      if (from !== status)
        this.events.emit(APPROVAL_STATUS_CHANGED, {
          documentId: id,
          title,
          drafterId,
          actorId: user.id,
          from: from as ApprovalStatusChangedEvent['from'],
          to: status,
          reason,
        } satisfies ApprovalStatusChangedEvent);
      this.events.emit(APPROVAL_INBOX_CHANGED, {
        userIds: [...new Set(affected)],
      } satisfies ApprovalInboxChangedEvent);
    });
  }
}

function toDomainAction(request: ApprovalActionInput): ApprovalAction {
  return request;
}

function commentOf(request: ApprovalActionInput): string | null {
  switch (request.type) {
    case 'approve':
    case 'decide':
    case 'acknowledge':
      return request.comment ?? null;
    case 'send_back':
    case 'reject':
      return request.reason;
    case 'comment':
      return request.text;
    case 'enforce':
      return `${request.enforcedOn} ${request.method}`;
    case 'record_law_number':
      return request.lawNumber;
    default:
      return null;
  }
}
