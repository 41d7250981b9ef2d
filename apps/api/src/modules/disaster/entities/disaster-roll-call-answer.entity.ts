import type { DisasterStatus } from '@ringi/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One person's answer to a roll-call; answering again replaces it. */
@Entity('disaster_roll_call_answer')
@Index('disaster_roll_call_answer_user_idx', ['userId'])
export class DisasterRollCallAnswerEntity {
  @PrimaryColumn({ name: 'roll_call_id', type: 'uuid' })
  rollCallId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  status!: DisasterStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', default: () => 'now()' })
  answeredAt!: Date;
}
