import { randomBytes } from 'node:crypto';

/**
 * The one validated configuration object. Nothing else in Stepwise reads process.env: entry points call
 * loadConfig() once and hand the result to the modules that need it (the CONFIG provider).
 */
export interface AppConfig {
  /** HTTP port of the api process. */
  port: number;
  host: string;
  /** PostgreSQL connection string; unset in all-in-one mode means "start an embedded PostgreSQL". */
  databaseUrl?: string;
  /** Maximum connections per process in the TypeORM pool. */
  databasePoolSize: number;
  /** Jobs one worker process runs at the same time. */
  workerConcurrency: number;
  /** Nodes of one provision job run in parallel at most. */
  nodeConcurrency: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pretty (human) logs instead of JSON lines. */
  logPretty: boolean;
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimitBytes: number;
  /** How long a stopping process waits for running jobs before it gives them back to the queue. */
  shutdownGraceMs: number;
  /** pg-boss heartbeat: a job whose worker stops heart-beating is taken over after about this long. */
  jobHeartbeatSeconds: number;
  /** How long `_deprovision` waits for the worker before answering 202 (the deprovision goes on). */
  deprovisionWaitMs: number;
  /** Nodes allowed in one workflow. */
  maxNodesPerWorkflow: number;
  /** Workflows (templates) one tenant may hold. */
  maxWorkflowsPerTenant: number;
  /** 32-byte key (base64) that encrypts secrets at rest. */
  secretKey?: Buffer;
  /** Where all-in-one mode keeps local state (embedded PostgreSQL data, the local secret key). */
  dataDir: string;
  /** Port for the embedded PostgreSQL; 0 picks a free one. */
  embeddedPostgresPort: number;
  /** The OpenSearch cluster the OpenSearch step pack talks to (its REST API). */
  opensearchUrl?: string;
  opensearchUsername?: string;
  opensearchPassword?: string;
  /** Sent as `Authorization: ApiKey <key>` when set (instead of basic auth). */
  opensearchApiKey?: string;
  /** Verify the cluster's TLS certificate (turn off only for self-signed test clusters). */
  opensearchTlsVerify: boolean;
  /** Named PostgreSQL targets of the SQL step pack: name → connection string. */
  sqlTargets: Record<string, string>;
  /** How callers authenticate: `none` (everyone is the anonymous user), and/or `api_key`, `signed`. */
  authModes: AuthMode[];
  /** Flow Framework multi-tenancy: the tenant comes from `x-tenant-id` (required) when authentication is off. */
  multiTenancy: boolean;
  /** Signed requests older or newer than this are refused (RequestTimeTooSkewed). */
  signatureMaxSkewSeconds: number;
  /** Flow Framework's filter_by_backend_roles: users see only workflows created by users sharing a backend role. */
  filterByBackendRoles: boolean;
  /** Concurrent provisions / deprovisions one tenant may run (0 = no limit); over it → 429. */
  maxActiveProvisionsPerTenant: number;
  maxActiveDeprovisionsPerTenant: number;
  /** Outbound calls of step types: addresses always allowed / always refused (CIDRs or host names), and whether private ranges are refused. */
  outboundAllow: string[];
  outboundDeny: string[];
  outboundDenyPrivate: boolean;
  /** Where log lines go instead of stdout (set by tests that read every log line; not an environment variable). */
  logStream?: { write(line: string): void };
  /** Region and project named in the URNs of the Huawei-style facade. */
  facadeRegion: string;
  facadeProjectId: string;
}

/** A configuration variable: its environment name, the rule it must follow, and how to read it. */
interface Setting<T> {
  env: string;
  rule: string;
  parse(raw: string): T | undefined;
  default?: T;
}

