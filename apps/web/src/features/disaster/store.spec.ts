import type { DisasterRollCall } from '@ringi/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { deferredFetch } from '../../testing/deferred-fetch';
import { useDisasterStore } from './store';

// The shell's modules (vue-i18n's set-up, the socket, the signed-in person) do not load under jest; what is
// tested here is only how the store orders the API's answers.
jest.mock('../../app/i18n', () => ({ loadFeatureMessages: () => Promise.resolve() }));
jest.mock('../../app/socket', () => ({ emitWithAck: () => Promise.resolve(null) }));
jest.mock('../../app/auth-store', () => ({ useAuthStore: () => ({ me: null }) }));

const ID = '00000000-0000-4000-8000-000000000001';
/** Only what the store compares; the banner reads the rest. */
const rollCall = (answered: boolean) =>
  ({
    id: ID,
    myAnswer: answered ? { status: 'safe', note: null, answeredAt: '2026-12-08T08:25:00+09:00' } : null,
  }) as unknown as DisasterRollCall;

describe('disaster store', () => {
  let server: ReturnType<typeof deferredFetch>;
  beforeEach(() => {
    setActivePinia(createPinia());
    server = deferredFetch();
  });
  afterEach(() => server.restore());

  async function openRollCall(store: ReturnType<typeof useDisasterStore>): Promise<void> {
    const first = store.refreshOpen();
    await server.settle();
    server.answer('GET /api/disaster/roll-calls', { items: [rollCall(false)] });
    await first;
  }

  it('keeps my answer when an older read of the open roll-call is answered after it', async () => {
    const store = useDisasterStore();
    await openRollCall(store);
    const reading = store.refreshOpen(); // e.g. after the socket reconnected
    await server.settle();
    const answering = store.answer(ID, 'safe');
    await server.settle();
    server.answer(`PUT /api/disaster/roll-calls/${ID}/answer`, rollCall(true));
    await answering;
    server.answer('GET /api/disaster/roll-calls', { items: [rollCall(false)] }); // read before the answer was saved
    await reading;
    expect(store.open?.myAnswer).not.toBeNull();
  });

  it('still learns that the roll-call was closed meanwhile', async () => {
    const store = useDisasterStore();
    await openRollCall(store);
    const reading = store.refreshOpen();
    await server.settle();
    const answering = store.answer(ID, 'safe');
    await server.settle();
    server.answer(`PUT /api/disaster/roll-calls/${ID}/answer`, rollCall(true));
    await answering;
    server.answer('GET /api/disaster/roll-calls', { items: [] });
    await reading;
    expect(store.open).toBeNull();
  });
});
