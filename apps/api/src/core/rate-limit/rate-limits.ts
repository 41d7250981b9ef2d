import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { AppException } from '../errors/app.exception';

/** A refusal because a limit was reached; the error filter adds `Retry-After`. */
export class RateLimitedException extends AppException {
  constructor(readonly retryAfterSeconds: number) {
    super('request/rate_limited');
  }
}

/** One counter: `points` hits per `seconds` per key. */
export class Limiter {
  constructor(private readonly store: RateLimiterAbstract) {}

  /** Refuses (429) if the key has no points left, without using one. */
  async check(key: string): Promise<void> {
    const state = await this.store.get(key).catch(() => null);
    if (state && state.remainingPoints <= 0) throw new RateLimitedException(retryAfter(state));
  }

  /** Uses one point; refuses (429) once none are left. */
  async hit(key: string): Promise<void> {
    try {
      await this.store.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimitedException(retryAfter(error));
      throw error;
    }
  }

  async reset(key: string): Promise<void> {
    await this.store.delete(key).catch(() => undefined);
  }
}

function retryAfter(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

/**
 * Rate limits (rate-limiter-flexible). With REDIS_URL the counters live in Redis, so every API instance counts
 * together; without it they are per process. If Redis is unreachable, counting goes on in memory rather than
 * letting everything through.
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly redis: ReturnType<typeof createClient> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.REDIS_URL) {
      this.redis = createClient({ url: config.REDIS_URL });
      this.redis.on('error', (err: unknown) => this.logger.warn({ err }, 'Redis (rate limits)'));
    }
  }

  async onModuleInit(): Promise<void> {
    await this.redis?.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** A limiter named `name` (its key prefix) allowing `points` per `seconds`. */
  limiter(name: string, points: number, seconds: number): Limiter {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
    if (!this.redis) return new Limiter(memory);
    return new Limiter(
      new RateLimiterRedis({
        storeClient: this.redis,
        useRedisPackage: true,
        keyPrefix: `ringi:rl:${name}`,
        points,
        duration: seconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      }),
    );
  }
}
