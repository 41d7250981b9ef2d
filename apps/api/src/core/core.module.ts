import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { AuditController } from './audit/audit.controller';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { SessionEntity } from './auth/session.entity';
import { PasswordHasher } from './auth/password-hasher';
import { SessionsService } from './auth/sessions.service';
import { DatabaseModule } from './database/database.module';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { ZodValidationPipe } from './errors/zod-validation.pipe';
import { FilesController } from './files/files.controller';
import { FilesService } from './files/files.service';
import { StoredFileEntity } from './files/stored-file.entity';
import { JobsService } from './jobs/jobs.service';
import { HealthController } from './observability/health.controller';
import { loggerParams } from './observability/logger';
import { Metrics, MetricsController, MetricsMiddleware } from './observability/metrics';
import { RateLimits } from './rate-limit/rate-limits';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { TextSearchService } from './search/text-search.service';

/** Cross-cutting infrastructure, no business rules. Feature modules import nothing else from the core. */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config),
    }),
    DatabaseModule,
    TypeOrmModule.forFeature([AuditEventEntity, SessionEntity, StoredFileEntity]),
    EventEmitterModule.forRoot(),
  ],
  controllers: [HealthController, AuditController, FilesController, MetricsController],
  providers: [
    AuditService,
    SessionsService,
    PasswordHasher,
    Metrics,
    FilesService,
    RealtimeGateway,
    RateLimits,
    JobsService,
    TextSearchService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    // Answers pass through their documented response schema (`@ZodResponse`); a mismatch is a logged 500.
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
  ],
  exports: [
    AuditService,
    SessionsService,
    PasswordHasher,
    FilesService,
    RealtimeGateway,
    Metrics,
    RateLimits,
    JobsService,
    TextSearchService,
  ],
})
export class CoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*path');
  }
}
