import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_VERSION, readAppVersion } from './version';

describe('APP_VERSION', () => {
  const expected = (
    JSON.parse(readFileSync(join(__dirname, '../../../../../package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  it('is the version in the project’s package.json, without npm’s environment', () => {
    expect(APP_VERSION).toBe(expected);
    expect(readAppVersion(join(__dirname, '../../../../../dist/api/apps/api/src/core/observability'))).toBe(
      expected,
    );
  });

  it('says unknown outside the project', () => {
    expect(readAppVersion('/')).toBe('unknown');
  });
});
