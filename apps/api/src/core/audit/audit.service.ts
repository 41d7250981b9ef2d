import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { AuditEvent, AuditList, AuditQuery, AuditType, AuditVerify } from '@ringi/contracts';
import { canonicalJson } from '@ringi/domain';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditInput {
  type: AuditType;
  actorId?: string | null;
  subject?: string | null;
  data?: Record<string, unknown>;
  ipAddress?: string | null;
}

const GENESIS = '0'.repeat(64);
/** Serialises appends so that every event links to the one before it. */
const AUDIT_LOCK = 7_361_002;

function linkHash(
  prevHash: string,
  e: Pick<AuditEventEntity, 'occurredAt' | 'type' | 'actorId' | 'subject' | 'data' | 'ipAddress'>,
): string {
  const canonical = canonicalJson({
    occurredAt: e.occurredAt.toISOString(),
    type: e.type,
    actorId: e.actorId,
    subject: e.subject,
    data: e.data,
    ipAddress: e.ipAddress,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** The append-only audit log. Rows cannot be updated or deleted (a database trigger refuses it). */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an event inside the caller's unit of work, so it commits (or rolls back) with the change it records.
   * There is deliberately no form without a transaction: an event on its own is `uow.run((tx) => append(tx, …))`,
   * and a nested unit of work joins the outer one, so the chain's lock is never awaited by its own holder.
   */
  async append(tx: Tx, input: AuditInput): Promise<void> {
    const { em } = tx;
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last: { hash: string }[] = await em.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    const event = {
      occurredAt: new Date(),
      type: input.type,
      actorId: input.actorId ?? null,
      subject: input.subject ?? null,
      data: input.data ?? {},
      ipAddress: input.ipAddress ?? null,
    };
    await em.save(AuditEventEntity, { ...event, prevHash, hash: linkHash(prevHash, event) });
  }

  async list(query: AuditQuery): Promise<AuditList> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['e.id AS id', 'e.occurred_at AS "occurredAt"', 'e.type AS type', 'e.actor_id AS "actorId"'])
      .addSelect(['e.subject AS subject', 'e.data AS data', 'e.ip_address AS "ipAddress"', 'e.hash AS hash'])
      .addSelect(`u.family_name || ' ' || u.given_name`, 'actorName')
      .from(AuditEventEntity, 'e')
      .leftJoin('app_user', 'u', 'u.id = e.actor_id')
      .orderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (query.before) qb.andWhere('e.id < :before', { before: query.before });
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    const rows: (Omit<AuditEvent, 'id' | 'occurredAt'> & { id: string; occurredAt: Date })[] =
      await qb.getRawMany();
    const items = rows
      .slice(0, limit)
      .map((r) => ({ ...r, id: Number(r.id), occurredAt: r.occurredAt.toISOString() }));
    return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** Recomputes the whole chain; the first event that does not match is reported. */
  async verify(): Promise<AuditVerify> {
    let prevHash = GENESIS;
    let checked = 0;
    let afterId = '0';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.id > :afterId', { afterId })
        .orderBy('e.id', 'ASC')
        .limit(1000)
        .getMany();
      if (!batch.length) return { ok: true, checked, brokenAt: null };
      for (const e of batch) {
        if (e.prevHash !== prevHash || linkHash(prevHash, e) !== e.hash) {
          return { ok: false, checked, brokenAt: Number(e.id) };
        }
        prevHash = e.hash;
        checked += 1;
        afterId = e.id;
      }
    }
  }
}
