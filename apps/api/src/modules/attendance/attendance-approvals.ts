import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../core/auth/auth.types';
import type { Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalActionsService } from '../approvals/approval-actions.service';
import { ApprovalDraftsService } from '../approvals/approval-drafts.service';
import type { ApprovalStatusChangedEvent } from '../approvals/approvals.events';

/** What an attendance request (leave, overtime) is, as its approval document moves on. */
export type AttendanceRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** The state a document's new status gives the request it decides, or null when it changes nothing. */
export function requestStatusOf(document: ApprovalStatusChangedEvent['to']): AttendanceRequestStatus | null {
  if (document === 'decided' || document === 'completed') return 'approved';
  if (document === 'rejected' || document === 'discarded') return 'rejected';
  if (document === 'withdrawn') return 'withdrawn';
  if (document === 'in_progress') return 'pending';
  return null;
}

/**
 * The one way attendance sends a request up the approval route: a private draft of the town's template (by
 * code: `LEAVE` 休暇届, `OVERTIME` 時間外勤務命令) with the default route, submitted at once, inside the caller's
 * transaction, so a request never exists without its document or the other way round.
 */
@Injectable()
export class AttendanceApprovals {
  constructor(
    private readonly drafts: ApprovalDraftsService,
    private readonly actions: ApprovalActionsService,
  ) {}

  async submit(
    tx: Tx,
    user: AuthUser,
    templateCode: string,
    content: { title: string; body: string; fields: Record<string, string | number> },
  ): Promise<string> {
    const [template]: { id: string }[] = await tx.em.query(
      `SELECT id FROM approval_template WHERE code = $1 AND active`,
      [templateCode],
    );
    if (!template) throw new AppException('approval/template_not_found');
    const documentId = await this.drafts.create(user, {
      templateId: template.id,
      ...content,
      disclosure: 'private',
      classification: '',
      plannedEnforcementOn: null,
      counterparty: null,
      amount: null,
      consultations: [],
      reviewers: [],
    });
    await this.actions.act(user, documentId, { action: { type: 'submit' }, lockVersion: 0 }, null);
    return documentId;
  }

  /** Withdraws a request's document while it is on its route (引戻し). */
  async withdraw(user: AuthUser, documentId: string, lockVersion: number): Promise<void> {
    await this.actions.act(user, documentId, { action: { type: 'withdraw' }, lockVersion }, null);
  }
}
