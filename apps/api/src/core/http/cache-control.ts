import type { NextFunction, Request, Response } from 'express';
import { API_PREFIX, SOCKET_PATH } from '@ringi/contracts';

/** Whether a request path belongs to the API or Socket.IO rather than to the web app. */
export function isApiPath(path: string): boolean {
  return (
    path === API_PREFIX ||
    path.startsWith(`${API_PREFIX}/`) ||
    path === SOCKET_PATH ||
    path.startsWith(`${SOCKET_PATH}/`)
  );
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/**
 * `Cache-Control: no-store` on every API answer unless its handler chose otherwise (file downloads keep their
 * `private, no-cache` and ETag), and always on JSON, errors included: no browser, proxy or shared PC keeps a
 * copy of a person's data. The check runs when the headers are written, after the handler and the exception
 * filter, so a JSON error from a download route is covered as well.
 */
export function apiNoStore(req: Request, res: Response, next: NextFunction): void {
  if (!isApiPath(req.path)) return next();
  res.setHeader('Cache-Control', 'no-store');
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  const writable = res as unknown as { writeHead: (...args: unknown[]) => Response };
  writable.writeHead = (...args: unknown[]) => {
    if (JSON_TYPE.test(String(res.getHeader('Content-Type') ?? '')))
      res.setHeader('Cache-Control', 'no-store');
    return writeHead(...args);
  };
  next();
}
