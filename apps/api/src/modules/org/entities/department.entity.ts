import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DepartmentKind } from '@ringi/contracts';

/** A unit of the town hall: 部局・室 (office), 課 (division) or 係 (section), as a tree. */
@Entity('department')
@Index('department_parent_idx', ['parentId'])
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_kana', type: 'text' })
  nameKana!: string;

  @Column({ type: 'text' })
  kind!: DepartmentKind;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
