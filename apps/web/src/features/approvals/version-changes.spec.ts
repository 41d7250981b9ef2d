import { versionChanges } from './version-changes';

const v1 = {
  title: '公用車の購入について',
  body: '本文',
  amount: 1_200_000,
  counterparty: '株式会社 町内自動車',
  fields: { budgetItem: '総務費', payment: '口座振替' },
  attachments: [
    { name: '見積書.pdf', sha256: 'a'.repeat(64) },
    { name: '仕様書.docx', sha256: 'b'.repeat(64) },
  ],
};

describe('what changed between two versions of a document', () => {
  it('finds nothing between equal versions', () => {
    expect(versionChanges(v1, structuredClone(v1))).toEqual([]);
  });

  it('lists changed values, template fields and attachments added, removed or replaced (by their bytes)', () => {
    const v2 = {
      ...v1,
      amount: 980_000,
      fields: { budgetItem: '総務費', payment: '現金' },
      attachments: [
        { name: '見積書.pdf', sha256: 'c'.repeat(64) },
        { name: '仕様書.docx', sha256: 'b'.repeat(64) },
        { name: '比較表.xlsx', sha256: 'd'.repeat(64) },
      ],
    };
    expect(versionChanges(v1, v2)).toEqual([
      { kind: 'value', key: 'amount', before: 1_200_000, after: 980_000 },
      { kind: 'field', key: 'payment', before: '口座振替', after: '現金' },
      { kind: 'attachment_added', name: '見積書.pdf' },
      { kind: 'attachment_added', name: '比較表.xlsx' },
      { kind: 'attachment_removed', name: '見積書.pdf' },
    ]);
  });

  it('treats a missing value and null alike, and a field given a value as changed', () => {
    expect(versionChanges({ counterparty: null }, {})).toEqual([]);
    expect(versionChanges({ fields: {} }, { fields: { note: '追記' } })).toEqual([
      { kind: 'field', key: 'note', before: undefined, after: '追記' },
    ]);
  });
});
