import { Module } from '@nestjs/common';
import { ExecutionsModule } from '../executions/executions.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { AlibabaFnfFacade } from './alibaba-fnf.facade';
import { AlibabaOpenSearchFacade } from './alibaba-opensearch.facade';
import { HuaweiObsFacade } from './huawei-obs.facade';

/** Vendor-compatible facades: thin adapters over the workflow and run services (no logic of their own). */
@Module({
  imports: [WorkflowsModule, ExecutionsModule],
  providers: [AlibabaFnfFacade, HuaweiObsFacade, AlibabaOpenSearchFacade],
  exports: [AlibabaFnfFacade, HuaweiObsFacade, AlibabaOpenSearchFacade],
})
export class FacadesModule {}
