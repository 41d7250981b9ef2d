import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An all-staff roll-call (安否確認) started by an administrator; open until `closedAt`. */
@Entity('disaster_roll_call')
@Index('disaster_roll_call_created_idx', ['createdAt'])
export class DisasterRollCallEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  message!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;
}
