import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AddMeetingParticipantRequest,
  CreateMeetingRequest,
  MeetingStatus,
  UpdateMeetingRequest,
} from '@ringi/contracts';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MeetingParticipantEntity } from './entities/meeting-participant.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { lockForEditor, lockVisible, requireOpen } from './meeting-lock';
import { MeetingChanges } from './meeting-changes';
import { MeetingPolicy } from './meeting.policy';
import { MEETING_DISTRIBUTED, type MeetingDistributedEvent } from './meetings.events';

type CreateInput = Required<CreateMeetingRequest>;

/** The transitions of a meeting's life, and who may make them. */
const TRANSITIONS = {
  distribute: { from: ['draft'], to: 'distributed', at: 'distributedAt', audit: 'meeting.distributed' },
  start: { from: ['distributed'], to: 'in_session', at: 'startedAt', audit: 'meeting.started' },
  close: { from: ['distributed', 'in_session'], to: 'closed', at: 'closedAt', audit: 'meeting.closed' },
} as const satisfies Record<
  string,
  {
    from: readonly MeetingStatus[];
    to: MeetingStatus;
    at: keyof MeetingEntity;
    audit: 'meeting.distributed' | 'meeting.started' | 'meeting.closed';
  }
>;
export type MeetingTransition = keyof typeof TRANSITIONS;

/** A meeting itself: create, update, its participants, and its life (distribute, start, close). */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly policy: MeetingPolicy,
    private readonly changes: MeetingChanges,
    private readonly events: EventEmitter2,
  ) {}

  /** Any member of staff may call a meeting; they are its organiser. */
  async create(user: AuthUser, input: CreateInput): Promise<string> {
    checkTimes(input.startsAt, input.endsAt);
    return this.uow.run(async (tx) => {
      const saved = await tx.em.save(
        tx.em.create(MeetingEntity, {
          title: input.title,
          kind: input.kind,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          place: input.place,
          organiserId: user.id,
          status: 'draft',
          disposeAfter: input.disposeAfter,
          distributedAt: null,
          startedAt: null,
          closedAt: null,
          lockVersion: 0,
        }),
      );
      await this.audit.append(tx, {
        type: 'meeting.created',
        actorId: user.id,
        subject: saved.id,
        data: { title: saved.title, kind: saved.kind, startsAt: input.startsAt, endsAt: input.endsAt },
      });
      return saved.id;
    });
  }

  async update(user: AuthUser, id: string, patch: UpdateMeetingRequest): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, id);
      if (meeting.lockVersion !== patch.lockVersion) throw new AppException('meeting/changed');
      const { lockVersion: _seen, startsAt, endsAt, ...rest } = patch;
      void _seen;
      Object.assign(meeting, rest);
      if (startsAt !== undefined) meeting.startsAt = new Date(startsAt);
      if (endsAt !== undefined) meeting.endsAt = new Date(endsAt);
      checkTimes(meeting.startsAt.toISOString(), meeting.endsAt.toISOString());
      meeting.lockVersion += 1;
      meeting.updatedAt = new Date();
      await tx.em.save(meeting);
      await this.audit.append(tx, {
        type: 'meeting.updated',
        actorId: user.id,
        subject: id,
        data: { fields: Object.keys(patch).filter((k) => k !== 'lockVersion') },
      });
    });
  }

  async addParticipant(user: AuthUser, id: string, input: AddMeetingParticipantRequest): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, id);
      const userId = input.userId ?? null;
      const departmentId = userId ? null : (input.departmentId ?? null);
      const [found]: { ok: boolean }[] = await tx.em.query(
        userId
          ? `SELECT EXISTS (SELECT 1 FROM app_user WHERE id = $1 AND active) AS ok`
          : `SELECT EXISTS (SELECT 1 FROM department WHERE id = $1 AND active) AS ok`,
        [userId ?? departmentId],
      );
      if (!found?.ok) throw new AppException('meeting/unknown_participant');
      const existing = await tx.em.findOneBy(
        MeetingParticipantEntity,
        userId ? { meetingId: id, userId } : { meetingId: id, departmentId: departmentId as string },
      );
      if (existing) throw new AppException('meeting/participant_exists');
      const row = await tx.em.save(
        tx.em.create(MeetingParticipantEntity, { meetingId: id, userId, departmentId, role: input.role }),
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.participant_added',
        actorId: user.id,
        subject: id,
        data: { participantId: row.id, userId, departmentId, role: input.role },
      });
      // Added after distribution: the newcomers are told as the others were.
      if (meeting.status === 'distributed' || meeting.status === 'in_session') {
        const userIds = (await this.policy.memberIds(row)).filter((u) => u !== user.id);
        this.announceDistributed(tx, meeting, userIds);
      }
    });
  }

  async removeParticipant(user: AuthUser, id: string, participantId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, id);
      const row = await tx.em.findOneBy(MeetingParticipantEntity, { id: participantId, meetingId: id });
      if (!row) throw new AppException('meeting/participant_not_found');
      await tx.em.delete(MeetingParticipantEntity, { id: row.id });
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.participant_removed',
        actorId: user.id,
        subject: id,
        data: { participantId: row.id, userId: row.userId, departmentId: row.departmentId, role: row.role },
      });
    });
  }

  /**
   * distribute (配布, draft → distributed; the participants are told), start (→ in_session) and close
   * (→ closed). Distributing is the organiser's (or an admin's); starting and closing also a chair's.
   */
  async transition(user: AuthUser, id: string, name: MeetingTransition): Promise<void> {
    const t = TRANSITIONS[name];
    await this.uow.run(async (tx) => {
      const meeting = await lockVisible(tx, this.policy, user, id);
      if (name === 'distribute') this.policy.requireEditor(user, meeting);
      else await this.policy.requireConvener(user, meeting);
      requireOpen(meeting);
      if (!(t.from as readonly MeetingStatus[]).includes(meeting.status))
        throw new AppException('meeting/invalid_transition');
      const from = meeting.status;
      const now = new Date();
      await tx.em.update(MeetingEntity, { id }, { status: t.to, [t.at]: now });
      meeting.status = t.to;
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: t.audit,
        actorId: user.id,
        subject: id,
        data: { from, to: t.to },
      });
      if (name === 'distribute') {
        const userIds = (await this.policy.participantUserIds(id)).filter((u) => u !== user.id);
        this.announceDistributed(tx, meeting, userIds);
      }
    });
  }

  private announceDistributed(tx: Tx, meeting: MeetingEntity, userIds: string[]): void {
    if (!userIds.length) return;
    const event: MeetingDistributedEvent = {
      meetingId: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      place: meeting.place,
      userIds,
    };
    tx.afterCommit(() => this.events.emit(MEETING_DISTRIBUTED, event));
  }
}

function checkTimes(startsAt: string, endsAt: string): void {
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime())
    throw new AppException('meeting/time_range_invalid');
}
