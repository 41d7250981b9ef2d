import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SignInRequest } from '@ringi/contracts';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { AuditService } from '../../core/audit/audit.service';
import type { ClientInfo } from '../../core/auth/auth.decorators';
import { PasswordHasher } from '../../core/auth/password-hasher';
import { SessionsService } from '../../core/auth/sessions.service';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { RateLimits, type Limiter } from '../../core/rate-limit/rate-limits';
import { AppException } from '../../core/errors/app.exception';
import { UserEntity } from './user.entity';

/** Sign-in attempts allowed per minute for one staff number from one address. */
const ATTEMPTS_PER_ACCOUNT_PER_MINUTE = 10;

export interface SignedIn {
  token: string;
  userId: string;
  sessionId: string;
}

/** Sign-in with lockout after repeated failures; every attempt is audited. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    limits: RateLimits,
  ) {
    this.perAccount = limits.limiter('sign-in:account', ATTEMPTS_PER_ACCOUNT_PER_MINUTE, 60);
    this.perAddress = limits.limiter('sign-in:address', config.SIGN_IN_FAILURES_PER_ADDRESS, 15 * 60);
  }

  /** Attempts per address and staff number: guessing one account's password. */
  private readonly perAccount: Limiter;
  /** Failures per address across staff numbers: password spraying. Successful sign-ins are never counted. */
  private readonly perAddress: Limiter;

  async signIn(input: SignInRequest, client: ClientInfo, previousSessionToken?: string): Promise<SignedIn> {
    const address = client.ipAddress ?? 'unknown';
    await this.perAddress.check(address);
    await this.perAccount.hit(`${address}|${input.staffNumber}`);
    const users = this.dataSource.getRepository(UserEntity);
    const user = await users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.staffNumber = :n AND u.active', { n: input.staffNumber })
      .getOne();
    const failed = (data: Record<string, unknown>, locked = false) =>
      this.uow.run(async (tx) => {
        await this.audit.append(tx, {
          type: 'auth.sign_in_failed',
          actorId: user?.id ?? null,
          subject: input.staffNumber,
          data,
          ipAddress: client.ipAddress,
        });
        if (locked && user)
          await this.audit.append(tx, {
            type: 'auth.locked',
            actorId: user.id,
            subject: input.staffNumber,
            ipAddress: client.ipAddress,
            data: { minutes: this.config.SIGN_IN_LOCK_MINUTES },
          });
      });
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      await failed({ reason: 'locked' });
      throw new AppException('auth/locked');
    }
    const ok = await this.hasher.verify(user?.passwordHash ?? null, input.password);
    if (!user || !ok) {
      // The answer never tells whether the staff number exists or has a password yet; only the audit log does.
      const reason = !user ? 'unknown_staff_number' : user.passwordHash ? 'wrong_password' : 'no_password';
      const locked = user ? await this.recordFailure(user.id) : false;
      await failed({ reason }, locked);
      await this.perAddress.hit(address).catch(() => undefined);
      throw new AppException(locked ? 'auth/locked' : 'auth/invalid_credentials');
    }

    const previous = previousSessionToken ? await this.sessions.findByToken(previousSessionToken) : null;
    const result = await this.uow.run(async (tx) => {
      await tx.em.update(UserEntity, { id: user.id }, { failedSignIns: 0, lockedUntil: null });
      // Session rotation: the session this browser had (if any) ends; a new token is issued.
      if (previous) await this.sessions.end(tx, { ids: [previous.id] }, 'signed_out');
      const { token, session } = await this.sessions.create(tx.em, user.id, client);
      await this.audit.append(tx, {
        type: 'auth.sign_in',
        actorId: user.id,
        subject: input.staffNumber,
        ipAddress: client.ipAddress,
        data: { sessionId: session.id },
      });
      return { token, userId: user.id, sessionId: session.id };
    });
    return result;
  }

  /** Counts a failure atomically; locks the account when the threshold is reached. Returns whether it locked. */
  private async recordFailure(userId: string): Promise<boolean> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [{ locked: boolean }[], number] = await this.dataSource.query(
      `UPDATE app_user
          SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $2 THEN 0 ELSE failed_sign_ins + 1 END,
              locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked`,
      [userId, this.config.SIGN_IN_LOCK_THRESHOLD, this.config.SIGN_IN_LOCK_MINUTES],
    );
    return rows[0]?.locked ?? false;
  }
}