const integer = (min: number, max: number) => (raw: string) => {
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
};

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
/** "1mb", "512kb", "1048576" → bytes. */
export const parseByteSize = (raw: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const AUTH_MODES = ['none', 'api_key', 'signed'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const bool = (r: string) => ({ true: true, false: false })[r.trim().toLowerCase()];
const list = (r: string) => r.split(',').map((x) => x.trim()).filter(Boolean);

const SETTINGS = {
  port: { env: 'PORT', rule: 'an integer from 0 to 65535', parse: integer(0, 65535), default: 9200 },
  host: { env: 'HOST', rule: 'a host name or IP address', parse: (r: string) => (r.trim() ? r.trim() : undefined), default: '127.0.0.1' },
  databaseUrl: {
    env: 'DATABASE_URL',
    rule: 'a postgres:// or postgresql:// URL',
    parse: (r: string) => (/^postgres(ql)?:\/\/\S+$/.test(r.trim()) ? r.trim() : undefined),
  },
  databasePoolSize: { env: 'DATABASE_POOL_SIZE', rule: 'an integer from 1 to 1000', parse: integer(1, 1000), default: 10 },
  workerConcurrency: { env: 'WORKER_CONCURRENCY', rule: 'an integer from 1 to 1000', parse: integer(1, 1000), default: 32 },
  nodeConcurrency: { env: 'NODE_CONCURRENCY', rule: 'an integer from 1 to 1000', parse: integer(1, 1000), default: 8 },
  logLevel: {
    env: 'LOG_LEVEL',
    rule: `one of ${LOG_LEVELS.join(', ')}`,
    parse: (r: string) => LOG_LEVELS.find((l) => l === r.trim().toLowerCase()),
    default: 'info' as const,
  },
  logPretty: { env: 'LOG_PRETTY', rule: 'true or false', parse: bool, default: false },
  bodyLimitBytes: { env: 'BODY_LIMIT', rule: 'a size like 1048576, 512kb or 5mb', parse: parseByteSize, default: 5 * 1024 ** 2 },
  shutdownGraceMs: { env: 'SHUTDOWN_GRACE_MS', rule: 'an integer from 0 to 600000', parse: integer(0, 600_000), default: 8000 },
  jobHeartbeatSeconds: { env: 'JOB_HEARTBEAT_SECONDS', rule: 'an integer from 10 to 3600', parse: integer(10, 3600), default: 10 },
  deprovisionWaitMs: { env: 'DEPROVISION_WAIT_MS', rule: 'an integer from 0 to 3600000', parse: integer(0, 3_600_000), default: 60_000 },
  maxNodesPerWorkflow: { env: 'MAX_NODES_PER_WORKFLOW', rule: 'an integer from 1 to 100000', parse: integer(1, 100_000), default: 1000 },
  maxWorkflowsPerTenant: {
    env: 'MAX_WORKFLOWS_PER_TENANT',
    rule: 'an integer from 1 to 1000000000',
    parse: integer(1, 1_000_000_000),
    default: 1_000_000,
  },
  secretKey: {
    env: 'SECRET_KEY',
    rule: '32 bytes encoded as base64 (generate one with: openssl rand -base64 32)',
    parse: (r: string) => {
      const key = Buffer.from(r.trim(), 'base64');
      return key.length === 32 ? key : undefined;
    },
  },
  dataDir: { env: 'STEPWISE_DATA_DIR', rule: 'a directory path', parse: (r: string) => (r.trim() ? r.trim() : undefined), default: '.stepwise' },
  embeddedPostgresPort: { env: 'EMBEDDED_POSTGRES_PORT', rule: 'an integer from 0 to 65535', parse: integer(0, 65535), default: 0 },
  opensearchUrl: { env: 'OPENSEARCH_URL', rule: 'an http:// or https:// URL', parse: (r: string) => (/^https?:\/\/\S+$/.test(r.trim()) ? r.trim().replace(/\/$/, '') : undefined) },
  opensearchUsername: { env: 'OPENSEARCH_USERNAME', rule: 'a user name', parse: (r: string) => r },
  opensearchPassword: { env: 'OPENSEARCH_PASSWORD', rule: 'a password', parse: (r: string) => r },
  opensearchApiKey: { env: 'OPENSEARCH_API_KEY', rule: 'an API key', parse: (r: string) => r },
  opensearchTlsVerify: { env: 'OPENSEARCH_TLS_VERIFY', rule: 'true or false', parse: bool, default: true },
  sqlTargets: {
    env: 'SQL_TARGETS',
    rule: 'a JSON object of name → postgres:// connection string, e.g. {"main":"postgres://user@host/db"}',
    parse: (r: string) => {
      try {
        const value = JSON.parse(r);
        const ok = value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string' && /^postgres(ql)?:\/\//.test(v));
        return ok ? (value as Record<string, string>) : undefined;
      } catch {
        return undefined;
      }
    },
    default: {},
  },
  authModes: {
    env: 'AUTH_MODE',
    rule: `none, or a comma-separated list of ${AUTH_MODES.filter((m) => m !== 'none').join(', ')}`,
    parse: (r: string) => {
      const modes = list(r.toLowerCase());
      const ok = modes.length > 0 && modes.every((m) => (AUTH_MODES as readonly string[]).includes(m)) && !(modes.includes('none') && modes.length > 1);
      return ok ? (modes as AuthMode[]) : undefined;
    },
    default: ['none'],
  },
  multiTenancy: { env: 'MULTI_TENANCY', rule: 'true or false', parse: bool, default: false },
  signatureMaxSkewSeconds: { env: 'SIGNATURE_MAX_SKEW_SECONDS', rule: 'an integer from 1 to 86400', parse: integer(1, 86_400), default: 900 },
  filterByBackendRoles: { env: 'FILTER_BY_BACKEND_ROLES', rule: 'true or false', parse: bool, default: false },
  maxActiveProvisionsPerTenant: { env: 'MAX_ACTIVE_PROVISIONS_PER_TENANT', rule: 'an integer from 0 to 100000 (0 = no limit)', parse: integer(0, 100_000), default: 0 },
  maxActiveDeprovisionsPerTenant: { env: 'MAX_ACTIVE_DEPROVISIONS_PER_TENANT', rule: 'an integer from 0 to 100000 (0 = no limit)', parse: integer(0, 100_000), default: 0 },
  outboundAllow: { env: 'OUTBOUND_ALLOW', rule: 'a comma-separated list of CIDRs or host names', parse: list, default: [] },
  outboundDeny: { env: 'OUTBOUND_DENY', rule: 'a comma-separated list of CIDRs or host names', parse: list, default: [] },
  outboundDenyPrivate: { env: 'OUTBOUND_DENY_PRIVATE', rule: 'true or false', parse: bool, default: false },
  facadeRegion: { env: 'FACADE_REGION', rule: 'a region name', parse: (r: string) => (r.trim() ? r.trim() : undefined), default: 'local' },
  facadeProjectId: { env: 'FACADE_PROJECT_ID', rule: 'a project id', parse: (r: string) => (r.trim() ? r.trim() : undefined), default: 'stepwise' },
} satisfies { [K in Exclude<keyof AppConfig, 'logStream'>]-?: Setting<AppConfig[K]> };

/** The environment variables Stepwise reads, with their rules and defaults (README's configuration table). */
export const CONFIG_VARIABLES = Object.values(SETTINGS).map((s: Setting<unknown>) => ({
  env: s.env,
  rule: s.rule,
  default: s.default,
}));

export class ConfigError extends Error {}

/**
 * Reads and validates the configuration. Every problem is reported at once, each naming the variable and its rule.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(SETTINGS) as [keyof AppConfig, Setting<unknown>][]) {
    const raw = env[setting.env];
    if (raw === undefined || raw === '') {
      config[key] = setting.default;
      continue;
    }
    const value = setting.parse(raw);
    if (value === undefined) problems.push(`${setting.env}=${JSON.stringify(raw)} is invalid: it must be ${setting.rule}.`);
    config[key] = value;
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return { ...(config as unknown as AppConfig), ...overrides };
}

/** A fresh random key, for all-in-one mode's locally kept secret key and for tests. */
export const generateSecretKey = (): Buffer => randomBytes(32);

export const CONFIG = Symbol('AppConfig');
