import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export interface PinchHandlers {
  /** Whether a pinch should zoom now. */
  enabled: () => boolean;
  /** The fingers moved: `ratio` is their distance now over their distance at the start. */
  change: (ratio: number) => void;
  /** The fingers left the screen (or the pinch was cancelled: ratio 1). */
  end: (ratio: number) => void;
}

function distance(touches: TouchList): number {
  const [a, b] = [touches[0], touches[1]];
  return a && b ? Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) : 0;
}

/**
 * Two-finger pinch on the element, reported as a ratio of finger distances. While two fingers are down the
 * browser's own page zoom is held back (the viewer zooms the page instead); one finger scrolls and swipes as
 * usual.
 */
export function usePinch(target: Ref<HTMLElement | null>, handlers: PinchHandlers): void {
  let start = 0;
  let ratio = 1;

  const onStart = (event: TouchEvent) => {
    if (event.touches.length !== 2 || !handlers.enabled()) return;
    start = distance(event.touches);
    ratio = 1;
  };
  const onMove = (event: TouchEvent) => {
    if (!start || event.touches.length !== 2) return;
    event.preventDefault();
    ratio = distance(event.touches) / start;
    handlers.change(ratio);
  };
  const onEnd = (event: TouchEvent) => {
    if (!start || event.touches.length >= 2) return;
    start = 0;
    handlers.end(event.type === 'touchcancel' ? 1 : ratio);
  };

  let element: HTMLElement | null = null;
  onMounted(() => {
    element = target.value;
    element?.addEventListener('touchstart', onStart, { passive: true });
    element?.addEventListener('touchmove', onMove, { passive: false });
    element?.addEventListener('touchend', onEnd, { passive: true });
    element?.addEventListener('touchcancel', onEnd, { passive: true });
  });
  onBeforeUnmount(() => {
    element?.removeEventListener('touchstart', onStart);
    element?.removeEventListener('touchmove', onMove);
    element?.removeEventListener('touchend', onEnd);
    element?.removeEventListener('touchcancel', onEnd);
  });
}

/** The index of the zoom step nearest to `wanted` (by ratio, so 1.9 is nearer 2 than 1.5). */
export function nearestZoom(steps: readonly number[], wanted: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++)
    if (Math.abs(Math.log(steps[i] / wanted)) < Math.abs(Math.log(steps[best] / wanted))) best = i;
  return best;
}
