import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json; generated from the controllers. */
export function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stepwise')
      .setDescription(
        'Workflow provisioning service, API-compatible with OpenSearch Flow Framework ' +
          '(`/_plugins/_flow_framework/workflow`), plus run history, resume, stop and live progress.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
