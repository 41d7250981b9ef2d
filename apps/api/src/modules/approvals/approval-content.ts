import { createHash } from 'node:crypto';
import type { ErrorDetail } from '@ringi/contracts';
import { canonicalJson, isCalendarDate } from '@ringi/domain';
import { AppException } from '../../core/errors/app.exception';
import type { VersionAttachment } from './approval-attachments.service';
import type { ApprovalDocumentEntity, FieldValues } from './entities/approval-document.entity';
import type { ApprovalTemplateEntity } from './entities/approval-template.entity';

/**
 * Checks a document's field values against its template's form (`v: 1`): no unknown key, each value of its
 * field's type (amounts and numbers as numbers, amounts in whole yen, dates as real days, choices among the
 * offered ones). With `complete`, required fields must have a value (on submission; a draft may be partial).
 */
export function checkFields(template: ApprovalTemplateEntity, fields: FieldValues, complete: boolean): void {
  const details: ErrorDetail[] = [];
  const defs = new Map(template.form.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(fields))
    if (!defs.has(key)) details.push({ path: ['fields', key], message: 'unknown field' });
  for (const def of template.form.fields) {
    const value = fields[def.key];
    const path = ['fields', def.key];
    if (value === undefined || value === '') {
      if (complete && def.required) details.push({ path, message: 'required' });
      continue;
    }
    switch (def.type) {
      case 'text':
        if (typeof value !== 'string' || value.length > (def.maxLength ?? 2000))
          details.push({ path, message: 'text' });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) details.push({ path, message: 'number' });
        break;
      case 'amount':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
          details.push({ path, message: 'amount in whole yen' });
        break;
      case 'date':
        if (typeof value !== 'string' || !isCalendarDate(value))
          details.push({ path, message: 'date (YYYY-MM-DD)' });
        break;
      case 'choice':
        if (typeof value !== 'string' || !(def.choices ?? []).includes(value))
          details.push({ path, message: 'choice' });
        break;
    }
  }
  if (details.length) throw new AppException('approval/invalid_fields', details);
}

/**
 * The content a version freezes: what was submitted, without the route's running data, with each attachment's
 * name, size and sha256 (so the version's hash covers the files' bytes).
 */
export function versionContent(
  doc: ApprovalDocumentEntity,
  attachments: readonly VersionAttachment[],
): Record<string, unknown> {
  return {
    templateId: doc.templateId,
    drafterId: doc.drafterId,
    departmentId: doc.departmentId,
    fiscalYear: doc.fiscalYear,
    title: doc.title,
    body: doc.body,
    fields: doc.fields,
    disclosure: doc.disclosure,
    classification: doc.classification,
    retention: doc.retention,
    plannedEnforcementOn: doc.plannedEnforcementOn,
    counterparty: doc.counterparty,
    amount: doc.amount === null ? null : Number(doc.amount),
    attachments: attachments.map(({ fileId, name, mimeType, size, sha256 }) => ({
      fileId,
      name,
      mimeType,
      size,
      sha256,
    })),
  };
}

/** sha256 over the canonical JSON of a version's content. */
export function contentHash(content: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
