import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** The version reported to OpenSearch clients and conformance tools, which read `version.number`. */
export const COMPATIBLE_OPENSEARCH_VERSION = '3.3.0';

@ApiTags('info')
@Controller()
export class InfoController {
  @Get()
  @ApiOperation({ summary: 'OpenSearch-style info document' })
  info() {
    return {
      name: 'stepwise',
      cluster_name: 'stepwise',
      cluster_uuid: 'stepwise-flow-framework-compatible',
      version: {
        distribution: 'stepwise',
        number: COMPATIBLE_OPENSEARCH_VERSION,
        build_type: 'npm',
        build_hash: 'unknown',
        build_date: '2026-11-22T00:00:00Z',
        build_snapshot: false,
        lucene_version: '10.2.0',
        minimum_wire_compatibility_version: '2.19.0',
        minimum_index_compatibility_version: '2.0.0',
      },
      tagline: 'The OpenSearch Project: https://opensearch.org/',
    };
  }
}
