import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DepartmentKind } from '@ringi/contracts';

/**
 * What a department is from `validFrom` to `validTo` (inclusive; open-ended when null): its name, reading,
 * kind, parent and document-number prefix. A department exists on the days its versions cover; the
 * database refuses overlapping versions of one department.
 */
@Entity('department_version')
@Index('department_version_parent_idx', ['parentId'])
export class DepartmentVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_kana', type: 'text' })
  nameKana!: string;

  @Column({ type: 'text' })
  kind!: DepartmentKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ name: 'number_prefix', type: 'text', nullable: true })
  numberPrefix!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
