import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_PREFIX, SOCKET_PATH } from '@ringi/contracts';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config.schema';
import { RingiSocketAdapter } from './core/realtime/socket-io.adapter';

/** JSON bodies larger than this are refused with 413 (files go through multipart uploads instead). */
export const JSON_BODY_LIMIT = '256kb';

/**
 * Builds the whole application as production runs it: security headers, body limits, `/api` prefix,
 * OpenAPI at `/api/docs`, Socket.IO, and the built web app with an SPA fallback. Tests use the same function.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, uniquelocal');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });

  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: https,
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.setGlobalPrefix(API_PREFIX.slice(1));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Ringi API').setVersion('0.1.0').addCookieAuth('ringi_sid').build(),
  );
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, cleanupOpenApiDoc(document), {
    jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`,
    // No call to the public validator: Ringi runs in closed networks.
    swaggerOptions: { validatorUrl: null },
  });

  serveWebApp(app, resolve(config.WEB_DIST));

  const adapter = new RingiSocketAdapter(app, config);
  await adapter.connectRedis();
  app.useWebSocketAdapter(adapter);
  return app;
}

/** Serves the built SPA: hashed assets cached for a year, every other GET outside /api gets index.html. */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi =
      req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`) || req.path.startsWith(SOCKET_PATH);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
