import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export interface SwipeHandlers {
  /** Whether a swipe should act now (e.g. not while the content is zoomed and scrolls sideways). */
  enabled: () => boolean;
  /** A swipe from right to left (the next page). */
  left: () => void;
  /** A swipe from left to right (the previous page). */
  right: () => void;
}

/** Least sideways travel of a swipe, in CSS pixels. */
const MIN_DISTANCE = 60;
/** Longest a swipe may take; a slower drag is a scroll or a text selection. */
const MAX_DURATION_MS = 800;

/**
 * Calls `left`/`right` for a quick one-finger horizontal swipe on the element. Passive listeners only: it never
 * blocks scrolling or pinch zoom.
 */
export function useSwipe(target: Ref<HTMLElement | null>, handlers: SwipeHandlers): void {
  let start: { x: number; y: number; at: number } | null = null;

  const onStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    start =
      event.touches.length === 1 && touch ? { x: touch.clientX, y: touch.clientY, at: Date.now() } : null;
  };
  const onEnd = (event: TouchEvent) => {
    const touch = event.changedTouches[0];
    const from = start;
    start = null;
    if (!from || !touch || event.touches.length > 0 || !handlers.enabled()) return;
    const dx = touch.clientX - from.x;
    const dy = touch.clientY - from.y;
    if (Date.now() - from.at > MAX_DURATION_MS) return;
    if (Math.abs(dx) < MIN_DISTANCE || Math.abs(dx) < Math.abs(dy) * 2) return;
    if (dx < 0) handlers.left();
    else handlers.right();
  };
  const onCancel = () => {
    start = null;
  };

  let element: HTMLElement | null = null;
  onMounted(() => {
    element = target.value;
    element?.addEventListener('touchstart', onStart, { passive: true });
    element?.addEventListener('touchend', onEnd, { passive: true });
    element?.addEventListener('touchcancel', onCancel, { passive: true });
  });
  onBeforeUnmount(() => {
    element?.removeEventListener('touchstart', onStart);
    element?.removeEventListener('touchend', onEnd);
    element?.removeEventListener('touchcancel', onCancel);
  });
}
