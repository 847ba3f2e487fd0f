import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AppConfig, CONFIG } from '../config/app-config';

/**
 * A hot-path statement of the engine: run as a named prepared statement on the hot-path pool (parsed and planned
 * once per connection: for the engine's large CTEs, planning cost more than executing), and planned afresh anywhere
 * else. `name` must be unique per text.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

export const prepare = (name: string, text: string): PreparedStatement => ({ name: `stepwise_${name}`, text });

/** Somewhere statements run: a connection of the hot-path pool, or a TypeORM transaction. */
export interface Sql {
  /** A statement planned for this call. */
  query<T extends QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** A hot-path statement: prepared on the hot-path pool, planned for this call elsewhere. */
  run<T extends QueryResultRow = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<T[]>;
}

/** Statements in a TypeORM transaction (or on TypeORM's pool): planned for each call. */
export function sqlOf(m: EntityManager): Sql {
  const query = async <T>(text: string, values?: unknown[]): Promise<T[]> => {
    const runner = m.queryRunner ?? m.connection.createQueryRunner();
    try {
      return ((await runner.query(text, values, true)).records ?? []) as T[];
    } finally {
      if (!m.queryRunner) await runner.release();
    }
  };
  return { query, run: (statement, values) => query(statement.text, values) };
}

/**
 * A small pool for the engine's hot-path statements (run starts, claims, checkpoints, run ends, job fetches and
 * completions), where they run as prepared statements. A cached plan is only as good as the statistics it was made
 * with: made while a table is nearly empty, it scans and hashes the whole table, and keeps doing so as the table
 * grows. Every join of these statements is by a unique key, so their connections let the planner use index lookups
 * only (no sequential scans, hash or merge joins), which keeps their plans right however the tables grow.
 */
@Injectable()
export class HotPathDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(HotPathDatabase.name);
  private readonly pool: Pool;
  /** Statements outside a transaction, each on a pooled connection. */
  readonly sql: Sql;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      application_name: 'stepwise-hot-path',
      // Each Batcher, and each queue consumer's fetch, completion and heartbeat, holds one connection at a time.
      max: 10,
      options: '-c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off -c plan_cache_mode=force_generic_plan',
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    // An idle connection dropped by the server (e.g. a restart) must not crash the process; the pool replaces it.
    this.pool.on('error', (err) => this.logger.warn({ err }, 'hot-path connection lost'));
    this.sql = sqlOn(this.pool);
  }

  run<T extends QueryResultRow = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<T[]> {
    return this.sql.run<T>(statement, values);
  }

  /** Runs `fn` in a transaction on one connection; rolls back if it throws. */
  async transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await fn(sqlOn(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      throw err;
    } finally {
      client.release(broken as Error | undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** Errors are TypeORM's QueryFailedError, as for every other query, so callers and the exception filter see one kind. */
function sqlOn(client: Pool | PoolClient): Sql {
  const rows = async <T extends QueryResultRow>(text: string, values: unknown[] | undefined, name?: string): Promise<T[]> => {
    try {
      return (await client.query<T>({ name, text, values })).rows;
    } catch (err) {
      throw new QueryFailedError(text, values, err as Error);
    }
  };
  return { query: (text, values) => rows(text, values), run: (statement, values) => rows(statement.text, values, statement.name) };
}

const generated = new Map<string, PreparedStatement>();

/** A statement another library generated (pg-boss), named after its text. */
function prepareText(text: string): PreparedStatement {
  let statement = generated.get(text);
  if (!statement) {
    statement = prepare(`generated_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text);
    generated.set(text, statement);
  }
  return statement;
}

/**
 * pg-boss's `db` option for its calls on the hot path (fetch, complete, touch, fail, insert: one statement each).
 * Their texts depend only on options such as the batch size, so they are few, and they run prepared where `sql`
 * prepares. A statement without parameters (a fetch with no active singleton to skip) is planned afresh: measured,
 * its generic plan executed slower than planning it each time.
 */
export const bossDb = (sql: Sql) => ({
  executeSql: async (text: string, values?: unknown[]) => ({ rows: values?.length ? await sql.run(prepareText(text), values) : await sql.query(text) }),
});
