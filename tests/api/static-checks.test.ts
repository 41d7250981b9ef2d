import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** The builds (swc, Vite) do not type-check; these keep strict TypeScript, lint and formatting honest in CI. */
describe('static checks', () => {
  it.each([
    [
      'the API, libs, migrations and tests type-check (strict)',
      'tsc',
      ['--noEmit', '-p', 'apps/api/tsconfig.json'],
    ],
    [
      'the browser tests type-check (with the DOM library)',
      'tsc',
      ['--noEmit', '-p', 'tests/browser/tsconfig.json'],
    ],
    ['the web app type-checks, templates included', 'vue-tsc', ['--noEmit', '-p', 'apps/web/tsconfig.json']],
    ['the web app’s tests type-check', 'vue-tsc', ['--noEmit', '-p', 'apps/web/tsconfig.spec.json']],
    ['lint is clean', 'eslint', ['--max-warnings=0', '.']],
    ['formatting is clean', 'prettier', ['--check', '.']],
  ])('%s', (_name, command, args) => {
    const result = spawnSync(bin(command), args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}\n${result.stderr}`);
  });
});
