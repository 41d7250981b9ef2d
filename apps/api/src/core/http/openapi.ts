import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_PREFIX } from '@ringi/contracts';

/** The OpenAPI document at /api/docs-json and its viewer at /api/docs. */
export function useOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Ringi API').setVersion('0.1.0').addCookieAuth('ringi_sid').build(),
  );
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, cleanupOpenApiDoc(document), {
    jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`,
    // No call to the public validator: Ringi runs in closed networks.
    swaggerOptions: { validatorUrl: null },
  });
}
