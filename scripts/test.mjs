// `npm test`: makes sure Chromium is there, builds the API and the web app (the browser and start-up tests
// use the built output), then runs jest with any extra arguments, keeping jest's exit code.
import { spawnSync } from 'node:child_process';
import { build } from './build.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

ensureChromium();
build();
const jest = spawnSync('jest', process.argv.slice(2), {
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false' },
});
process.exit(jest.status ?? 1);
