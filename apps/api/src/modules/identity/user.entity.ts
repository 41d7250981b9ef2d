import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale, Role } from '@ringi/contracts';

/** A member of staff who can sign in. The org module adds their assignments (membership). */
@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_number', type: 'text', unique: true })
  staffNumber!: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName!: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Column({ name: 'family_name_kana', type: 'text' })
  familyNameKana!: string;

  @Column({ name: 'given_name_kana', type: 'text' })
  givenNameKana!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', default: 'staff' })
  role!: Role;

  @Column({ type: 'text', default: 'ja' })
  locale!: Locale;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'photo_file_id', type: 'uuid', nullable: true })
  photoFileId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
