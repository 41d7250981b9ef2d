// `npm run audit:verify`: recomputes the audit log's hash chain in the configured (or embedded) database.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from './build.mjs';

build(['api']);
createRequire(import.meta.url)(resolve('dist/api/apps/api/src/audit-verify.js'));
