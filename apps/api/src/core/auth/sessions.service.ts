import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { UnitOfWork, type Tx } from '../database/unit-of-work';
import type { Locale, Role, SessionSummary, SessionTime } from '@ringi/contracts';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { AppException } from '../errors/app.exception';
import type { ClientInfo } from './auth.decorators';
import {
  SESSIONS_ENDED,
  type AuthUser,
  type SessionCheck,
  type SessionEndReason,
  type SessionsEndedEvent,
} from './auth.types';
import { SessionEntity } from './session.entity';

/** Ended and expired sessions are kept this long (the device history), then deleted; sign-ins stay audited. */
const KEEP_ENDED_DAYS = 90;
const SWEEP_EVERY_MS = 6 * 3_600_000;

/**
 * What is stored for a session token: HMAC-SHA256 keyed with SESSION_SECRET when set (someone who can write the
 * database still cannot mint a session), plain SHA-256 otherwise. Only this digest is stored, never the token.
 */
export function sessionTokenDigest(token: string, secret: string | undefined): string {
  return (secret ? createHmac('sha256', secret) : createHash('sha256')).update(token).digest('hex');
}

/** A session as checked against the database clock (so every instance agrees on when it ends). */
interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  idle_expires_at: Date;
  /** The session's idle time or absolute lifetime has passed (by the database clock). */
  expired: boolean;
  revoked_reason: string | null;
  role: Role;
  locale: Locale;
  active: boolean;
}

const SESSION_COLUMNS = `s.id, s.user_id, s.expires_at, s.last_seen_at + make_interval(secs => $2) AS idle_expires_at,
       (s.expires_at <= now() OR s.last_seen_at + make_interval(secs => $2) <= now()) AS expired,
       s.revoked_reason, u.role, u.locale, u.active`;

function toAuthUser(row: SessionRow): AuthUser {
  return {
    id: row.user_id,
    role: row.role,
    locale: row.locale,
    sessionId: row.id,
    sessionExpiresAt: row.expires_at,
    idleExpiresAt: row.idle_expires_at,
  };
}

/** How a session that was ended is told to its sockets. */
function endedReason(stored: string | null): 'signed_out' | 'revoked' | 'expired' {
  return stored === 'signed_out' || stored === 'expired' ? stored : 'revoked';
}

/** Seconds left of a session, as sent in the session-time header: idle and absolute, never below zero. */
export function sessionTimeOf(user: AuthUser, now: number = Date.now()): SessionTime {
  const left = (at: Date) => Math.max(0, Math.floor((at.getTime() - now) / 1000));
  return { idleSeconds: left(user.idleExpiresAt), absoluteSeconds: left(user.sessionExpiresAt) };
}

/**
 * Server-side sessions: create at sign-in (a fresh token every time), resolve a cookie to a user with idle
 * and absolute limits, list and revoke. Ending sessions emits `sessions.ended` after commit.
 *
 * What keeps a session alive: only the person's activity, reported by the web app (`keepAlive`), refreshes
 * `last_seen_at`. Other requests, polling and socket traffic only check the session, so a forgotten tab ends
 * after the idle time however much it fetches in the background.
 */
