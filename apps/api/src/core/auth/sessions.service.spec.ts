import { createHash } from 'node:crypto';
import { sessionTimeOf, sessionTokenDigest } from './sessions.service';

describe('sessionTokenDigest', () => {
  const token = 'a-random-session-token';

  it('is plain SHA-256 without a secret', () => {
    expect(sessionTokenDigest(token, undefined)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('is keyed by SESSION_SECRET when one is set, so a digest cannot be made without it', () => {
    const keyed = sessionTokenDigest(token, 'x'.repeat(32));
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(sessionTokenDigest(token, undefined));
    expect(keyed).not.toBe(sessionTokenDigest(token, 'y'.repeat(32)));
  });
});

describe('sessionTimeOf', () => {
  const user = (idleInMs: number, lifetimeInMs: number, now: number) => ({
    id: 'u',
    role: 'staff' as const,
    locale: 'ja' as const,
    sessionId: 's',
    idleExpiresAt: new Date(now + idleInMs),
    sessionExpiresAt: new Date(now + lifetimeInMs),
  });

  it('rounds down to whole seconds, so the web app never counts on time the server does not grant', () => {
    const now = Date.UTC(2026, 3, 1, 0, 0, 0);
    expect(sessionTimeOf(user(119_999, 3_600_500, now), now)).toEqual({
      idleSeconds: 119,
      absoluteSeconds: 3600,
    });
  });

  it('says zero, never less, for a session that is over', () => {
    const now = Date.UTC(2026, 3, 1, 0, 0, 0);
    expect(sessionTimeOf(user(-5_000, -1, now), now)).toEqual({ idleSeconds: 0, absoluteSeconds: 0 });
  });
});
