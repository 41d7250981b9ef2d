import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeputySource } from '@ringi/contracts';

/**
 * A deputy (代決者) registration: `deputyUserId` may act for a person (`principalUserId`) or for whoever holds
 * a position of a department (`principalPositionId` + `principalDepartmentId`) from `validFrom` to `validTo`
 * (inclusive; open-ended when null).
 */
@Entity('deputy')
@Index('deputy_principal_user_idx', ['principalUserId'])
@Index('deputy_deputy_user_idx', ['deputyUserId'])
export class DeputyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'principal_user_id', type: 'uuid', nullable: true })
  principalUserId!: string | null;

  @Column({ name: 'principal_position_id', type: 'uuid', nullable: true })
  principalPositionId!: string | null;

  @Column({ name: 'principal_department_id', type: 'uuid', nullable: true })
  principalDepartmentId!: string | null;

  @Column({ name: 'deputy_user_id', type: 'uuid' })
  deputyUserId!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text', default: '' })
  reason!: string;

  @Column({ type: 'text' })
  source!: DeputySource;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
