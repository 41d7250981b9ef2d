import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalFormDefinition, ApprovalRetention } from '@ringi/contracts';
import type { DocumentKind, NumberingTiming } from '@ringi/domain';

/** A form a 起案 starts from (一般起案, 支出負担行為 …), with its 専決規程 category and defaults. */
@Entity('approval_template')
export class ApprovalTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  @Column({ type: 'jsonb' })
  form!: ApprovalFormDefinition;

  @Column({ name: 'default_retention', type: 'text' })
  defaultRetention!: ApprovalRetention;

  @Column({ name: 'numbering_timing', type: 'text' })
  numberingTiming!: NumberingTiming;

  @Column({ type: 'boolean', default: false })
  financial!: boolean;

  @Column({ name: 'department_visible', type: 'boolean', default: false })
  departmentVisible!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
