import { Injectable } from '@nestjs/common';
import { assigneeKey, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { OrgChartService } from '../org/org-chart.service';
import { ApprovalRoutingService } from './approval-routing.service';
import type { ApprovalDocumentEntity } from './entities/approval-document.entity';

/**
 * The one place that decides who may see an approval document (and so act on it, comment, read its versions):
 * administrators; the drafter; once submitted, everyone on its route (past holders and actors, the current
 * holders, and the people who hold its future steps today); and, where the template says so, the staff of the
 * drafter's department; and a registered deputy (代決者) of a current holder. Whether a person may take a
 * particular action is then the state machine's answer.
 * Everyone else is told the document does not exist (404).
 */
@Injectable()
export class ApprovalDocumentPolicy {
  constructor(
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
    if (template.departmentVisible)
      return (await this.orgChart.primaryDepartmentOf(user.id, today)) === doc.departmentId;
    return false;
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
