import type { AttendanceToday } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { deferredFetch } from '../../testing/deferred-fetch';
import { useAttendanceStore } from './store';

/** Only what the store passes on; the screens read the rest. */
const today = (clockIn: string | null) => ({ date: '2026-12-08', clockIn }) as unknown as AttendanceToday;

describe('attendance store', () => {
  let server: ReturnType<typeof deferredFetch>;
  const answer = (call: string, body: unknown) => server.answer(call, body);
  const settle = () => server.settle();
  beforeEach(() => {
    setActivePinia(createPinia());
    server = deferredFetch();
  });
  afterEach(() => server.restore());

  it('keeps the clock-in when an older load of today is answered after it', async () => {
    const store = useAttendanceStore();
    const loading = store.load(); // e.g. after the socket reconnected
    await settle();
    const tapping = store.tap('in', 'office', '');
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
