import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type {
  AnswerDisasterRollCallRequest,
  DisasterRollCall,
  DisasterRollCallList,
  DisasterRollCallListQuery,
  DisasterStatus,
  DisasterTally,
  StartDisasterRollCallRequest,
} from '@ringi/contracts';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { DisasterRollCallEntity } from './entities/disaster-roll-call.entity';
import { DisasterTallyService } from './disaster-tally.service';
import {
  DISASTER_ANSWERED,
  DISASTER_ROLL_CALL_CLOSED,
  DISASTER_ROLL_CALL_STARTED,
  type DisasterAnsweredDomainEvent,
  type DisasterRollCallClosedEvent,
  type DisasterRollCallStartedEvent,
} from './disaster.events';
import { canSeeAnyone, DisasterPolicy } from './disaster.policy';

interface RollCallRow {
  id: string;
  title: string;
  message: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  closed_at: Date | null;
  closed_by_name: string | null;
  status: DisasterStatus | null;
  note: string | null;
  answered_at: Date | null;
}

/** The app path where a person answers a roll-call (the link of its notification). */
export const rollCallLink = (id: string) => `/disaster/${encodeURIComponent(id)}`;

const CLOSED_LIST_SIZE = 50;

/** Roll-calls (安否確認): start, answer (again: replaced), close, and reading them as the caller may. */
@Injectable()
export class DisasterService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: DisasterPolicy,
    private readonly tallies: DisasterTallyService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: EventEmitter2,
  ) {}

  /** An administrator starts a roll-call: everyone else is notified at once; only one is open at a time. */
  async start(user: AuthUser, input: Required<StartDisasterRollCallRequest>): Promise<string> {
    this.policy.requireManager(user);
    try {
      return await this.uow.run(async (tx) => {
        const open = await tx.em.query(`SELECT 1 FROM disaster_roll_call WHERE closed_at IS NULL`);
        if ((open as unknown[]).length) throw new AppException('disaster/already_open');
        const saved = await tx.em.save(
          tx.em.create(DisasterRollCallEntity, {
            title: input.title,
            message: input.message,
            createdBy: user.id,
            closedAt: null,
            closedBy: null,
          }),
        );
        await this.audit.append(tx, {
          type: 'disaster.roll_call_started',
          actorId: user.id,
          subject: saved.id,
          data: { title: saved.title },
        });
        await this.notifications.notify(tx, {
          userIds: await this.tallies.activeStaffIds(user.id),
          kind: 'disaster.roll_call',
          title: { ja: `【安否確認】${saved.title}`, en: `[Roll-call] ${saved.title}` },
          body: {
            ja: '無事・要支援・参集可能のどれかを、すぐに回答してください。',
            en: 'Please answer at once: safe, need help, or can come to the office.',
          },
          link: rollCallLink(saved.id),
        });
        const event: DisasterRollCallStartedEvent = {
          rollCallId: saved.id,
          title: saved.title,
          message: saved.message,
          createdBy: user.id,
          createdAt: saved.createdAt.toISOString(),
        };
        tx.afterCommit(() => this.events.emit(DISASTER_ROLL_CALL_STARTED, event));
        return saved.id;
      });
    } catch (error) {
      // Two administrators starting at the same moment: the open-one index refuses the second.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        throw new AppException('disaster/already_open');
      throw error;
    }
  }

  /** Answers (or changes one's answer to) an open roll-call; the last answer counts. */
  async answer(user: AuthUser, id: string, input: AnswerDisasterRollCallRequest): Promise<void> {
    await this.uow.run(async (tx) => {
      // A share lock: answers go on side by side, but not while the roll-call is being closed.
      const [row]: { closed_at: Date | null }[] = await tx.em.query(
        `SELECT closed_at FROM disaster_roll_call WHERE id = $1 FOR SHARE`,
        [id],
      );
      if (!row) throw new AppException('disaster/not_found');
      if (row.closed_at) throw new AppException('disaster/closed');
      await tx.em.query(
        `INSERT INTO disaster_roll_call_answer (roll_call_id, user_id, status, note, answered_at)
         VALUES ($1, $2, $3, $4, clock_timestamp())
         ON CONFLICT (roll_call_id, user_id)
         DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note, answered_at = EXCLUDED.answered_at`,
        [id, user.id, input.status, input.note ? input.note : null],
      );
      const event: DisasterAnsweredDomainEvent = { rollCallId: id, userId: user.id };
      tx.afterCommit(() => this.events.emit(DISASTER_ANSWERED, event));
    });
  }

  /** An administrator closes a roll-call (closing a closed one changes nothing). */
  async close(user: AuthUser, id: string): Promise<void> {
    this.policy.requireManager(user);
    await this.uow.run(async (tx) => {
      const rollCall = await tx.em.findOne(DisasterRollCallEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!rollCall) throw new AppException('disaster/not_found');
      if (rollCall.closedAt) return;
      const closedAt = new Date();
      await tx.em.update(DisasterRollCallEntity, { id }, { closedAt, closedBy: user.id });
      await this.audit.append(tx, {
        type: 'disaster.roll_call_closed',
        actorId: user.id,
        subject: id,
        data: { title: rollCall.title },
      });
      const event: DisasterRollCallClosedEvent = {
        rollCallId: id,
        title: rollCall.title,
        message: rollCall.message,
        createdAt: rollCall.createdAt.toISOString(),
        closedAt: closedAt.toISOString(),
        closedBy: user.id,
      };
      tx.afterCommit(() => this.events.emit(DISASTER_ROLL_CALL_CLOSED, event));
    });
  }

  async list(user: AuthUser, query: Required<DisasterRollCallListQuery>): Promise<DisasterRollCallList> {
    const rows =
      query.state === 'open'
        ? await this.rows(user, 'r.closed_at IS NULL', 'r.created_at DESC')
        : await this.rows(user, 'r.closed_at IS NOT NULL', `r.closed_at DESC LIMIT ${CLOSED_LIST_SIZE}`);
    const canViewTally = await this.policy.canViewTally(user);
    return {
      items: rows.map((r) => this.view(user, r, canViewTally)),
      canStart: this.policy.canManage(user),
    };
  }

  async get(user: AuthUser, id: string): Promise<DisasterRollCall> {
    const [row] = await this.rows(user, 'r.id = $2', 'r.created_at', [id]);
    if (!row) throw new AppException('disaster/not_found');
    return this.view(user, row, await this.policy.canViewTally(user));
  }

  /** The tally as the person may see it: everyone (administrators) or their own people (heads of divisions). */
  async tally(user: AuthUser, id: string): Promise<DisasterTally> {
    const rollCall = await this.uow.manager.findOneBy(DisasterRollCallEntity, { id });
    if (!rollCall) throw new AppException('disaster/not_found');
    const scope = await this.policy.requireTallyScope(user);
    return this.tallies.tally(id, rollCall.closedAt, scope);
  }

  /** Whether the person may watch the roll-call's tally live (it exists and they see someone's answers). */
  async canWatch(user: AuthUser, id: string): Promise<boolean> {
    const rollCall = await this.uow.manager.findOneBy(DisasterRollCallEntity, { id });
    return !!rollCall && canSeeAnyone(await this.policy.tallyScope(user));
  }

  private rows(user: AuthUser, where: string, order: string, params: unknown[] = []): Promise<RollCallRow[]> {
    return this.uow.query(
      `SELECT r.id, r.title, r.message, r.created_by, r.created_at, r.closed_at,
              c.family_name || ' ' || c.given_name AS created_by_name,
              CASE WHEN x.id IS NULL THEN NULL ELSE x.family_name || ' ' || x.given_name END AS closed_by_name,
              a.status, a.note, a.answered_at
         FROM disaster_roll_call r
         JOIN app_user c ON c.id = r.created_by
         LEFT JOIN app_user x ON x.id = r.closed_by
         LEFT JOIN disaster_roll_call_answer a ON a.roll_call_id = r.id AND a.user_id = $1
        WHERE ${where}
        ORDER BY ${order}`,
      [user.id, ...params],
    );
  }

  private view(user: AuthUser, r: RollCallRow, canViewTally: boolean): DisasterRollCall {
    return {
      id: r.id,
      title: r.title,
      message: r.message,
      createdById: r.created_by,
      createdByName: r.created_by_name,
      createdAt: r.created_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
      closedByName: r.closed_by_name,
      myAnswer:
        r.status && r.answered_at
          ? { status: r.status, note: r.note, answeredAt: r.answered_at.toISOString() }
          : null,
      canViewTally,
      canClose: this.policy.canManage(user) && !r.closed_at,
    };
  }
}
