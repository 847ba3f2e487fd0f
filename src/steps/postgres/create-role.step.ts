import { Inject, Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { AppConfig, CONFIG } from '../../config/app-config';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { inTransaction, resolveTarget, sqlState, targetRecord, withClient } from './pg-connection';
import { CREATE_ROLE_STEP } from './postgres.definition';
import { alreadyExists, checkInputs, createdBy, identifierInput, literal, markerOf, passwordLiteral } from './step-support';
import { asBoolean, identifierProblem, quoteIdent } from './validate';

const lookUp = async (client: Client, name: string): Promise<{ comment: string | null } | undefined> =>
  (await client.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE rolname = $1`, [name])).rows[0];

/**
 * `create_role`: CREATE ROLE and its marker comment in one transaction, so a role that exists with this node's
 * marker was fully created by an earlier attempt (a re-run succeeds without touching it).
 */
@StepTypeProvider()
@Injectable()
export class CreateRoleStep implements StepType {
  readonly definition = CREATE_ROLE_STEP;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async provision(ctx: StepContext): Promise<StepResult> {
    checkInputs(this.definition.name, ctx);
    const name = identifierInput(ctx, 'role_name')!;
    const login = asBoolean(ctx.inputs.login, true);
    const credential = (ctx.inputs.credential ?? {}) as Record<string, unknown>;
    const password = credential.password;
    if (password !== undefined && (typeof password !== 'string' || password === '')) throw new StepError('credential [password] must be a non-empty string');
    const target = resolveTarget(this.config, ctx.inputs);
    const marker = markerOf(ctx.workflowId, ctx.nodeId);

    await withClient(target, target.url, ctx.signal, async (client) => {
      const existing = await lookUp(client, name);
      if (existing) {
        if (createdBy(existing.comment, ctx.workflowId, ctx.nodeId)) return;
        throw alreadyExists('role', name, existing.comment);
      }
      try {
        await inTransaction(client, async () => {
          const options = [login ? 'LOGIN' : 'NOLOGIN', ...(password !== undefined ? [`PASSWORD ${passwordLiteral(password)}`] : [])];
          await client.query(`CREATE ROLE ${quoteIdent(name)} WITH ${options.join(' ')}`);
          await client.query(`COMMENT ON ROLE ${quoteIdent(name)} IS ${literal(marker)}`);
        });
      } catch (err) {
        const raced = sqlState(err) === '42710' ? await lookUp(client, name) : undefined;
        if (raced && createdBy(raced.comment, ctx.workflowId, ctx.nodeId)) return;
        if (raced) throw alreadyExists('role', name, raced.comment);
        throw err;
      }
    });
    return {
      outputs: { role_name: name },
      resources: [{ type: 'role_name', id: name, deprovision: { ...targetRecord(target) } }],
    };
  }

  /** DROP ROLE; a role that still owns objects or holds privileges is refused by PostgreSQL (a later pass retries). */
  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const target = resolveTarget(this.config, resource.deprovision ?? {});
    const name = resource.resourceId;
    const problem = identifierProblem(name);
    if (problem) throw new StepError(`Invalid recorded [role_name]: ${problem}`);
    return withClient(target, target.url, signal, async (client) => {
      try {
        await client.query(`DROP ROLE ${quoteIdent(name)}`);
        return 'deleted' as const;
      } catch (err) {
        if (sqlState(err) === '42704') return 'not_found' as const;
        throw err;
      }
    });
  }
}
