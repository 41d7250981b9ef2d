// Builds the API (swc) and the web app (Vite) through Nx, which skips what has not changed.
import { spawnSync } from 'node:child_process';

export function build(projects = ['api', 'web']) {
  const nx = process.platform === 'win32' ? 'nx.cmd' : 'nx';
  const result = spawnSync(
    nx,
    ['run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=stream'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '',
      },
      shell: false,
    },
  );
  if (result.status !== 0) {
    console.error('Build failed.');
    process.exit(result.status ?? 1);
  }
}
