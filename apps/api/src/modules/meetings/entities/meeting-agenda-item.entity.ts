import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One item of a meeting's agenda (議題), in `position` order (0, 1, 2 … without gaps). */
@Entity('meeting_agenda_item')
@Index('meeting_agenda_item_meeting_idx', ['meetingId', 'position'])
export class MeetingAgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'presenter_id', type: 'uuid', nullable: true })
  presenterId!: string | null;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
