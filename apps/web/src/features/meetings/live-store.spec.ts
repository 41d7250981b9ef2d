import type { MeetingPresentation } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { useMeetingLiveStore } from './live-store';

/** The socket is replaced by acknowledgements the test gives when it wants (the shell's socket does not load here). */
const acks: ((ack: unknown) => void)[] = [];
jest.mock('../../app/socket', () => ({
  emitWithAck: () => new Promise((resolve) => acks.push(resolve)),
}));

const MEETING = '00000000-0000-4000-8000-000000000001';
const shown = (page: number) =>
  ({ meetingId: MEETING, page, forced: false, at: `2026-12-08T10:00:0${page}+09:00` }) as MeetingPresentation;

describe('meeting live store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    acks.length = 0;
  });

  it('keeps the page heard live when the answer to joining, read before it, arrives after it', async () => {
    const store = useMeetingLiveStore();
    const joining = store.join(MEETING); // e.g. again after the socket reconnected
    store.onPresentation(shown(5));
    acks.shift()!({ ok: true, data: { presentation: shown(4) } });
    await joining;
    expect(store.presentation?.page).toBe(5);
  });

  it('takes the page of the answer to joining when nothing was heard meanwhile', async () => {
    const store = useMeetingLiveStore();
    const joining = store.join(MEETING);
    acks.shift()!({ ok: true, data: { presentation: shown(4) } });
    await joining;
    expect(store.presentation?.page).toBe(4);
  });
});
