import { Injectable } from '@nestjs/common';
import type { ChatLinkPreview } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';
import { MeetingPolicy } from '../meetings/meeting.policy';

/**
 * Preview cards of links to Ringi approval documents and meetings pasted in chat, asked for by each reader: a
 * card is given only for what the reader may see (the approval and meeting policies decide, as everywhere);
 * the rest are left out, so a link to a document one may not see tells nothing about it.
 */
@Injectable()
export class ChatLinksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly approvals: ApprovalDocumentPolicy,
    private readonly meetings: MeetingPolicy,
  ) {}

  async previews(user: AuthUser, refs: string): Promise<ChatLinkPreview[]> {
    const parsed = refs.split(',').map((r) => {
      const [kind, id] = r.split(':') as ['approval' | 'meeting', string];
      return { kind, id: id.toLowerCase() };
    });
    const approvalIds = parsed.filter((r) => r.kind === 'approval' && isUuid(r.id)).map((r) => r.id);
    const meetingIds = parsed.filter((r) => r.kind === 'meeting' && isUuid(r.id)).map((r) => r.id);
    const found = new Map<string, ChatLinkPreview>();
    if (approvalIds.length) {
      const params: unknown[] = [approvalIds];
      const visible = await this.approvals.visibleSql(user, 'd', params);
      const rows: { id: string; title: string; number: string | null; status: string }[] =
        await this.uow.query(
          `SELECT d.id, d.title, d.number, d.status FROM approval_document d
          WHERE d.id = ANY($1::uuid[]) AND (${visible})`,
          params,
        );
      for (const r of rows)
        found.set(`approval:${r.id}`, {
          kind: 'approval',
          id: r.id,
          title: r.title,
          subtitle: r.number ?? '',
          status: r.status,
          path: `/approvals/${r.id}`,
        });
    }
    if (meetingIds.length) {
      const params: unknown[] = [meetingIds];
      const visible = this.meetings.visibleSql(user, 'x', params);
      const rows: { id: string; title: string; starts_at: Date; place: string; status: string }[] =
        await this.uow.query(
          `SELECT x.id, x.title, x.starts_at, x.place, x.status FROM meeting x
            WHERE x.id = ANY($1::uuid[]) AND (${visible})`,
          params,
        );
      for (const r of rows)
        found.set(`meeting:${r.id}`, {
          kind: 'meeting',
          id: r.id,
          title: r.title,
          subtitle: [r.starts_at.toISOString(), r.place].filter(Boolean).join(' '),
          status: r.status,
          path: `/meetings/${r.id}`,
        });
    }
    return parsed.flatMap((r) => found.get(`${r.kind}:${r.id}`) ?? []);
  }
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
}
