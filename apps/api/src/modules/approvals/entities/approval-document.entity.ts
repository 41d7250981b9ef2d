import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalRetention } from '@ringi/contracts';
import type { ApprovalState, Assignee, CompletionMode, DocumentStatus } from '@ringi/domain';

export type Disclosure = 'public' | 'partial' | 'private';
export type FieldValues = Record<string, string | number>;

/** A 起案: its content as last saved, its running state on the route (`state`) and its number. */
@Entity('approval_document')
@Index('approval_document_drafter_idx', ['drafterId', 'status', 'updatedAt'])
@Index('approval_document_department_idx', ['departmentId'])
@Index('approval_document_binder_idx', ['binderId'])
@Index('approval_document_decided_idx', ['departmentId', 'decidedAt'], { where: 'decided_at IS NOT NULL' })
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

  /** 秘文書: only its route and administrators find or open it (see ApprovalDocumentPolicy). */
  @Column({ type: 'boolean', default: false })
  secret!: boolean;

  /** 時限秘: the last secret day; the day after, it opens by itself. */
  @Column({ name: 'secret_until', type: 'date', nullable: true })
  secretUntil!: string | null;

  /** The binder (簿冊, records module) it is filed in. */
  @Column({ name: 'binder_id', type: 'uuid', nullable: true })
  binderId!: string | null;

  /** 書面決定: why it was decided on paper, and who decided it (as written on the paper). */
  @Column({ name: 'paper_reason', type: 'text', nullable: true })
  paperReason!: string | null;

  @Column({ name: 'paper_decided_by', type: 'text', nullable: true })
  paperDecidedBy!: string | null;

  /** The registering device's id of a 書面決定 (a resend answers the first registration). */
  @Column({ name: 'paper_client_id', type: 'uuid', nullable: true, unique: true })
  paperClientId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
