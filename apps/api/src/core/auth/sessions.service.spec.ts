import { createHash } from 'node:crypto';
import { sessionTokenDigest } from './sessions.service';

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
