import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { AppConfig, CONFIG } from '../../config/app-config';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { inTransaction, resolveTarget, sqlState, targetRecord, withClient, withDatabase } from './pg-connection';
import { CREATE_SCHEMA_STEP } from './postgres.definition';
import { alreadyExists, checkInputs, createdBy, identifierInput, literal, markerOf } from './step-support';
import { identifierProblem, quoteIdent } from './validate';

const lookUp = async (client: Client, name: string): Promise<{ comment: string | null } | undefined> =>
  (await client.query<{ comment: string | null }>(`SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`, [name])).rows[0];

/**
 * `create_schema`: CREATE SCHEMA (AUTHORIZATION owner) and its marker comment in one transaction, in `database_name`
 * or the target's own database. Protected: deprovision runs only with allow_delete, and drops with CASCADE.
 */
@StepTypeProvider()
@Injectable()
export class CreateSchemaStep implements StepType {
  readonly definition = CREATE_SCHEMA_STEP;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async provision(ctx: StepContext): Promise<StepResult> {
    checkInputs(this.definition.name, ctx);
    const name = identifierInput(ctx, 'schema_name')!;
    const owner = identifierInput(ctx, 'owner');
    const database = identifierInput(ctx, 'database_name');
    const target = resolveTarget(this.config, ctx.inputs);
    const marker = markerOf(ctx.workflowId, ctx.nodeId);

    const inDatabase = await withClient(target, withDatabase(target.url, database), ctx.signal, async (client) => {
      const current = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
      const existing = await lookUp(client, name);
      if (existing) {
        if (createdBy(existing.comment, ctx.workflowId, ctx.nodeId)) return current;
        throw alreadyExists('schema', `${current}.${name}`, existing.comment);
      }
      try {
        await inTransaction(client, async () => {
          await client.query(`CREATE SCHEMA ${quoteIdent(name)}${owner ? ` AUTHORIZATION ${quoteIdent(owner)}` : ''}`);
          await client.query(`COMMENT ON SCHEMA ${quoteIdent(name)} IS ${literal(marker)}`);
        });
      } catch (err) {
        const raced = sqlState(err) === '42P06' ? await lookUp(client, name) : undefined;
        if (raced && createdBy(raced.comment, ctx.workflowId, ctx.nodeId)) return current;
        if (raced) throw alreadyExists('schema', `${current}.${name}`, raced.comment);
        throw err;
      }
      return current;
    });
    return {
      outputs: { schema_name: name, database_name: inDatabase },
      resources: [{ type: 'schema_name', id: name, deprovision: { ...targetRecord(target), database: inDatabase } }],
    };
  }

  /** DROP SCHEMA … CASCADE (the engine calls this only when the schema is in allow_delete). */
  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const stored = resource.deprovision ?? {};
    const target = resolveTarget(this.config, stored);
    const name = resource.resourceId;
    const problem = identifierProblem(name);
    if (problem) throw new StepError(`Invalid recorded [schema_name]: ${problem}`);
    const database = typeof stored.database === 'string' ? stored.database : undefined;
    try {
      return await withClient(target, withDatabase(target.url, database), signal, async (client) => {
        await client.query(`DROP SCHEMA ${quoteIdent(name)} CASCADE`);
        return 'deleted' as const;
      });
    } catch (err) {
      // 3F000: no such schema; 3D000: its database is gone (and the schema with it).
      if (['3F000', '3D000'].includes(sqlState(err) ?? '')) return 'not_found';
      throw err;
    }
  }
}
