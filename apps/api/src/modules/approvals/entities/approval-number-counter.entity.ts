import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last serial issued per number prefix (総務) and fiscal year; taken under a row lock. */
@Entity('approval_number_counter')
export class ApprovalNumberCounterEntity {
  @PrimaryColumn({ type: 'text' })
  prefix!: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  @Column({ name: 'last_serial', type: 'integer' })
  lastSerial!: number;
}
