import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { API_PREFIX } from '@ringi/contracts';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config.schema';
import { useBodyParsing } from './core/http/body-parsing';
import { apiNoStore } from './core/http/cache-control';
import { useOpenApi } from './core/http/openapi';
import { useSecurityHeaders } from './core/http/security-headers';
import { serveWebApp } from './core/http/web-app';
import { RingiSocketAdapter } from './core/realtime/socket-io.adapter';

/**
 * Builds the whole application as production runs it: security headers, body limits, `/api` prefix,
 * OpenAPI at `/api/docs`, Socket.IO, and the built web app with an SPA fallback. Tests use the same function.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Until the pino logger takes over, Nest prints nothing: a failure at start reaches the caller, which says it
    // in one plain line (startup.ts) instead of a stack trace, and never aborts the process.
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Trust no proxy unless TRUST_PROXY names it: otherwise anyone could set X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY?.length ? config.TRUST_PROXY : false);
  app.disable('x-powered-by');
  app.use(apiNoStore); // Cache-Control: no-store on API answers (JSON always), see core/http/cache-control.ts
  useBodyParsing(app);
  useSecurityHeaders(app, config);
  app.setGlobalPrefix(API_PREFIX.slice(1));
  useOpenApi(app);
  serveWebApp(app, resolve(config.WEB_DIST));

  const adapter = new RingiSocketAdapter(app, config);
  await adapter.connectRedis();
  app.useWebSocketAdapter(adapter);
  return app;
}
