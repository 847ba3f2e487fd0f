import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { AppConfig, CONFIG } from '../../config/app-config';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { PgTarget, resolveTarget, sqlState, targetRecord, urlDatabase, withClient, withDatabase } from './pg-connection';
import { CREATE_DATABASE_STEP } from './postgres.definition';
import { alreadyExists, checkInputs, createdBy, identifierInput, literal, MARKER_PREFIX, markerOf } from './step-support';
import { quoteIdent } from './validate';

const lookUp = async (client: Client, name: string): Promise<{ comment: string | null } | undefined> =>
  (await client.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name])).rows[0];

/** `create_database`: see CREATE_DATABASE_STEP. */
@StepTypeProvider()
@Injectable()
export class CreateDatabaseStep implements StepType {
  readonly definition = CREATE_DATABASE_STEP;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async provision(ctx: StepContext): Promise<StepResult> {
    checkInputs(this.definition.name, ctx);
    const name = identifierInput(ctx, 'database_name')!;
    const owner = identifierInput(ctx, 'owner');
    const target = resolveTarget(this.config, ctx.inputs);
    if (urlDatabase(target.url) === name) throw new StepError(`database_name [${name}] is the database the target connects to`);
    const marker = markerOf(ctx.workflowId, ctx.nodeId);

    await withClient(target, target.url, ctx.signal, async (client) => {
      const existing = await lookUp(client, name);
      if (existing) {
        if (createdBy(existing.comment, ctx.workflowId, ctx.nodeId)) return; // a re-run: created by the first attempt
        throw alreadyExists('database', name, existing.comment);
      }
      try {
        // CREATE DATABASE runs outside a transaction: the comment follows at once (a crash between the two leaves an
        // unmarked database, which a re-run reports as existing rather than adopting).
        await client.query(`CREATE DATABASE ${quoteIdent(name)}${owner ? ` OWNER ${quoteIdent(owner)}` : ''}`);
      } catch (err) {
        const raced = sqlState(err) === '42P04' ? await lookUp(client, name) : undefined;
        if (raced && createdBy(raced.comment, ctx.workflowId, ctx.nodeId)) return;
        if (raced) throw alreadyExists('database', name, raced.comment);
        throw err;
      }
      await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${literal(marker)}`);
    });
    return {
      outputs: { database_name: name },
      resources: [{ type: 'database_name', id: name, deprovision: { ...targetRecord(target) } }],
    };
  }

  /**
   * DROP DATABASE … WITH (FORCE). Refused while the database holds a schema Stepwise created (schemas are protected:
   * they go first, with allow_delete); a database that is gone is `not_found`.
   */
  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const stored = resource.deprovision ?? {};
    const target = resolveTarget(this.config, stored);
    const name = resource.resourceId;
    const url = target.url;
    withDatabase(url, name); // validates the recorded name before it goes into a statement
    if (urlDatabase(url) === name) throw new StepError(`database [${name}] is the database the target connects to; it is not dropped`);

    const exists = await withClient(target, url, signal, async (client) => !!(await lookUp(client, name)));
    if (!exists) return 'not_found';
    const held = await this.protectedSchemas(target, name, signal);
    if (held === null) return 'not_found';
    if (held.length) {
      throw new StepError(
        `database [${name}] still holds schemas created by Stepwise [${held.join(', ')}]; schemas are protected: deprovision them first (allow_delete)`,
        'WorkflowStepException',
        'CONFLICT',
      );
    }
    return withClient(target, url, signal, async (client) => {
      try {
        await client.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
        return 'deleted' as const;
      } catch (err) {
        if (sqlState(err) === '3D000') return 'not_found' as const;
        throw err;
      }
    });
  }

  /** Schemas in the database that carry a Stepwise marker; null when the database is gone. */
  private async protectedSchemas(target: PgTarget, database: string, signal: AbortSignal): Promise<string[] | null> {
    try {
      return await withClient(target, withDatabase(target.url, database), signal, async (client) => {
        const { rows } = await client.query<{ nspname: string }>(
          `SELECT nspname FROM pg_namespace WHERE starts_with(coalesce(obj_description(oid, 'pg_namespace'), ''), $1) ORDER BY nspname`,
          [MARKER_PREFIX],
        );
        return rows.map((r) => r.nspname);
      });
    } catch (err) {
      if (sqlState(err) === '3D000') return null;
      throw err;
    }
  }
}
