import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalRetention } from '@ringi/contracts';
import type { ApprovalState, Assignee, CompletionMode, DocumentStatus } from '@ringi/domain';

export type Disclosure = 'public' | 'partial' | 'private';
export type FieldValues = Record<string, string | number>;

/** A 起案: its content as last saved, its running state on the route (`state`) and its number. */
@Entity('approval_document')
@Index('approval_document_drafter_idx', ['drafterId', 'status', 'updatedAt'])
@Index('approval_document_department_idx', ['departmentId'])
export class ApprovalDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @Column({ name: 'drafter_id', type: 'uuid' })
  drafterId!: string;

  /** The drafter's 本務 department on the day of drafting. */
  @Column({ name: 'department_id', type: 'uuid' })
  departmentId!: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ type: 'text', nullable: true, unique: true })
  number!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({ type: 'jsonb', default: {} })
  fields!: FieldValues;

  @Column({ type: 'text' })
  disclosure!: Disclosure;

  @Column({ type: 'text', default: '' })
  classification!: string;

  @Column({ type: 'text' })
  retention!: ApprovalRetention;

  @Column({ name: 'planned_enforcement_on', type: 'date', nullable: true })
  plannedEnforcementOn!: string | null;

  @Column({ type: 'text', nullable: true })
  counterparty!: string | null;

  /** Integer yen (bigint: read back as a string). */
  @Column({ type: 'bigint', nullable: true })
  amount!: string | null;

  @Column({ type: 'jsonb', default: [] })
  consultations!: { mode: CompletionMode; assignees: Assignee[] }[];

  @Column({ type: 'jsonb', default: [] })
  reviewers!: Assignee[];

  @Column({ name: 'current_version', type: 'integer', default: 1 })
  currentVersion!: number;

  @Column({ type: 'jsonb' })
  state!: ApprovalState;

  @Column({ name: 'lock_version', type: 'integer', default: 0 })
  lockVersion!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'retention_ends_on', type: 'date', nullable: true })
  retentionEndsOn!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
