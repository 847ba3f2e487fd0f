import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, CONFIG } from '../../config/app-config';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { NOT_FOUND_CODES, resolveTarget, sqlState, targetRecord, urlDatabase, withClient, withDatabase } from './pg-connection';
import { RUN_SQL_STEP } from './postgres.definition';
import { checkInputs, identifierInput } from './step-support';
import { asBoolean } from './validate';

/**
 * `run_sql`: sends `sql` as one simple query (several statements run in one implicit transaction: all or nothing).
 * The resource (`sql_change`, id `<node id>@<database>`) keeps `undo_sql`, which deprovision runs; an undo failing
 * because its object does not exist any more counts as `not_found`.
 */
@StepTypeProvider()
@Injectable()
export class RunSqlStep implements StepType {
  readonly definition = RUN_SQL_STEP;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async provision(ctx: StepContext): Promise<StepResult> {
    checkInputs(this.definition.name, ctx);
    const sql = String(ctx.inputs.sql);
    const undo = String(ctx.inputs.undo_sql);
    const database = identifierInput(ctx, 'database_name');
    const target = resolveTarget(this.config, ctx.inputs);
    const url = withDatabase(target.url, database);
    await withClient(target, url, ctx.signal, (client) => client.query(sql));
    const id = `${ctx.nodeId}@${database ?? urlDatabase(target.url) ?? ''}`;
    return {
      outputs: { sql_change: id },
      resources: [
        {
          type: 'sql_change',
          id,
          deprovision: { ...targetRecord(target), database, undo_sql: undo, protected: asBoolean(ctx.inputs.protected, false) },
        },
      ],
    };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const stored = resource.deprovision ?? {};
    const undo = stored.undo_sql;
    if (typeof undo !== 'string' || !undo.trim()) throw new StepError(`sql_change [${resource.resourceId}] has no recorded undo_sql`);
    const target = resolveTarget(this.config, stored);
    const database = typeof stored.database === 'string' ? stored.database : undefined;
    try {
      await withClient(target, withDatabase(target.url, database), signal, (client) => client.query(undo));
      return 'deleted';
    } catch (err) {
      if (NOT_FOUND_CODES.has(sqlState(err) ?? '')) return 'not_found';
      throw err;
    }
  }
}
