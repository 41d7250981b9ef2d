import type { MeetingKind, MeetingStatus } from '@ringi/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A meeting (会議): what, when, where, who organises it, and where it is in its life. */
@Entity('meeting')
@Index('meeting_organiser_idx', ['organiserId', 'startsAt'])
@Index('meeting_starts_idx', ['startsAt'])
@Index('meeting_dispose_after_idx', ['disposeAfter'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  kind!: MeetingKind;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', default: '' })
  place!: string;

  @Column({ name: 'organiser_id', type: 'uuid' })
  organiserId!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: MeetingStatus;

  /** The day after which it may be disposed of (廃棄); null: kept. */
  @Column({ name: 'dispose_after', type: 'date', nullable: true })
  disposeAfter!: string | null;

  @Column({ name: 'distributed_at', type: 'timestamptz', nullable: true })
  distributedAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When it was disposed of (廃棄): the row stays as a tombstone, nothing of it is readable any more. */
  @Column({ name: 'disposed_at', type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @Column({ name: 'lock_version', type: 'integer', default: 0 })
  lockVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
