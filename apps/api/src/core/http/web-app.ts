import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { isApiPath } from './cache-control';

/** Hashed file names change with their content, so a browser may keep them for a year without asking again. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built SPA. Hashed assets under /assets/ are sent pre-compressed (brotli, else gzip, as the build
 * wrote them beside each file; `Vary: Accept-Encoding`) and cached for a year; index.html and the other files
 * are revalidated on every use (`no-cache`). A missing asset is a 404, never the SPA page; every other GET
 * outside /api that accepts HTML gets index.html. API answers (file downloads included) never pass through here,
 * so they are never compressed: a range request gets the bytes exactly as stored.
 */
export function serveWebApp(app: NestExpressApplication, webDist: string): void {
  const dir = resolve(webDist);
  const assets = join(dir, 'assets') + sep;
  if (!existsSync(join(dir, 'index.html'))) return;
  const statics = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    },
  }) as (req: Request, res: Response, next: NextFunction) => void;

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    statics(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = req.method === 'GET' || req.method === 'HEAD';
    // A missing asset (an old chunk after an update) is a 404, not the SPA page served as JavaScript.
    if (!isPage || isApiPath(req.path) || req.path.startsWith('/assets/') || !req.accepts('html'))
      return next();
    // The SPA page itself, through the same static handler so it too goes out compressed when it is large enough.
    const url = req.url;
    req.url = '/index.html';
    statics(req, res, (err?: unknown) => {
      req.url = url;
      next(err);
    });
  });
}
