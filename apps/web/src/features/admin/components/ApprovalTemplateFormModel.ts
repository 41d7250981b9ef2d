import type { APPROVAL_FIELD_TYPES, ApprovalFieldDefinition } from '@ringi/contracts';

export type ApprovalFieldType = (typeof APPROVAL_FIELD_TYPES)[number];
export type FieldProp = 'key' | 'label' | 'labelEn' | 'type' | 'required' | 'choices' | 'maxLength';
export type FieldErrors = Record<number, Partial<Record<FieldProp, string>>>;

/** A form field of a template as the administrator edits it: choices as lines, numbers as typed text. */
export interface FieldDraft {
  /** Stable identity in the list while fields move up and down (not sent). */
  uid: number;
  key: string;
  label: string;
  labelEn: string;
  type: ApprovalFieldType;
  required: boolean;
  choicesText: string;
  /** As typed (a number input's v-model gives a number, or '' when empty). */
  maxLength: string | number;
}

/** A whole number typed in a box ('' or a number), NaN when it is not one; null when the box is empty. */
export function wholeNumber(value: string | number): number | null {
  const text = String(value).trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

let nextUid = 1;

export function draftOf(definition?: ApprovalFieldDefinition): FieldDraft {
  return {
    uid: nextUid++,
    key: definition?.key ?? '',
    label: definition?.label ?? '',
    labelEn: definition?.labelEn ?? '',
    type: definition?.type ?? 'text',
    required: definition?.required ?? false,
    choicesText: (definition?.choices ?? []).join('\n'),
    maxLength: definition?.maxLength === undefined ? '' : String(definition.maxLength),
  };
}

/** The definition to send (checked by the contract schema before): choices only for `choice`, a limit only for `text`. */
export function definitionOf(draft: FieldDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    key: draft.key.trim(),
    label: draft.label,
    labelEn: draft.labelEn,
    type: draft.type,
    required: draft.required,
  };
  if (draft.type === 'choice')
    out.choices = draft.choicesText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
  const maxLength = wholeNumber(draft.maxLength);
  if (draft.type === 'text' && maxLength !== null) out.maxLength = maxLength;
  return out;
}

/** Rows whose key an earlier row already uses (a document keeps one value per key). */
export function duplicateKeyRows(drafts: readonly FieldDraft[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  for (const draft of drafts) {
    const key = draft.key.trim();
    if (key !== '' && seen.has(key)) out.push(draft.uid);
    seen.add(key);
  }
  return out;
}
