import { Injectable } from '@nestjs/common';
import { assigneeKey, isSecretOn, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalRoutingService } from './approval-routing.service';
import type { ApprovalDocumentEntity } from './entities/approval-document.entity';
import { UnitOfWork } from '../../core/database/unit-of-work';

/**
 * The one place that decides who may see an approval document (and so act on it, comment, read its versions):
 * administrators; the drafter; once submitted, everyone on its route (past holders and actors, the current
 * holders, and the people who hold its future steps today); and, where the template says so, the staff of the
 * drafter's department (unless it is secret: 秘文書, see `isSecretOn`); and a registered deputy (代決者) of a
 * current holder. A secret document is so only ever seen by its route and administrators. Whether a person may take a
 * particular action is then the state machine's answer.
 * Everyone else is told the document does not exist (404).
 */
@Injectable()
export class ApprovalDocumentPolicy {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly routing: ApprovalRoutingService,
    private readonly orgChart: OrgChartService,
  ) {}

  async canSee(
    user: AuthUser,
    doc: ApprovalDocumentEntity,
    template: { departmentVisible: boolean },
    resolved?: Map<string, string[]>,
  ): Promise<boolean> {
    if (user.role === 'admin' || doc.drafterId === user.id) return true;
    if (doc.status === 'draft') return false;
    const today = tokyoDate();
    const steps = doc.state.stages.flatMap((s) => s.steps);
    for (const step of steps) {
      if (step.holders.includes(user.id)) return true;
      if (step.record && (step.record.actorId === user.id || step.record.onBehalfOf.includes(user.id)))
        return true;
    }
    const holders = resolved ?? (await this.routing.resolveAll(doc.state, today));
    for (const step of steps)
      if (step.status === 'waiting' && (holders.get(assigneeKey(step.assignee)) ?? []).includes(user.id))
        return true;
    // A registered deputy (代決者) of someone who must act now sees what they may act on.
    const principals = await this.orgChart.principalsOf(user.id, today);
    if (
      principals.length &&
      steps.some((s) => s.status === 'active' && s.holders.some((h) => principals.includes(h)))
    )
      return true;
    if (template.departmentVisible && !isSecretOn(doc, today))
      return (await this.orgChart.primaryDepartmentOf(user.id, today)) === doc.departmentId;
    return false;
  }

  /**
   * The same rule as `canSee`, as a condition on the `approval_document` row aliased `alias` (for search and
   * lists): appends its values to `params` and returns the SQL fragment. The person's side is found first (their
   * positions, whom they may act for, their department, today); the document's side is then a containment test on
   * its route (`state -> 'stages'`, GIN-indexed with `jsonb_path_ops`), the drafter and department indexes.
   * The equivalence with `canSee` is tested document by document (approval-search.int-spec.ts).
   */
  async visibleSql(user: AuthUser, alias: string, params: unknown[]): Promise<string> {
    if (user.role === 'admin') return 'TRUE';
    const today = tokyoDate();
    const [held, principals, department, departmentTemplates] = await Promise.all([
      this.positionsHeldBy(user.id, today),
      this.orgChart.principalsOf(user.id, today),
      this.orgChart.primaryDepartmentOf(user.id, today),
      this.departmentVisibleTemplates(),
    ]);
    const param = (value: unknown) => `$${params.push(value)}`;
    // A step of any stage matching one of these (jsonb containment: arrays need only contain the element).
    const steps: object[] = [
      { holders: [user.id] },
      { record: { actorId: user.id } },
      { record: { onBehalfOf: [user.id] } },
      ...(held.active ? [{ status: 'waiting', assignee: { type: 'user', userId: user.id } }] : []),
      ...held.positions.map((p) => ({
        status: 'waiting',
        assignee: { type: 'position', positionId: p.positionId, departmentId: p.departmentId },
      })),
      ...principals.map((id) => ({ status: 'active', holders: [id] })),
    ];
    const d = alias;
    const onRoute = `(${d}.state -> 'stages') @> ANY(${param(steps.map((step) => JSON.stringify([{ steps: [step] }])))}::jsonb[])`;
    // Template ids as values (not a subquery), so the planner can OR this arm's department index with the others.
    const inDepartment =
      department && departmentTemplates.length
        ? ` OR (${d}.department_id = ${param(department)} AND ${d}.template_id = ANY(${param(departmentTemplates)}::uuid[])` +
          ` AND NOT (${d}.secret AND (${d}.secret_until IS NULL OR ${d}.secret_until >= ${param(today)}::date)))`
        : '';
    return `(${d}.drafter_id = ${param(user.id)} OR (${d}.status <> 'draft' AND (${onRoute}${inDepartment})))`;
  }

  private async departmentVisibleTemplates(): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT id FROM approval_template WHERE department_visible`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * The positions a person holds on a day where `holdersOf` would name them (active person, the department
   * existing that day), and whether they are active (a `user` assignee resolves only to an active person).
   */
  private async positionsHeldBy(
    userId: string,
    on: string,
  ): Promise<{ active: boolean; positions: { positionId: string; departmentId: string }[] }> {
    const rows: { active: boolean; positions: { positionId: string; departmentId: string }[] | null }[] =
      await this.uow.query(
        `SELECT u.active,
                (SELECT json_agg(json_build_object('positionId', m.position_id, 'departmentId', m.department_id))
                   FROM membership m
                  WHERE m.user_id = u.id AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
                    AND EXISTS (SELECT 1 FROM department_version v WHERE v.department_id = m.department_id
                                  AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2))) AS positions
           FROM app_user u WHERE u.id = $1`,
        [userId, on],
      );
    const row = rows[0];
    if (!row?.active) return { active: false, positions: [] };
    return { active: true, positions: row.positions ?? [] };
  }

  /** Throws `approval/document_not_found` unless the user may see the document. */
  async requireVisible(
    user: AuthUser,
    doc: ApprovalDocumentEntity | null,
    template: { departmentVisible: boolean } | null,
    resolved?: Map<string, string[]>,
  ): Promise<ApprovalDocumentEntity> {
    if (!doc || !template || !(await this.canSee(user, doc, template, resolved)))
      throw new AppException('approval/document_not_found');
    return doc;
  }

  /** Only the drafter edits a draft (and only while it is with them: the state machine's statuses). */
  requireDrafter(user: AuthUser, doc: ApprovalDocumentEntity): void {
    if (doc.drafterId !== user.id) throw new AppException('approval/not_the_drafter');
  }
}
