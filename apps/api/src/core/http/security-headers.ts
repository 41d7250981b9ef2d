import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/config.schema';

/**
 * The Content Security Policy: nothing from other hosts, no inline scripts, no framing. The one source of
 * truth: the API sends it through helmet, and deploy/security-headers.conf (the nginx side) must carry exactly
 * `contentSecurityPolicy(false)`, which tests/api/transfer.test.ts checks.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

function directives(https: boolean): Record<string, string[]> {
  const all: Record<string, string[]> = Object.fromEntries(
    Object.entries(CSP_DIRECTIVES).map(([name, values]) => [name, [...values]]),
  );
  // Behind TLS, any http: address left in content is fetched over https instead.
  if (https) all['upgrade-insecure-requests'] = [];
  return all;
}

/** The header value exactly as helmet writes it (`name value value;name value`). */
export function contentSecurityPolicy(https: boolean): string {
  return Object.entries(directives(https))
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

/** Helmet with the strict Content Security Policy above; HSTS only when the public address is https. */
export function useSecurityHeaders(app: NestExpressApplication, config: AppConfig): void {
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: directives(https) },
      hsts: https,
      crossOriginEmbedderPolicy: false,
    }),
  );
}
