// Runs every *.bench.mjs in this folder after building the API and the web app (the meetings bench drives the
// built web app in Chromium). Names on the command line run only those: `npm run bench -- meetings`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../scripts/build.mjs';

const wanted = process.argv.slice(2).map((name) => name.replace(/\.bench\.mjs$/, ''));
const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !wanted.length || wanted.includes(f.replace(/\.bench\.mjs$/, '')))
  .sort();
if (!files.length) {
  console.error(`No benchmark named ${wanted.join(', ')} in bench/.`);
  process.exit(1);
}
build(['api', 'web']);
for (const file of files) {
  console.log(`\n== ${file}`);
  await import(join(here, file));
}
