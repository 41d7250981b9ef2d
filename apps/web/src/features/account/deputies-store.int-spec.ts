import { createPinia, setActivePinia } from 'pinia';
import { addDays, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeUser, signedInClient } from '../../../../../tests/support/factories';
import { useOwnDeputiesStore } from './deputies-store';

/** One's own deputies against the real API: the browser's fetch is played by an adapter with the session. */
describe('useOwnDeputiesStore (against the API)', () => {
  let t: TestApp;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    t = await startTestApp();
    const { client } = await signedInClient(t);
    globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', client.cookie);
      return realFetch(`${t.url}${String(input)}`, { ...init, headers });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await t.close();
  });
  beforeEach(() => setActivePinia(createPinia()));

  it('registers a deputy for next week, lists it, and cancels it before it begins', async () => {
    const deputy = await makeUser(t);
    const store = useOwnDeputiesStore();
    const nextWeek = addDays(tokyoDate(), 7);
    const saved = await store.create({ deputyUserId: deputy.id, validFrom: nextWeek, reason: '出張' });
    expect(saved).toMatchObject({ state: 'future', source: 'self' });
    await store.load();
    expect(store.items.map((d) => d.id)).toEqual([saved.id]);
    await store.stop(saved, tokyoDate());
    expect(store.items).toEqual([]);
    await store.load();
    expect(store.items).toEqual([]);
    expect(store.busyId).toBeNull();
  });

  it('ends a running period today instead of deleting it', async () => {
    const deputy = await makeUser(t);
    const store = useOwnDeputiesStore();
    const today = tokyoDate();
    const saved = await store.create({ deputyUserId: deputy.id, validFrom: today });
    await store.stop(saved, today);
    expect(store.items.find((d) => d.id === saved.id)).toMatchObject({ validTo: today, state: 'current' });
    expect(store.saving).toBe(false);
    expect(store.busyId).toBeNull();
  });
});
