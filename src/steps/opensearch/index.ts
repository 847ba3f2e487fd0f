import type { Type } from '@nestjs/common';
import type { StepType } from '../sdk/step-type';
import { CreateToolStep, DeleteAgentStep, RegisterAgentStep } from './agent.steps';
import { CreateIndexStep, ReindexStep, UpdateIndexStep } from './index.steps';
import {
  CreateConnectorStep,
  DeleteConnectorStep,
  DeleteModelStep,
  DeployModelStep,
  RegisterLocalCustomModelStep,
  RegisterLocalPretrainedModelStep,
  RegisterLocalSparseEncodingModelStep,
  RegisterModelGroupStep,
  RegisterRemoteModelStep,
  UndeployModelStep,
} from './ml.steps';
import { CreateIngestPipelineStep, CreateSearchPipelineStep, UpdateIngestPipelineStep, UpdateSearchPipelineStep } from './pipeline.steps';

/**
 * The OpenSearch pack: Flow Framework's step types, run against OPENSEARCH_URL. The definitions (pure data) live in
 * definitions.ts, which the api process can import on its own.
 */
export { OPENSEARCH_STEP_DEFINITIONS } from './definitions';

/** Their implementations (worker only). */
export const OPENSEARCH_STEPS: Type<StepType>[] = [
  CreateIndexStep,
  ReindexStep,
  CreateConnectorStep,
  RegisterLocalCustomModelStep,
  RegisterLocalSparseEncodingModelStep,
  RegisterLocalPretrainedModelStep,
  RegisterRemoteModelStep,
  RegisterModelGroupStep,
  DeployModelStep,
  UndeployModelStep,
  DeleteModelStep,
  DeleteConnectorStep,
  RegisterAgentStep,
  DeleteAgentStep,
  CreateToolStep,
  CreateIngestPipelineStep,
  CreateSearchPipelineStep,
  UpdateIngestPipelineStep,
  UpdateSearchPipelineStep,
  UpdateIndexStep,
];
