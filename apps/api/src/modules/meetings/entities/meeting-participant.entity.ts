import type { MeetingRole } from '@ringi/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A participant: a person, or a whole department (its members on the day). Exactly one of the two is set. */
@Entity('meeting_participant')
@Index('meeting_participant_user_uq', ['meetingId', 'userId'], { unique: true, where: 'user_id IS NOT NULL' })
@Index('meeting_participant_department_uq', ['meetingId', 'departmentId'], {
  unique: true,
  where: 'department_id IS NOT NULL',
})
@Index('meeting_participant_user_idx', ['userId'])
@Index('meeting_participant_department_idx', ['departmentId'])
export class MeetingParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId!: string | null;

  @Column({ type: 'text' })
  role!: MeetingRole;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
