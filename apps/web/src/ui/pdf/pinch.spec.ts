import { nearestZoom } from './pinch';

describe('pinch zoom steps', () => {
  const steps = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
  it('picks the step nearest by ratio', () => {
    expect(steps[nearestZoom(steps, 1.9)]).toBe(2);
    expect(steps[nearestZoom(steps, 1.1)]).toBe(1);
    expect(steps[nearestZoom(steps, 0.1)]).toBe(0.5);
    expect(steps[nearestZoom(steps, 9)]).toBe(3);
  });
});
