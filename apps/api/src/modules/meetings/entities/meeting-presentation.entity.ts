import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a meeting in session shows now: one row per meeting (the live session's shared state). */
@Entity('meeting_presentation')
export class MeetingPresentationEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'material_id', type: 'uuid' })
  materialId!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @Column({ type: 'integer' })
  page!: number;

  @Column({ type: 'boolean', default: false })
  forced!: boolean;

  @Column({ name: 'presenter_id', type: 'uuid' })
  presenterId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