@Injectable()
export class SessionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventEmitter2,
    private readonly uow: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes sessions that ended or expired more than KEEP_ENDED_DAYS ago. Safe on several instances at once. */
  async sweep(): Promise<number> {
    try {
      const [, deleted]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM user_session
          WHERE coalesce(revoked_at, expires_at) < now() - make_interval(days => $1)`,
        [KEEP_ENDED_DAYS],
      );
      return deleted;
    } catch (error) {
      this.logger.warn({ err: error }, 'session sweep failed');
      return 0;
    }
  }

  private digest(token: string): string {
    return sessionTokenDigest(token, this.config.SESSION_SECRET);
  }

  get idleMs(): number {
    return this.config.SESSION_IDLE_MINUTES * 60_000;
  }

  private get idleSeconds(): number {
    return this.config.SESSION_IDLE_MINUTES * 60;
  }

  async create(
    em: EntityManager,
    userId: string,
    client: ClientInfo,
  ): Promise<{ token: string; session: SessionEntity }> {
    const token = randomBytes(32).toString('base64url');
    const session = await em.save(
      em.create(SessionEntity, {
        tokenHash: this.digest(token),
        userId,
        expiresAt: new Date(Date.now() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
        userAgent: client.userAgent,
        ipAddress: client.ipAddress,
        revokedAt: null,
      }),
    );
    return { token, session };
  }

  /**
   * The user behind a session token, or an error saying why there is none. With `keepAlive` (the person's
   * reported activity) the idle time starts again; without it the session is only checked.
   */
  async resolve(token: string | undefined, options: { keepAlive?: boolean } = {}): Promise<AuthUser> {
    if (!token) throw new AppException('auth/unauthenticated');
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS}
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
      [this.digest(token), this.idleSeconds],
    );
    const row = rows[0];
    if (!row) throw new AppException('auth/unauthenticated');
    if (!row.active) {
      await this.uow.run((tx) => this.end(tx, { ids: [row.id] }, 'revoked'));
      throw new AppException('auth/unauthenticated');
    }
    if (row.expired) {
      await this.uow.run((tx) => this.end(tx, { ids: [row.id] }, 'expired'));
      throw new AppException('auth/session_expired');
    }
    const user = toAuthUser(row);
    if (options.keepAlive) {
      // TypeORM answers an UPDATE with [returned rows, affected count].
      const [touched]: [{ idle_expires_at: Date }[], number] = await this.dataSource.query(
        `UPDATE user_session SET last_seen_at = now()
          WHERE id = $1 AND revoked_at IS NULL
          RETURNING last_seen_at + make_interval(secs => $2) AS idle_expires_at`,
        [row.id, this.idleSeconds],
      );
      if (!touched[0]) throw new AppException('auth/unauthenticated'); // ended meanwhile
      user.idleExpiresAt = touched[0].idle_expires_at;
    }
    return user;
  }

  /**
   * Checks sessions by id in one query (the sockets an instance holds): the person behind each live session, or
   * why it no longer counts. Only reads: an expired session is ended by the next request that presents it.
   */
  async check(ids: readonly string[]): Promise<Map<string, SessionCheck>> {
    const result = new Map<string, SessionCheck>();
    if (!ids.length) return result;
    const rows: (SessionRow & { revoked: boolean })[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS}, s.revoked_at IS NOT NULL AS revoked
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = ANY($1::uuid[])`,
      [ids, this.idleSeconds],
    );
    for (const id of ids) result.set(id, { valid: false, reason: 'revoked' });
    for (const row of rows) {
      if (row.revoked) result.set(row.id, { valid: false, reason: endedReason(row.revoked_reason) });
      else if (!row.active) result.set(row.id, { valid: false, reason: 'revoked' });
      else if (row.expired) result.set(row.id, { valid: false, reason: 'expired' });
      else result.set(row.id, { valid: true, user: toAuthUser(row) });
    }
    return result;
  }

  async list(filter: { userId?: string }, currentSessionId: string): Promise<SessionSummary[]> {
    const idleCutoff = new Date(Date.now() - this.idleMs);
    const rows: {
      id: string;
      user_id: string;
      user_name: string;
      created_at: Date;
      last_seen_at: Date;
      expires_at: Date;
      user_agent: string | null;
      ip_address: string | null;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, u.family_name || ' ' || u.given_name AS user_name, s.created_at, s.last_seen_at,
              s.expires_at, s.user_agent, s.ip_address
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.revoked_at IS NULL AND s.expires_at > now() AND s.last_seen_at > $1
          AND ($2::uuid IS NULL OR s.user_id = $2)
        ORDER BY s.last_seen_at DESC
        LIMIT 500`,
      [idleCutoff, filter.userId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      userAgent: r.user_agent,
      ipAddress: r.ip_address,
      current: r.id === currentSessionId,
    }));
  }

  async findByToken(token: string): Promise<SessionEntity | null> {
    return this.dataSource
      .getRepository(SessionEntity)
      .findOneBy({ tokenHash: this.digest(token), revokedAt: IsNull() });
  }

  async findOne(id: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOneBy({ id, revokedAt: IsNull() });
  }

  /**
   * Ends sessions chosen by id and/or user (optionally keeping one) inside the transaction, and queues the
   * `sessions.ended` event for after commit, which closes their sockets on every instance.
   */
  async end(
    tx: Tx,
    filter: { ids?: string[]; userId?: string; exceptId?: string },
    reason: SessionEndReason,
  ): Promise<string[]> {
    const qb = tx.em
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('revoked_at IS NULL')
      .returning('id');
    if (filter.ids) qb.andWhere({ id: In(filter.ids) });
    if (filter.userId) qb.andWhere('user_id = :userId', { userId: filter.userId });
    if (filter.exceptId) qb.andWhere('id <> :exceptId', { exceptId: filter.exceptId });
    const result = await qb.execute();
    const sessionIds = (result.raw as { id: string }[]).map((r) => r.id);
    if (sessionIds.length) {
      tx.afterCommit(() =>
        this.events.emit(SESSIONS_ENDED, { sessionIds, reason } satisfies SessionsEndedEvent),
      );
    }
    return sessionIds;
  }
}
