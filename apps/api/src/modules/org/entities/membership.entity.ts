import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An assignment (発令) of a person to a department with a position, effective from `validFrom` to `validTo`
 * (inclusive; open-ended when null). One primary (本務) at a time, any number of concurrent posts (兼務);
 * the database enforces the former with an exclusion constraint.
 */
@Entity('membership')
@Index('membership_user_idx', ['userId'])
@Index('membership_department_idx', ['departmentId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary!: boolean;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
