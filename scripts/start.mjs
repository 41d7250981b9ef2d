// `npm start`: build what changed, then run the API, which serves the web app and, without DATABASE_URL,
// starts its own embedded PostgreSQL under DATA_DIR.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from './build.mjs';

build();
process.env.NODE_ENV ??= 'production';
createRequire(import.meta.url)(resolve('dist/api/apps/api/src/main.js'));
