import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the 専決規程: a category (or every category) up to an amount is decided by a position. */
@Entity('decision_authority_rule')
export class DecisionAuthorityRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  /** Inclusive upper bound in yen (bigint: read back as a string). */
  @Column({ name: 'up_to', type: 'bigint', nullable: true })
  upTo!: string | null;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
