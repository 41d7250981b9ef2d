import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { healthSchema, type Health } from '@ringi/contracts';
import { Public } from '../auth/auth.decorators';
import { APP_VERSION } from './version';

class HealthDto extends createZodDto(healthSchema) {}

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ZodResponse({ status: 200, type: HealthDto })
  async check(): Promise<Health> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    return {
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      version: APP_VERSION,
    };
  }
}
