import { Injectable } from '@nestjs/common';
import type {
  Meeting,
  MeetingAgendaItem,
  MeetingList,
  MeetingListQuery,
  MeetingMaterial,
  MeetingParticipant,
  MeetingSummary,
} from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { MeetingEntity } from './entities/meeting.entity';
import { MeetingPolicy } from './meeting.policy';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface SummaryRow {
  id: string;
  title: string;
  kind: MeetingSummary['kind'];
  starts_at: Date;
  ends_at: Date;
  place: string;
  status: MeetingSummary['status'];
  organiser_id: string;
  organiser_name: string;
}

function summary(r: SummaryRow): MeetingSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    place: r.place,
    status: r.status,
    organiserId: r.organiser_id,
    organiserName: r.organiser_name,
  };
}

/** Meetings as the API answers with them, each read only after the policy said the person may see it. */
@Injectable()
export class MeetingReadService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: MeetingPolicy,
  ) {}

  /** My meetings: upcoming ones soonest first, past ones latest first. */
  async list(user: AuthUser, query: MeetingListQuery): Promise<MeetingList> {
    const params: unknown[] = [];
    const where = [this.policy.visibleSql(user, 'm', params)];
    if (query.when === 'upcoming') where.push(`m.status <> 'closed' AND m.ends_at >= now()`);
    if (query.when === 'past') where.push(`(m.status = 'closed' OR m.ends_at < now())`);
    const order = query.when === 'upcoming' ? 'm.starts_at ASC, m.id' : 'm.starts_at DESC, m.id';
    const sql = where.join(' AND ');
    const [count]: { n: number }[] = await this.uow.query(
      `SELECT count(*)::int AS n FROM meeting m WHERE ${sql}`,
      params,
    );
    const limit = `$${params.push(query.pageSize)}`;
    const offset = `$${params.push((query.page - 1) * query.pageSize)}`;
    const rows: SummaryRow[] = await this.uow.query(
      `SELECT m.id, m.title, m.kind, m.starts_at, m.ends_at, m.place, m.status, m.organiser_id,
              u.family_name || ' ' || u.given_name AS organiser_name
         FROM meeting m JOIN app_user u ON u.id = m.organiser_id
        WHERE ${sql}
        ORDER BY ${order}
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map(summary), total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** The meeting with its participants, agenda, materials and every version of them (404 if not visible). */
  async meeting(user: AuthUser, id: string): Promise<Meeting> {
    const entity = await this.uow.manager.findOneBy(MeetingEntity, { id });
    const meeting = await this.policy.requireVisible(user, entity);
    const [organiser]: { name: string }[] = await this.uow.query(
      `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE id = $1`,
      [meeting.organiserId],
    );
    const [participants, agenda] = [await this.participants(id), await this.agenda(id)];
    return {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      place: meeting.place,
      status: meeting.status,
      organiserId: meeting.organiserId,
      organiserName: organiser?.name ?? '',
      disposeAfter: meeting.disposeAfter,
      lockVersion: meeting.lockVersion,
      distributedAt: iso(meeting.distributedAt),
      startedAt: iso(meeting.startedAt),
      closedAt: iso(meeting.closedAt),
      createdAt: meeting.createdAt.toISOString(),
      updatedAt: meeting.updatedAt.toISOString(),
      canEdit: this.policy.canEdit(user, meeting),
      participants,
      agenda,
    };
  }

  private async participants(meetingId: string): Promise<MeetingParticipant[]> {
    const rows: {
      id: string;
      user_id: string | null;
      department_id: string | null;
      role: MeetingParticipant['role'];
      name: string | null;
    }[] = await this.uow.query(
      `SELECT p.id, p.user_id, p.department_id, p.role,
              COALESCE(u.family_name || ' ' || u.given_name,
                       (SELECT v.name FROM department_version v
                         WHERE v.department_id = p.department_id AND v.valid_from <= $2
                         ORDER BY v.valid_from DESC LIMIT 1),
                       d.name) AS name
         FROM meeting_participant p
         LEFT JOIN app_user u ON u.id = p.user_id
         LEFT JOIN department d ON d.id = p.department_id
        WHERE p.meeting_id = $1
        ORDER BY array_position(ARRAY['chair', 'presenter', 'attendee', 'observer'], p.role), p.created_at, p.id`,
      [meetingId, tokyoDate()],
    );
    return rows.map((r) => ({
      id: r.id,
      type: r.user_id ? 'user' : 'department',
      userId: r.user_id,
      departmentId: r.department_id,
      name: r.name ?? '',
      role: r.role,
    }));
  }

  private async agenda(meetingId: string): Promise<MeetingAgendaItem[]> {
    const items: {
      id: string;
      position: number;
      title: string;
      presenter_id: string | null;
      presenter_name: string | null;
      duration_minutes: number | null;
    }[] = await this.uow.query(
      `SELECT a.id, a.position, a.title, a.presenter_id, a.duration_minutes,
              u.family_name || ' ' || u.given_name AS presenter_name
         FROM meeting_agenda_item a LEFT JOIN app_user u ON u.id = a.presenter_id
        WHERE a.meeting_id = $1
        ORDER BY a.position, a.id`,
      [meetingId],
    );
    const versions: {
      id: string;
      material_id: string;
      agenda_item_id: string;
      material_title: string;
      material_position: number;
      version: number | null;
      file_id: string | null;
      name: string | null;
      size_bytes: string | null;
      sha256: string | null;
      page_count: number | null;
      uploaded_by: string | null;
      uploaded_by_name: string | null;
      uploaded_at: Date | null;
      superseded_at: Date | null;
    }[] = await this.uow.query(
      `SELECT v.id, mt.id AS material_id, mt.agenda_item_id, mt.title AS material_title,
              mt.position AS material_position, v.version, f.id AS file_id, f.name, f.size_bytes, f.sha256,
              v.page_count, v.uploaded_by, u.family_name || ' ' || u.given_name AS uploaded_by_name,
              v.uploaded_at, v.superseded_at
         FROM meeting_material mt
         JOIN meeting_agenda_item a ON a.id = mt.agenda_item_id
         LEFT JOIN meeting_material_version v ON v.material_id = mt.id
         LEFT JOIN stored_file f ON f.id = v.stored_file_id
         LEFT JOIN app_user u ON u.id = v.uploaded_by
        WHERE a.meeting_id = $1
        ORDER BY mt.position, mt.id, v.version DESC`,
      [meetingId],
    );
    const materials = new Map<string, MeetingMaterial>();
    for (const r of versions) {
      let material = materials.get(r.material_id);
      if (!material) {
        material = {
          id: r.material_id,
          agendaItemId: r.agenda_item_id,
          title: r.material_title,
          position: r.material_position,
          versions: [],
        };
        materials.set(r.material_id, material);
      }
      if (r.version !== null && r.file_id && r.uploaded_at && r.uploaded_by)
        material.versions.push({
          id: r.id,
          version: r.version,
          fileId: r.file_id,
          name: r.name ?? '',
          size: Number(r.size_bytes),
          sha256: (r.sha256 ?? '').trim(),
          pageCount: r.page_count,
          uploadedById: r.uploaded_by,
          uploadedByName: r.uploaded_by_name ?? '',
          uploadedAt: r.uploaded_at.toISOString(),
          supersededAt: iso(r.superseded_at),
        });
    }
    return items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      presenterId: i.presenter_id,
      presenterName: i.presenter_name,
      durationMinutes: i.duration_minutes,
      materials: [...materials.values()].filter((m) => m.agendaItemId === i.id),
    }));
  }
}
