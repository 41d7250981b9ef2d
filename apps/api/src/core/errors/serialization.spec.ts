import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, type LoggerService } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createZodDto, ZodResponse, ZodSerializerInterceptor } from 'nestjs-zod';
import { z } from 'zod';
import { apiErrorSchema } from '@ringi/contracts';
import { AllExceptionsFilter } from './all-exceptions.filter';

class PersonDto extends createZodDto(z.object({ id: z.uuid(), name: z.string() })) {}

@Controller('people')
class PeopleController {
  /** A handler whose answer does not match its documented schema (a bug the serializer must catch). */
  @Get('broken')
  @ZodResponse({ status: 200, type: PersonDto })
  broken(): { id: string; name: string } {
    return { id: 'not-a-uuid', name: 'secret value' };
  }

  /** Extra fields are dropped from the answer: only what the schema documents leaves the server. */
  @Get('extra')
  @ZodResponse({ status: 200, type: PersonDto })
  extra(): { id: string; name: string } {
    return { id: '0196a0b2-0000-7000-8000-000000000000', name: '試験', passwordHash: 'x' } as {
      id: string;
      name: string;
    };
  }
}

@Module({
  controllers: [PeopleController],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
class TestModule {}

describe('response serialization (the global ZodSerializerInterceptor with our error filter)', () => {
  let app: NestExpressApplication;
  let url: string;
  const logged: unknown[][] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    error: (...args: unknown[]) => logged.push(args),
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(TestModule, { logger });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('answers a response that breaks its schema with our 500 shape and logs the route and issues', async () => {
    const res = await fetch(`${url}/people/broken`, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(500);
    const body = apiErrorSchema.parse(await res.json());
    expect(body).toMatchObject({
      code: 'internal/unexpected',
      message: 'Something went wrong. Please try again later.',
    });
    expect(JSON.stringify(body)).not.toMatch(/not-a-uuid|secret value|ZodError|issues/);
    const entry = logged.find((args) => JSON.stringify(args).includes('documented schema'));
    expect(entry?.[0]).toMatchObject({
      route: 'GET /people/broken',
      issues: [{ code: 'invalid_format', path: 'id' }],
    });
    expect(JSON.stringify(entry)).not.toContain('secret value');
  });

  it('sends only the documented fields', async () => {
    const res = await fetch(`${url}/people/extra`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '0196a0b2-0000-7000-8000-000000000000', name: '試験' });
  });
});
