import { anchorNear, centreOf } from './notes';

describe('anchoring a note to the words near it', () => {
  const text = '第2章 歳出の見直し\n補助金の交付基準を見直す。';
  const boxes = [
    { start: 0, end: 10, rect: { x: 0.1, y: 0.1, width: 0.4, height: 0.03 } },
    { start: 11, end: 24, rect: { x: 0.1, y: 0.2, width: 0.6, height: 0.03 } },
  ];

  it('takes the text item under or nearest to the note, with its context', () => {
    expect(anchorNear(text, boxes, { x: 0.3, y: 0.21 })).toEqual({
      quote: '補助金の交付基準を見直す。',
      prefix: '第2章 歳出の見直し\n',
      suffix: '',
      start: 11,
    });
    expect(anchorNear(text, boxes, { x: 0.9, y: 0.11 }).quote).toBe('第2章 歳出の見直し');
  });

  it('has an empty quote on a page without text', () => {
    expect(anchorNear('', [], { x: 0.5, y: 0.5 })).toEqual({ quote: '', prefix: '', suffix: '', start: 0 });
  });

  it('finds the middle of a stroke', () => {
    expect(centreOf([0.1, 0.2, 0.3, 0.6, 0.2, 0.4])).toEqual({ x: 0.2, y: 0.4 });
  });
});
