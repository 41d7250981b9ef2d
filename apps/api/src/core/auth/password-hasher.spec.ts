import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at OWASP’s minimum cost (m=19 MiB, t=2, p=1)', async () => {
    const hash = await hasher.hash('correct-horse-battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'correct-horse-battery')).toBe(true);
    expect(await hasher.verify(hash, 'Correct-horse-battery')).toBe(false);
  });

  it('says no for an account without a password, after the same work', async () => {
    expect(await hasher.verify(null, 'anything')).toBe(false);
  });
});
