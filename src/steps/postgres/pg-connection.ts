import { Client, DatabaseError } from 'pg';
import type { AppConfig } from '../../config/app-config';
import { OutboundGuard } from '../sdk/outbound-guard';
import { StepError } from '../sdk/step-type';
import { identifierProblem } from './validate';

/** Where a step connects: a configured target (by name) or a DSN from the node's credential. */
export interface PgTarget {
  /** Connection string (never shown in messages or outputs: a DSN may hold a password). */
  url: string;
  /** For messages and for deprovision: the configured target's name, or `dsn`. */
  label: string;
  /** Set when the target came from the configuration. */
  target?: string;
  /** Set when the target came from `credential.dsn` (kept for deprovision in the resource's encrypted credential). */
  dsn?: string;
  /** A DSN comes from the template's author: its host goes through the SSRF guard before any connection. */
  outboundCheck?: () => Promise<void>;
}

const isDsn = (value: string) => /^postgres(ql)?:\/\/\S+$/.test(value);

/** The target of a step's inputs, or of a recorded resource's deprovision data (same keys). */
export function resolveTarget(config: AppConfig, inputs: Record<string, unknown>): PgTarget {
  const credential = inputs.credential;
  const dsn = credential && typeof credential === 'object' ? (credential as Record<string, unknown>).dsn : undefined;
  if (dsn !== undefined) {
    if (typeof dsn !== 'string' || !isDsn(dsn)) throw new StepError('credential [dsn] must be a postgres:// or postgresql:// connection string');
    const guard = new OutboundGuard(config);
    return { url: dsn, label: 'dsn', dsn, outboundCheck: () => guard.check(dsn) };
  }
  const name = inputs.target;
  if (name === undefined) throw new StepError('needs a [target] (the name of a configured SQL target) or a [credential] with a [dsn]');
  const targets = config.sqlTargets ?? {};
  const url = typeof name === 'string' && Object.hasOwn(targets, name) ? targets[name] : undefined;
  if (!url) {
    const known = Object.keys(targets);
    throw new StepError(`Unknown SQL target [${String(name)}]; configured targets (SQL_TARGETS): [${known.join(', ')}]`);
  }
  return { url, label: name as string, target: name as string };
}

/** What deprovision needs to reach the same target again; a DSN goes in `credential` (the engine encrypts it). */
export function targetRecord(target: PgTarget): Record<string, unknown> {
  return target.dsn !== undefined ? { credential: { dsn: target.dsn } } : { target: target.target };
}

/** The connection string's own database (what a step uses when no database_name is given). */
export function urlDatabase(url: string): string | undefined {
  try {
    const path = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    return path || undefined;
  } catch {
    return undefined;
  }
}

/** The connection string for another database of the same server (the name is a validated identifier). */
export function withDatabase(url: string, database: string | undefined): string {
  if (database === undefined) return url;
  const problem = identifierProblem(database);
  if (problem) throw new StepError(`Invalid database name: ${problem}`);
  const u = new URL(url);
  u.pathname = `/${database}`; // identifier characters ([A-Za-z0-9_$]) need no escaping in a URL path
  return u.toString();
}

/** SQLSTATEs meaning "the object is not there". */
export const NOT_FOUND_CODES = new Set([
  '3D000', // invalid_catalog_name: database does not exist
  '3F000', // invalid_schema_name
  '42704', // undefined_object (role, type, …)
  '42P01', // undefined_table
  '42883', // undefined_function
  '42703', // undefined_column
]);

/** The SQLSTATE of a pg error or of a PgStepError; undefined for anything else (a network error's code is not one). */
export const sqlState = (err: unknown): string | undefined =>
  err instanceof DatabaseError || err instanceof PgStepError ? err.code : undefined;

/** A step error from PostgreSQL, keeping its SQLSTATE (for the callers' "does not exist" checks). */
export class PgStepError extends StepError {
  constructor(
    message: string,
    restStatus: string,
    readonly code: string | undefined,
  ) {
    super(message, 'WorkflowStepException', restStatus);
  }
}

/** A PostgreSQL failure as the step error Flow Framework-style states show; never includes the connection string. */
export function toStepError(err: unknown, target: PgTarget): unknown {
  if (err instanceof StepError) return err;
  const code = err instanceof DatabaseError ? err.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const status = !code
    ? 'INTERNAL_SERVER_ERROR'
    : code === '42501'
      ? 'FORBIDDEN'
      : code.startsWith('28')
        ? 'UNAUTHORIZED'
        : ['42P04', '42710', '42P06', '42P07'].includes(code)
          ? 'CONFLICT'
          : NOT_FOUND_CODES.has(code)
            ? 'NOT_FOUND'
            : /^(08|53|57|58|XX)/.test(code)
              ? 'INTERNAL_SERVER_ERROR'
              : 'BAD_REQUEST';
  return new PgStepError(`PostgreSQL target [${target.label}]: ${message}${code ? ` (SQLSTATE ${code})` : ''}`, status, code);
}

/**
 * Runs `fn` on a short-lived connection to `url`, closed afterwards. When `signal` aborts (node timeout, worker
 * stop), the running statement is cancelled on the server (pg_cancel_backend from a second connection) and the
 * connection closed; the call rejects with the signal's reason.
 */
export async function withClient<T>(target: PgTarget, url: string, signal: AbortSignal, fn: (client: Client) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  await target.outboundCheck?.();
  let client: Client;
  try {
    client = new Client({ connectionString: url, application_name: 'stepwise', connectionTimeoutMillis: 15_000 });
  } catch {
    // the parser's message may quote the connection string, which can hold a password
    throw new StepError(`PostgreSQL target [${target.label}]: invalid connection string`);
  }
  client.on('error', () => undefined); // a dropped connection fails the pending query; nothing else to do
  let connected = false;
  let ended = false;
  const end = () => {
    if (ended) return Promise.resolve();
    ended = true;
    return client.end().catch(() => undefined);
  };
  const onAbort = () => {
    const pid = (client as unknown as { processID: number | null }).processID;
    void (connected && pid ? cancelBackend(url, pid) : Promise.resolve()).finally(end);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    connected = true;
    signal.throwIfAborted();
    return await fn(client);
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw toStepError(err, target);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!signal.aborted) await end();
  }
}

/** Cancels backend `pid`'s running statement from a separate connection (same role, so no extra privilege). */
async function cancelBackend(url: string, pid: number): Promise<void> {
  const side = new Client({ connectionString: url, application_name: 'stepwise-cancel', connectionTimeoutMillis: 5_000 });
  side.on('error', () => undefined);
  try {
    await side.connect();
    await side.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // best effort: closing the connection ends the backend's statement at its next check anyway
  } finally {
    await side.end().catch(() => undefined);
  }
}

/** BEGIN … COMMIT around `fn` (ROLLBACK on failure). */
export async function inTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
