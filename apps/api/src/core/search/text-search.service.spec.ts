import { TextSearchService } from './text-search.service';

describe('TextSearchService', () => {
  const search = new TextSearchService();

  it('splits a query into words at any white space (ideographic space too), without duplicates', () => {
    expect(search.terms('予算　編成 予算')).toEqual(['予算', '編成']);
    expect(search.terms('  ')).toEqual([]);
    expect(search.terms(undefined)).toEqual([]);
    expect(search.terms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('asks the index for every word and confirms each in the normalised text', () => {
    const params: unknown[] = ['x'];
    const sql = search.indexedMatchSql('t', ['予算', '会'], params);
    expect(params).toEqual(['x', '予算', '会']);
    expect(sql).toContain('t.grams @> ringi_search_grams($2::text)');
    expect(sql).toContain('strpos(t.norm, ringi_search_norm($3::text)) > 0');
    expect(search.indexedMatchSql('t', [], [])).toBe('TRUE');
  });

  it('cuts a snippet around the first word found, mapping full-width, case and line breaks back to the text', () => {
    const text = '令和8年度\n予算\n編成方針について。歳入の確保と歳出の見直しを進める。';
    expect(search.snippet(text, ['予算編成'])).toEqual({
      before: '令和8年度 ',
      match: '予算\n編成',
      after: '方針について。歳入の確保と歳出の見直しを進める。',
    });
    expect(search.snippet('Trace-based JIT', ['ＴＲＡＣＥ']).match).toBe('Trace');
    const long = `${'あ'.repeat(50)}予算${'い'.repeat(50)}`;
    const s = search.snippet(long, ['予算']);
    expect(s.before.startsWith('…')).toBe(true);
    expect(s.after.endsWith('…')).toBe(true);
    expect(s.before.length).toBe(31);
    expect(search.snippet('本文だけ', ['ない'])).toEqual({ before: '', match: '', after: '本文だけ' });
  });
});
