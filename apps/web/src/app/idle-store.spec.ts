import { ACTIVITY_PATH, SESSION_TIME_HEADER } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { configureHttp } from './http';
import { reportEveryMs, SAFETY_MARGIN_MS, useIdleStore, warnBeforeMs } from './idle-store';

/** The server's answers are stubbed at fetch: each carries the session time header, as the API sends it. */
const calls: string[] = [];
function answerWith(idleSeconds: number, absoluteSeconds: number): void {
  globalThis.fetch = jest.fn((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return Promise.resolve(
      new Response(null, {
        status: 204,
        headers: { [SESSION_TIME_HEADER]: `idle=${idleSeconds}, absolute=${absoluteSeconds}` },
      }),
    );
  });
}

describe('idle store', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    setActivePinia(createPinia());
    calls.length = 0;
    configureHttp({
      locale: () => 'ja',
      networkMessage: () => 'network',
      onUnauthorized: () => undefined,
      onError: () => undefined,
      onSessionTime: (time) => useIdleStore().fromServer(time),
    });
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.useRealTimers();
  });

  it('knows nothing before the server said how long the session has left', () => {
    expect(useIdleStore().remaining()).toBeNull();
  });

  it('counts down from the server’s remaining time, on this device’s clock from the moment of the answer', () => {
    const idle = useIdleStore();
    const receivedAt = 1_000_000;
    idle.fromServer({ idleSeconds: 70, absoluteSeconds: 3600 }, receivedAt);
    // The device's own clock of its last request plays no part: only the answer counts.
    expect(idle.remaining(receivedAt)).toBe(70_000 - SAFETY_MARGIN_MS);
    expect(idle.remaining(receivedAt + 30_000)).toBe(40_000 - SAFETY_MARGIN_MS);
    expect(idle.endsBy).toBe('idle');
  });

  it('says when the absolute lifetime ends first, which activity cannot put off', () => {
    const idle = useIdleStore();
    idle.fromServer({ idleSeconds: 1800, absoluteSeconds: 300 }, 0);
    expect(idle.endsBy).toBe('lifetime');
    expect(idle.remaining(0)).toBe(300_000 - SAFETY_MARGIN_MS);
  });

  it('takes the time from any answer of the one HTTP client', async () => {
    answerWith(42, 500);
    const idle = useIdleStore();
    await idle.check();
    expect(calls).toEqual(['GET /api/me']);
    const left = idle.remaining() ?? 0;
    expect(left).toBeLessThanOrEqual(42_000 - SAFETY_MARGIN_MS);
    expect(left).toBeGreaterThan(41_000 - SAFETY_MARGIN_MS);
  });

  it('reports activity at once, then at most once per interval, with one report at the end of it', async () => {
    jest.useFakeTimers({ now: 10_000_000 });
    answerWith(1800, 40_000);
    const idle = useIdleStore();
    idle.noteActivity(30);
    expect(calls).toEqual([`POST ${ACTIVITY_PATH}`]);
    for (let i = 0; i < 20; i++) {
      jest.advanceTimersByTime(1_000);
      idle.noteActivity(30);
    }
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(40_000);
    expect(calls).toHaveLength(2);
    // Nothing happened since: nothing more is reported.
    await jest.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(2);
  });

  it('reports at least four times per idle period and warns early enough to answer', () => {
    expect(reportEveryMs(30)).toBe(60_000);
    expect(reportEveryMs(1)).toBe(15_000);
    expect(warnBeforeMs(30)).toBe(180_000);
    expect(warnBeforeMs(1)).toBe(20_000);
  });
});
