import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A meeting's minutes (議事録): text, a PDF, or both; one row per meeting, written after it or at any time. */
@Entity('meeting_minutes')
@Index('meeting_minutes_file_idx', ['storedFileId'])
export class MeetingMinutesEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ type: 'text', default: '' })
  text!: string;

  @Column({ name: 'stored_file_id', type: 'uuid', nullable: true })
  storedFileId!: string | null;

  /** Moves on with every change (optimistic concurrency). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
