import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Ringi's version from the project's package.json, found by walking up from this file (the sources in
 * development, dist/ in production), so it is right however the API is started (`npm start`, `node main.js`,
 * a container). `npm_package_version` is not used: only npm sets it.
 */
export function readAppVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'ringi' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

export const APP_VERSION = readAppVersion();
