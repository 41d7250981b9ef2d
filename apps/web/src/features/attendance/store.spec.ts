import type { AttendanceToday } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { configureHttp } from '../../app/http';
import { useAttendanceStore } from './store';

/** Only what the store passes on; the screens read the rest. */
const today = (clockIn: string | null) => ({ date: '2026-12-08', clockIn }) as unknown as AttendanceToday;

/** Each request waits until the test answers it, so answers can arrive in another order than the questions. */
const waiting: { call: string; answer: (body: unknown) => void }[] = [];
function stubFetch(): void {
  globalThis.fetch = jest.fn(
    (input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve) => {
        waiting.push({
          call: `${init?.method ?? 'GET'} ${String(input)}`,
          answer: (body) =>
            resolve(
              new Response(JSON.stringify(body), {
                status: 200,
                headers: { 'content-type': 'application/json' },
              }),
            ),
        });
      }),
  );
}
const answer = (call: string, body: unknown) => {
  const i = waiting.findIndex((w) => w.call === call);
  if (i < 0) throw new Error(`${call} was not asked (asked: ${waiting.map((w) => w.call).join(', ')})`);
  waiting.splice(i, 1)[0]!.answer(body);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attendance store', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    setActivePinia(createPinia());
    waiting.length = 0;
    configureHttp({
      locale: () => 'ja',
      networkMessage: () => 'network',
      onUnauthorized: () => undefined,
      onError: () => undefined,
      onSessionTime: () => undefined,
    });
    stubFetch();
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('keeps the clock-in when an older load of today is answered after it', async () => {
    const store = useAttendanceStore();
    const loading = store.load(); // e.g. after the socket reconnected
    await settle();
    const tapping = store.tap('clock_in', 'office', '');
    await settle();
    answer('POST /api/attendance/punches', { today: today('2026-12-08T08:25:00+09:00') });
    expect(await tapping).toBe(true);
    answer('GET /api/attendance/today', today(null)); // read before the punch was saved
    await loading;
    expect(store.today).toEqual(today('2026-12-08T08:25:00+09:00'));
  });

  it('takes a load that was asked after the last change', async () => {
    const store = useAttendanceStore();
    store.onPunched(today(null));
    const loading = store.load();
    await settle();
    answer('GET /api/attendance/today', today('2026-12-08T08:25:00+09:00'));
    await loading;
    expect(store.today).toEqual(today('2026-12-08T08:25:00+09:00'));
  });
});
