import { describeAnchor } from '@ringi/domain';
import { findAnchor, relocate } from './note-anchoring';

const v1 = [
  '令和8年度 予算編成方針\n各課は前年度比5%の削減を目標とする。',
  '第2章 歳出の見直し\n補助金の交付基準を見直し、効果の低い事業は廃止する。',
  '第3章 歳入の確保\nふるさと納税の返礼品を拡充する。',
];

describe('note anchoring across a corrected version', () => {
  it('follows its words to the next page when a page is inserted before them', () => {
    const v2 = [v1[0], '追加資料\n人口推計の更新について。', v1[1], v1[2]];
    const anchor = describeAnchor(v1[1], v1[1].indexOf('補助金'), v1[1].indexOf('補助金') + 9);
    const moved = relocate(v1, v2, 2, anchor);
    expect(moved).toEqual({ page: 3, anchor, changed: false });
  });

  it('marks the page changed when its words moved but were edited a little', () => {
    const edited = '第2章 歳出の見直し\n補助金の交付基準を全面的に見直し、効果の低い事業は廃止する。';
    const v2 = ['表紙', v1[0], edited, v1[2]];
    const anchor = describeAnchor(v1[1], v1[1].indexOf('補助金'), v1[1].indexOf('補助金') + 12);
    const moved = relocate(v1, v2, 2, anchor);
    expect(moved.page).toBe(3);
    expect(moved.changed).toBe(true);
    expect(moved.anchor.quote).toContain('補助金');
  });

  it('stays on its page, unchanged, when only another page changed', () => {
    const v2 = [v1[0], v1[1], '第3章 歳入の確保\n企業版ふるさと納税を活用する。'];
    const anchor = describeAnchor(v1[0], 0, 6);
    expect(relocate(v1, v2, 1, anchor)).toEqual({ page: 1, anchor, changed: false });
  });

  it('tells repeated words apart by the text around them', () => {
    const pages = ['Total: 100\nA', 'Total: 100\nB', 'Total: 100\nC'];
    const anchor = describeAnchor(pages[2], 0, 10);
    expect(findAnchor(['x', ...pages], anchor, 3, 3)?.page).toBe(4);
  });

  it('gives up on words that are gone, keeping the page number within the new length, marked changed', () => {
    const anchor = describeAnchor(v1[2], v1[2].indexOf('ふるさと'), v1[2].indexOf('ふるさと') + 7);
    const moved = relocate(v1, ['全く別の資料です。', '二ページ目'], 3, anchor);
    expect(moved).toEqual({ page: 2, anchor, changed: true });
  });

  it('moves a note without a quote (a bookmark) with its page, found by the page’s opening words', () => {
    const anchor = { quote: '', prefix: '', suffix: '', start: 0 };
    expect(relocate(v1, ['新しい表紙', ...v1], 3, anchor)).toMatchObject({ page: 4, changed: false });
    const corrected = ['目次', v1[0].replace('5%', '3%'), v1[1], v1[2]];
    expect(relocate(v1, corrected, 1, anchor)).toMatchObject({ page: 2, changed: true });
    expect(relocate(['', ''], ['', ''], 2, anchor)).toMatchObject({ page: 2, changed: true });
  });
});
