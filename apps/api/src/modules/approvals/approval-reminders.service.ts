import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AUDIT_TYPES, type AuditType } from '@ringi/contracts';
import { isWorkingDay, tokyoDate, type ApprovalState, type Assignee } from '@ringi/domain';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { AuditService } from '../../core/audit/audit.service';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { JobsService } from '../../core/jobs/jobs.service';
import { OrgChartService } from '../org/org-chart.service';
import { ORG_CHANGED, type OrgChangedEvent } from '../org/org.events';
import { dueReminders, type DueReminder } from './approval-reminders.rules';
import { assigneeLabelOn, rerouteState, superiorsOf, type StepReroute } from './approval-reroute';
import { ApprovalRoutingService } from './approval-routing.service';
import {
  APPROVAL_INBOX_CHANGED,
  APPROVAL_REMINDER_DUE,
  APPROVAL_STEP_ACTIVATED,
  APPROVAL_STEP_VACANT,
  type ApprovalInboxChangedEvent,
  type ApprovalReminderDueEvent,
  type ApprovalStepActivatedEvent,
  type ApprovalStepVacantEvent,
} from './approvals.events';
import { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { ApprovalPendingEntity } from './entities/approval-pending.entity';

/** The queue whose (scheduled) job looks for the reminders due and queues one job per reminder. */
export const APPROVAL_REMINDERS_QUEUE = 'approval.reminders';
/** The queue of single reminders (sent with `once` = the reminder's key). */
export const APPROVAL_REMIND_QUEUE = 'approval.remind';
/** The queue whose (scheduled) job resolves active steps again to who holds their position that day. */
export const APPROVAL_REROUTE_QUEUE = 'approval.reroute';

/** Kept for callers of the earlier name: the org module's `org.changed` (see `org/org.events.ts`). */
export const ORG_CHANGED_EVENT = ORG_CHANGED;

/** One document whose active steps changed holders. */
export interface RerouteResult {
  documentId: string;
  changes: StepReroute[];
}

/**
 * The audit type named `wanted` once the shared list of audit types has it; until then an `approval.action`
 * event whose data says what it was (`action: 'reroute' | 'remind'`), so the audit screen can show it.
 */
function auditType(wanted: string): AuditType {
  return (AUDIT_TYPES as readonly string[]).includes(wanted) ? (wanted as AuditType) : 'approval.action';
}
const REMINDED = auditType('approval.reminded');
const REROUTED = auditType('approval.rerouted');

/**
 * Timed work of the approvals, on the job queue (pg-boss; each job runs once across API instances):
 *
 * - **Reminders (督促)**: every working morning (`APPROVAL_REMINDER_CRON`), the active steps of documents on
 *   their route that have waited `APPROVAL_REMINDER_WORKING_DAYS` working days remind their holders, and after
 *   `APPROVAL_DRAFTER_REMINDER_WORKING_DAYS` the drafter is told where the document is held up. Each reminder is
 *   a job of its own, sent `once` per step activation and recipient; the audit event it writes (with its key)
 *   keeps it from being sent again after pg-boss has archived the job.
 * - **Re-resolving**: every day (`APPROVAL_REROUTE_CRON`, a few minutes past midnight Tokyo time) and on demand
 *   (`rerouteActiveSteps`), an active step that names a position of a department is given to whoever holds it
 *   that day, so a transfer or a reorganisation entered ahead reroutes pending documents by itself. A step nobody
 *   holds stays active without holders; its superiors on the route are told (引き上げ).
 */
@Injectable()
export class ApprovalRemindersService implements OnModuleInit {
  private readonly logger = new Logger('ApprovalReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly routing: ApprovalRoutingService,
    private readonly orgChart: OrgChartService,
    private readonly events: EventEmitter2,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register<{ at?: string }>(APPROVAL_REMINDERS_QUEUE, async ({ data }) => {
      await this.queueReminders(data.at ? new Date(data.at) : new Date());
    });
    this.jobs.register<DueReminder>(APPROVAL_REMIND_QUEUE, async ({ data }) => {
      await this.remind(data);
    });
    this.jobs.register<{ on?: string }>(APPROVAL_REROUTE_QUEUE, async ({ data }) => {
      await this.rerouteActiveSteps(data.on ?? tokyoDate());
    });
    await this.jobs.schedule(APPROVAL_REMINDERS_QUEUE, this.config.APPROVAL_REMINDER_CRON);
    await this.jobs.schedule(APPROVAL_REROUTE_QUEUE, this.config.APPROVAL_REROUTE_CRON);
  }

  // ── reminders ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Finds the reminders due at `at` (none on a day the town hall is closed) and queues each once (a reminder
   * queued before answers `jobId: null`).
   */
  async queueReminders(at: Date = new Date()): Promise<{ reminder: DueReminder; jobId: string | null }[]> {
    const today = tokyoDate(at);
    if (!isWorkingDay(today)) return [];
    const docs: { id: string; state: ApprovalState }[] = await this.dataSource.query(
      `SELECT id, state FROM approval_document WHERE status = 'in_progress' ORDER BY id`,
    );
    const reachedRows: { document_id: string; step_id: string; reached: Date }[] =
      await this.dataSource.query(
        `SELECT p.document_id, p.step_id, max(p.activated_at) AS reached
         FROM approval_pending p JOIN approval_document d ON d.id = p.document_id
        WHERE d.status = 'in_progress'
        GROUP BY p.document_id, p.step_id`,
      );
    const reached = new Map<string, Map<string, string>>();
    for (const r of reachedRows) {
      const steps = reached.get(r.document_id) ?? new Map<string, string>();
      steps.set(r.step_id, r.reached.toISOString());
      reached.set(r.document_id, steps);
    }
    const rules = {
      holderDays: this.config.APPROVAL_REMINDER_WORKING_DAYS,
      drafterDays: this.config.APPROVAL_DRAFTER_REMINDER_WORKING_DAYS,
    };
    const queued: { reminder: DueReminder; jobId: string | null }[] = [];
    for (const doc of docs)
      for (const reminder of dueReminders(doc.id, doc.state, reached.get(doc.id) ?? new Map(), today, rules))
        queued.push({
          reminder,
          jobId: await this.jobs.send(APPROVAL_REMIND_QUEUE, reminder, { once: reminder.key }),
        });
    return queued;
  }

  /**
   * Sends one reminder unless the step has moved on (acted, activated again) or this reminder was sent before;
   * answers whether it was sent. The audit event (with the key) commits with the decision to send; the
   * notifications follow after commit.
   */
  async remind(reminder: DueReminder): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const doc = await this.lockDocument(tx, reminder.documentId);
      if (!doc || doc.status !== 'in_progress') return false;
      const step = doc.state.stages.flatMap((s) => s.steps).find((s) => s.id === reminder.stepId);
      if (!step || step.status !== 'active' || step.activatedAt !== reminder.activatedAt) return false;
      // An absent holder's registered deputies (代決者) may act for them: they are reminded too.
      const userIds =
        reminder.recipient === 'holder' ? await this.withDeputies(step.holders) : [doc.drafterId];
      if (!userIds.length || (await this.reminded(tx, reminder.documentId, reminder.key))) return false;
      const names = await this.names(step.holders);
      const assigneeLabel = await this.assigneeLabel(step.assignee, tokyoDate());
      await this.audit.append(tx, {
        type: REMINDED,
        actorId: null,
        subject: doc.id,
        data: {
          action: 'remind',
          key: reminder.key,
          stepId: step.id,
          recipient: reminder.recipient,
          userIds,
          workingDays: reminder.workingDays,
        },
      });
      const event: ApprovalReminderDueEvent = {
        documentId: doc.id,
        title: doc.title,
        stepId: step.id,
        stepKind: step.kind,
        recipient: reminder.recipient,
        userIds,
        workingDays: reminder.workingDays,
        holderNames: step.holders.map((id) => names.get(id) ?? ''),
        assigneeLabel,
      };
      tx.afterCommit(() => {
        this.events.emit(APPROVAL_REMINDER_DUE, event);
      });
      return true;
    });
  }

  private async withDeputies(holders: readonly string[]): Promise<string[]> {
    const today = tokyoDate();
    const deputies = await Promise.all(holders.map((h) => this.orgChart.deputiesOf(h, today)));
    return [...new Set([...holders, ...deputies.flat()])];
  }

  private async reminded(tx: Tx, documentId: string, key: string): Promise<boolean> {
    const rows: unknown[] = await tx.em.query(
      `SELECT 1 FROM audit_event WHERE type = ANY($1::text[]) AND subject = $2 AND data ->> 'key' = $3 LIMIT 1`,
      [[...new Set([REMINDED, 'approval.action'])], documentId, key],
    );
    return rows.length > 0;
  }

  // ── re-resolving ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Gives every active step that names a position of a department to whoever holds it on `on` (Japan date),
   * one document per unit of work. Answers the documents that changed. A document that fails is logged and the
   * others still run; the call then throws, so the job is retried (it is idempotent).
   */
  async rerouteActiveSteps(on: string = tokyoDate()): Promise<RerouteResult[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM approval_document
        WHERE status IN ('in_progress', 'decided')
          AND jsonb_path_exists(state,
                '$.stages[*].steps[*] ? (@.status == "active" && @.assignee.type == "position")')
        ORDER BY id`,
    );
    const results: RerouteResult[] = [];
    let failed = 0;
    for (const { id } of rows) {
      try {
        const result = await this.rerouteDocument(id, on);
        if (result) results.push(result);
      } catch (error) {
        failed += 1;
        this.logger.error(
          { err: error, documentId: id },
          're-resolving the active steps of a document failed',
        );
      }
    }
    if (results.length) this.logger.log(`Re-resolved ${results.length} document(s) to the holders of ${on}`);
    if (failed) throw new Error(`re-resolving failed for ${failed} document(s)`);
    return results;
  }

  /** An org change in effect already re-resolves the active steps now, through the queue (once, retried). */
  @OnEvent(ORG_CHANGED_EVENT, { async: true, promisify: true })
  async onOrgChanged(event: OrgChangedEvent): Promise<void> {
    if (event.effectiveFrom > tokyoDate()) return; // the nightly run of that day sees to it
    try {
      await this.jobs.send(APPROVAL_REROUTE_QUEUE, {});
    } catch (error) {
      this.logger.error({ err: error }, 'queueing the re-resolving after an org change failed');
    }
  }

  private async rerouteDocument(id: string, on: string): Promise<RerouteResult | null> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const doc = await this.lockDocument(tx, id);
      if (!doc || (doc.status !== 'in_progress' && doc.status !== 'decided')) return null;
      const resolved = await this.routing.resolveAll(doc.state, on);
      const { state, changes } = rerouteState(doc.state, resolved);
      if (!changes.length) return null;
      const at = new Date();

      await em.update(ApprovalDocumentEntity, { id }, { state, lockVersion: doc.lockVersion + 1 });
      // The pending index of the changed steps: who stays keeps the moment it reached them, a new holder gets now.
      const stepIds = changes.map((c) => c.stepId);
      const before = await em.find(ApprovalPendingEntity, { where: { documentId: id, stepId: In(stepIds) } });
      await em.delete(ApprovalPendingEntity, { documentId: id, stepId: In(stepIds) });
      const rows = changes.flatMap((c) =>
        c.to.map((userId) =>
          em.create(ApprovalPendingEntity, {
            documentId: id,
            stepId: c.stepId,
            userId,
            stepKind: c.kind,
            activatedAt: before.find((p) => p.stepId === c.stepId && p.userId === userId)?.activatedAt ?? at,
          }),
        ),
      );
      if (rows.length) await em.insert(ApprovalPendingEntity, rows);
      await this.audit.append(tx, {
        type: REROUTED,
        actorId: null,
        subject: id,
        data: {
          action: 'reroute',
          on,
          steps: changes.map((c) => ({ stepId: c.stepId, from: c.from, to: c.to })),
        },
      });

      const vacant: ApprovalStepVacantEvent[] = [];
      for (const c of changes.filter((ch) => ch.to.length === 0))
        vacant.push({
          documentId: id,
          title: doc.title,
          stepId: c.stepId,
          stepKind: c.kind,
          assigneeLabel: await this.assigneeLabel(c.assignee, on),
          superiorIds: superiorsOf(state, c.stepId, resolved),
          drafterId: doc.drafterId,
        });
      tx.afterCommit(() => {
        for (const c of changes) {
          const added = c.to.filter((u) => !c.from.includes(u));
          if (added.length)
            this.events.emit(APPROVAL_STEP_ACTIVATED, {
              documentId: id,
              title: doc.title,
              stepId: c.stepId,
              stepKind: c.kind,
              userIds: added,
            } satisfies ApprovalStepActivatedEvent);
        }
        for (const v of vacant) this.events.emit(APPROVAL_STEP_VACANT, v);
        this.events.emit(APPROVAL_INBOX_CHANGED, {
          userIds: [...new Set(changes.flatMap((c) => [...c.from, ...c.to]))],
        } satisfies ApprovalInboxChangedEvent);
      });
      return { documentId: id, changes };
    });
  }

  // ── shared ─────────────────────────────────────────────────────────────────────────────────────────────────

  private lockDocument(tx: Tx, id: string): Promise<ApprovalDocumentEntity | null> {
    return tx.em
      .createQueryBuilder(ApprovalDocumentEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
  }

  private async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id::text AS id, family_name || ' ' || given_name AS name FROM app_user WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private assigneeLabel(assignee: Assignee, on: string): Promise<string> {
    return assigneeLabelOn((sql, params) => this.dataSource.query(sql, params), assignee, on);
  }
}
