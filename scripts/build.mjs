// Builds the API (swc) and the web app (Vite) through Nx, which skips what has not changed.
// `node scripts/build.mjs` builds both; `npm start` and `npm test` call build() first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function build(projects = ['api', 'web']) {
  const name = process.platform === 'win32' ? 'nx.cmd' : 'nx';
  // npm scripts put node_modules/.bin on PATH; a plain `node scripts/build.mjs` does not.
  const local = join(root, 'node_modules', '.bin', name);
  const nx = existsSync(local) ? local : name;
  const result = spawnSync(
    nx,
    ['run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=stream'],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '',
      },
      shell: process.platform === 'win32',
    },
  );
  if (result.status !== 0) {
    console.error('Build failed.');
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) build();
