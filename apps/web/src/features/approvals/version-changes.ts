/**
 * What changed from one version of a document to the next (a resubmission after a send-back): the content keys a
 * version freezes (see the API's `versionContent`), compared value by value, and the attachments by their
 * sha256 (a file of the same name with other bytes is a replaced file).
 */
export type VersionContent = Record<string, unknown>;

export interface VersionAttachmentRef {
  name: string;
  sha256: string;
}

export type VersionChange =
  | { kind: 'value'; key: string; before: unknown; after: unknown }
  | { kind: 'field'; key: string; before: unknown; after: unknown }
  | { kind: 'attachment_added'; name: string }
  | { kind: 'attachment_removed'; name: string };

/** The content keys shown as changes, in the order a reader expects them. */
export const VERSION_KEYS = [
  'title',
  'body',
  'amount',
  'counterparty',
  'fiscalYear',
  'classification',
  'retention',
  'disclosure',
  'plannedEnforcementOn',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function attachmentsOf(content: VersionContent): VersionAttachmentRef[] {
  const list = content.attachments;
  return Array.isArray(list)
    ? list.filter(
        (a): a is VersionAttachmentRef =>
          typeof a === 'object' && a !== null && typeof a.name === 'string' && typeof a.sha256 === 'string',
      )
    : [];
}

export function versionChanges(before: VersionContent, after: VersionContent): VersionChange[] {
  const changes: VersionChange[] = [];
  for (const key of VERSION_KEYS)
    if (!same(before[key], after[key]))
      changes.push({ kind: 'value', key, before: before[key], after: after[key] });
  const fieldsBefore = (before.fields ?? {}) as Record<string, unknown>;
  const fieldsAfter = (after.fields ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(fieldsBefore), ...Object.keys(fieldsAfter)])])
    if (!same(fieldsBefore[key], fieldsAfter[key]))
      changes.push({ kind: 'field', key, before: fieldsBefore[key], after: fieldsAfter[key] });
  const had = attachmentsOf(before);
  const has = attachmentsOf(after);
  for (const a of has)
    if (!had.some((b) => b.sha256 === a.sha256)) changes.push({ kind: 'attachment_added', name: a.name });
  for (const b of had)
    if (!has.some((a) => a.sha256 === b.sha256)) changes.push({ kind: 'attachment_removed', name: b.name });
  return changes;
}
