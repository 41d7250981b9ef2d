import type { NoteAnchor, NoteColor } from '@ringi/contracts';
import { describeAnchor } from '@ringi/domain';

/**
 * What a finger or the mouse does on the page: read (turn pages, select text), draw, place a memo, or (the
 * presenter) point at a spot for everyone.
 */
export type NoteTool = 'read' | 'pen' | 'highlight' | 'text' | 'point';

export const NOTE_RGB: Record<NoteColor, string> = {
  red: '#d61f1f',
  blue: '#1a52d9',
  black: '#1a1a1a',
  yellow: '#ffd91a',
  green: '#1a9940',
  pink: '#f266b3',
};
export const PEN_COLORS: readonly NoteColor[] = ['red', 'blue', 'black'];
export const HIGHLIGHT_COLORS: readonly NoteColor[] = ['yellow', 'green', 'pink'];
/** Line widths as fractions of the page's width. */
export const PEN_WIDTH = 0.004;
export const HIGHLIGHT_WIDTH = 0.02;

interface Box {
  start: number;
  end: number;
  rect: { x: number; y: number; width: number; height: number };
}

/** The middle of a stroke (x, y, x, y …). */
export function centreOf(points: readonly number[]): { x: number; y: number } {
  let minX = 1;
  let minY = 1;
  let maxX = 0;
  let maxY = 0;
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
}

/**
 * The anchor of a note at `point`: the text item nearest to it on the page (the words it is written on or
 * beside), with its context; an empty quote on a page without text.
 */
export function anchorNear(text: string, boxes: readonly Box[], point: { x: number; y: number }): NoteAnchor {
  let best: Box | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const box of boxes) {
    if (box.end <= box.start || !text.slice(box.start, box.end).trim()) continue;
    const { x, y, width, height } = box.rect;
    const dx = Math.max(x - point.x, 0, point.x - (x + width));
    const dy = Math.max(y - point.y, 0, point.y - (y + height));
    // Being on the same line counts for more than being near sideways.
    const distance = (dx / 2) ** 2 + (dy * 3) ** 2;
    if (distance < bestDistance) {
      best = box;
      bestDistance = distance;
    }
  }
  if (!best) return { quote: '', prefix: '', suffix: '', start: 0 };
  return describeAnchor(text, best.start, best.end);
}
