import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_SIDE,
  PHOTO_TYPES,
  type ChangePasswordRequest,
  type Me,
  type UpdateMeRequest,
} from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { ClientInfo } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { SessionsService } from '../../core/auth/sessions.service';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { RateLimits, type Limiter } from '../../core/rate-limit/rate-limits';
import { AppException } from '../../core/errors/app.exception';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { MembershipDirectory } from './membership-directory';
import { UsersService } from './users.service';

export const PROFILE_PHOTO = 'profile_photo';
/** Wrong current passwords allowed on the change form per person per 15 minutes before 429. */
const WRONG_CURRENT_PASSWORDS_PER_15_MIN = 5;

/** What a signed-in person does with their own account: profile, language, password, photo. */
@Injectable()
export class AccountService {
  private readonly passwordGuesses: Limiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly memberships: MembershipDirectory,
    private readonly sessions: SessionsService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    limits: RateLimits,
  ) {
    // Someone at an unlocked desk may not guess the owner's password through the change form.
    this.passwordGuesses = limits.limiter('password-change', WRONG_CURRENT_PASSWORDS_PER_15_MIN, 15 * 60);
    // Colleagues' photos are visible to every signed-in member of staff.
    this.files.registerPolicy(PROFILE_PHOTO, () => true);
  }

  async me(auth: AuthUser): Promise<Me> {
    const user = await this.users.get(auth.id);
    return {
      id: user.id,
      staffNumber: user.staffNumber,
      familyName: user.familyName,
      givenName: user.givenName,
      familyNameKana: user.familyNameKana,
      givenNameKana: user.givenNameKana,
      role: user.role,
      locale: user.locale,
      photoFileId: user.photoFileId,
      memberships: await this.memberships.inEffect(user.id, tokyoDate()),
      sessionExpiresAt: auth.sessionExpiresAt.toISOString(),
      sessionIdleMinutes: this.config.SESSION_IDLE_MINUTES,
    };
  }

  async update(auth: AuthUser, input: UpdateMeRequest): Promise<Me> {
    await this.users.setLocale(auth.id, input.locale);
    return this.me({ ...auth, locale: input.locale });
  }

  /** Changes the password and signs out every other session of this person. */
  async changePassword(auth: AuthUser, input: ChangePasswordRequest, client: ClientInfo): Promise<void> {
    await this.passwordGuesses.check(auth.id);
    if (!(await this.users.verifyPassword(auth.id, input.currentPassword))) {
      await this.passwordGuesses.hit(auth.id).catch(() => undefined);
      throw new AppException('auth/wrong_password');
    }
    await this.passwordGuesses.reset(auth.id);
    await this.uow.run(async (tx) => {
      await this.users.setPassword(tx.em, auth.id, input.newPassword);
      const ids = await this.sessions.end(
        tx,
        { userId: auth.id, exceptId: auth.sessionId },
        'password_changed',
      );
      await this.audit.append(tx, {
        type: 'auth.password_changed',
        actorId: auth.id,
        subject: auth.id,
        ipAddress: client.ipAddress,
        data: { endedSessions: ids.length },
      });
    });
  }

  async setPhoto(auth: AuthUser, upload: UploadedFile | undefined): Promise<Me> {
    await this.uow.run(async ({ em }) => {
      const file = await this.files.save(
        em,
        upload,
        {
          purpose: PROFILE_PHOTO,
          maxBytes: PHOTO_MAX_BYTES,
          allowedTypes: PHOTO_TYPES,
          image: { maxSide: PHOTO_MAX_SIDE, format: 'jpeg' },
        },
        auth.id,
      );
      await this.users.update(em, auth.id, { photoFileId: file.id });
    });
    return this.me(auth);
  }
}
