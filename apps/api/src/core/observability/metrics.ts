import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Injectable, Req, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { Public } from '../auth/auth.decorators';
import { AppException } from '../errors/app.exception';
import { ApiErrors } from '../errors/api-errors.decorator';

/** One registry per application instance (tests boot several in one process). */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'ringi_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly socketConnections = new Counter({
    name: 'ringi_socket_connections_total',
    help: 'Socket.IO connections accepted',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ringi_' });
  }
}

/** Times every request; the route label is the matched route pattern, never the raw path (no ids in labels). */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  }
}

/**
 * Prometheus metrics at /api/metrics, only when METRICS_TOKEN is set and the scraper sends it as a bearer token;
 * otherwise the endpoint does not exist (404).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format, for a scraper sending METRICS_TOKEN as a bearer token.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors('request/not_found')
  async scrape(@Req() req: Request): Promise<string> {
    const expected = this.config.METRICS_TOKEN;
    const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (
      !expected ||
      given.length !== expected.length ||
      !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    ) {
      throw new AppException('request/not_found');
    }
    req.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
