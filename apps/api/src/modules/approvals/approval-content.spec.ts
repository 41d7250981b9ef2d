import { AppException } from '../../core/errors/app.exception';
import { checkFields, contentHash } from './approval-content';
import type { ApprovalTemplateEntity } from './entities/approval-template.entity';

const template = {
  form: {
    v: 1,
    fields: [
      {
        key: 'destination',
        label: '出張先',
        labelEn: 'Destination',
        type: 'text',
        required: true,
        maxLength: 10,
      },
      { key: 'startDate', label: '出発日', labelEn: 'From', type: 'date', required: true },
      { key: 'cost', label: '旅費', labelEn: 'Cost', type: 'amount', required: false },
      { key: 'nights', label: '泊数', labelEn: 'Nights', type: 'number', required: false },
      { key: 'grade', label: '区分', labelEn: 'Grade', type: 'choice', required: false, choices: ['A', 'B'] },
    ],
  },
} as unknown as ApprovalTemplateEntity;

function problems(fields: Record<string, string | number>, complete: boolean): string[] {
  try {
    checkFields(template, fields, complete);
    return [];
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    return (error.details ?? []).map((d) => `${String(d.path?.[1])}:${d.message}`);
  }
}

describe('checking field values against a template form (v1)', () => {
  it('accepts a partial draft and refuses it on submission for each missing required field', () => {
    expect(problems({ destination: '東京' }, false)).toEqual([]);
    expect(problems({ destination: '東京' }, true)).toEqual(['startDate:required']);
  });

  it('refuses unknown keys, amounts that are not whole yen, impossible dates, choices not offered and long text', () => {
    expect(
      problems(
        { other: 'x', cost: 10.5, startDate: '2026-02-30', grade: 'C', destination: 'あ'.repeat(11) },
        false,
      ),
    ).toEqual([
      'other:unknown field',
      'destination:text',
      'startDate:date (YYYY-MM-DD)',
      'cost:amount in whole yen',
      'grade:choice',
    ]);
    expect(problems({ cost: -1 }, false)).toEqual(['cost:amount in whole yen']);
    expect(problems({ nights: '2' }, false)).toEqual(['nights:number']);
  });

  it('hashes the same content the same way whatever the key order', () => {
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
