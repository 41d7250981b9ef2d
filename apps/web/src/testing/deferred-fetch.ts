import { configureHttp } from '../app/http';

/** The one HTTP client configured as the app does, in Japanese, with nothing to do on errors or session times. */
export function configureHttpForSpecs(): void {
  configureHttp({
    locale: () => 'ja',
    networkMessage: () => 'network',
    onUnauthorized: () => undefined,
    onError: () => undefined,
    onSessionTime: () => undefined,
  });
}

/**
 * For store specs: the one HTTP client is configured as the app does, and `fetch` is replaced by one whose
 * requests wait until the spec answers them, so answers can arrive in another order than the questions (as on
 * a slow connection). Not part of the app (nothing in it imports this file).
 */
export function deferredFetch() {
  const waiting: { call: string; answer: (body: unknown) => void }[] = [];
  const realFetch = globalThis.fetch;
  configureHttpForSpecs();
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
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
    });
  return {
    /** Answers the first waiting request `call` (`GET /api/…`) with `body`. */
    answer(call: string, body: unknown): void {
      const i = waiting.findIndex((w) => w.call.startsWith(call));
      if (i < 0) throw new Error(`${call} was not asked (asked: ${waiting.map((w) => w.call).join(', ')})`);
      waiting.splice(i, 1)[0]!.answer(body);
    },
    /** Lets the promises started so far run up to their next request. */
    settle: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    restore(): void {
      globalThis.fetch = realFetch;
    },
  };
}
