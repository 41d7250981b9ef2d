import type { IncomingMessage } from 'node:http';
import { isAllowedOrigin } from './socket-io.adapter';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isAllowedOrigin', () => {
  it('accepts the page’s own origin and PUBLIC_URL', () => {
    expect(
      isAllowedOrigin(
        req({ origin: 'http://ringi.town.lg.jp:3000', host: 'ringi.town.lg.jp:3000' }),
        undefined,
      ),
    ).toBe(true);
    expect(
      isAllowedOrigin(
        req({ origin: 'https://ringi.example.lg.jp', host: 'api-1:3000' }),
        'https://ringi.example.lg.jp',
      ),
    ).toBe(true);
  });
  it('refuses other origins', () => {
    expect(
      isAllowedOrigin(
        req({ origin: 'http://evil.example', host: 'ringi:3000' }),
        'https://ringi.example.lg.jp',
      ),
    ).toBe(false);
  });
  it('accepts a missing Origin only when the browser marks the request same-origin', () => {
    expect(isAllowedOrigin(req({ host: 'ringi:3000', 'sec-fetch-site': 'same-origin' }), undefined)).toBe(
      true,
    );
    expect(isAllowedOrigin(req({ host: 'ringi:3000', 'sec-fetch-site': 'cross-site' }), undefined)).toBe(
      false,
    );
    expect(isAllowedOrigin(req({ host: 'ringi:3000' }), undefined)).toBe(false);
  });
});
