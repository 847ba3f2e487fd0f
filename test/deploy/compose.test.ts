// There is no Docker engine where the tests run, so nothing here builds or starts a container: these tests parse
// docker-compose.yml and the Dockerfile and check the structure the deployment relies on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config/app-config';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

type Service = Record<string, any>;
// merge: true resolves the `<<: *anchor` merge keys the way Docker Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { postgres, api, worker } = compose.services;

/** Compose durations ("40s", "1m30s", "500ms") in milliseconds; Docker stops a container after 10 s by default. */
function durationMs(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...String(value).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  expect(parts.map((p) => p[0]).join('')).toBe(String(value)); // nothing unparsed
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

/** SHUTDOWN_GRACE_MS as the service's process sees it (its environment, else the app's default). */
function shutdownGraceMs(service: Service): number {
  const fromEnv = service.environment?.SHUTDOWN_GRACE_MS;
  const fallback = CONFIG_VARIABLES.find((v) => v.env === 'SHUTDOWN_GRACE_MS')!.default as number;
  return fromEnv === undefined ? fallback : Number(fromEnv);
}

describe('docker-compose.yml structure (static checks only: no Docker engine here)', () => {
  it('has the postgres, api and worker services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'worker']);
  });

  it('runs PostgreSQL 17 with a pg_isready health check and a named volume', () => {
    expect(postgres.image).toMatch(/^postgres:17/);
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    const volume = String(postgres.volumes[0]).split(':')[0];
    expect(Object.keys((compose as any).volumes)).toContain(volume);
  });

  it('builds api and worker from the same Dockerfile and image, each with its own entry point', () => {
    expect(api.build).toBe('.');
    expect(worker.build).toEqual(api.build);
    expect(worker.image).toBe(api.image);
    expect(api.command).toEqual(['node', 'dist/src/main.js']);
    expect(worker.command).toEqual(['node', 'dist/src/worker.js']);
    // rootDir is "." in tsconfig, so src/X.ts compiles to dist/src/X.js.
    expect(existsSync(join(root, 'src/main.ts')) && existsSync(join(root, 'src/worker.ts'))).toBe(true);
  });

  it('lets the worker scale (no ports, no container_name) and publishes the api on 9200', () => {
    expect(worker).not.toHaveProperty('ports');
    expect(worker).not.toHaveProperty('container_name');
    expect(api).not.toHaveProperty('container_name');
    expect(api.ports).toContain('9200:9200');
  });

  it('gives api and worker the same DATABASE_URL, pointing at the postgres service, and the same required SECRET_KEY', () => {
    for (const service of [api, worker]) {
      const url = new URL(service.environment.DATABASE_URL);
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
      expect(decodeURIComponent(url.username)).toBe(postgres.environment.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(postgres.environment.POSTGRES_PASSWORD);
    }
    expect(worker.environment.DATABASE_URL).toBe(api.environment.DATABASE_URL);
    expect(worker.environment.SECRET_KEY).toBe(api.environment.SECRET_KEY);
    // `${VAR:?message}`: compose refuses to start without it, and the message says how to make one.
    expect(api.environment.SECRET_KEY).toMatch(/^\$\{SECRET_KEY:\?[^}]*openssl rand -base64 32[^}]*\}$/);
  });

  it('starts api and worker only once postgres is healthy', () => {
    for (const service of [api, worker]) {
      expect(service.depends_on.postgres.condition).toBe('service_healthy');
    }
  });

  it('checks api readiness on /health/ready and disables the HTTP check for the worker', () => {
    expect(api.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(worker.healthcheck.disable).toBe(true);
  });

  it('gives the worker (and api) longer to stop than the process itself waits (SHUTDOWN_GRACE_MS + 2 s)', () => {
    expect(worker.environment.SHUTDOWN_GRACE_MS).toBeDefined();
    expect(worker.environment.WORKER_CONCURRENCY).toBeDefined();
    for (const service of [api, worker]) {
      // The entry points force an exit at SHUTDOWN_GRACE_MS + 2000 (src/main.ts, src/worker.ts).
      expect(durationMs(service.stop_grace_period)).toBeGreaterThan(shutdownGraceMs(service) + 2000);
    }
  });
});

describe('Dockerfile structure (static checks only: no Docker engine here)', () => {
  // Instructions with `\` continuations joined and comments dropped.
  const instructions = read('Dockerfile')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stageStarts = instructions.flatMap((l, i) => (/^FROM\s/i.test(l) ? [i] : []));
  const finalStage = instructions.slice(stageStarts[stageStarts.length - 1]);
  const buildStages = instructions.slice(stageStarts[0], stageStarts[stageStarts.length - 1]);

  it('is multi-stage: builds with npm ci + npm run build, then copies only build output into the final stage', () => {
    expect(stageStarts.length).toBeGreaterThanOrEqual(2);
    const run = buildStages.filter((l) => /^RUN\s/i.test(l)).join('\n');
    expect(run).toMatch(/npm ci\b/);
    expect(run).toMatch(/npm run build\b/);
    expect(run).toMatch(/npm prune --omit=dev\b/);
    const copies = finalStage.filter((l) => /^COPY\s/i.test(l));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).toMatch(/--from=/);
  });

  it('runs the final stage as a non-root user', () => {
    const users = finalStage.filter((l) => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
  });

  it('listens on 0.0.0.0:9200, health-checks /health/live, and runs dist/src/main.js in exec form', () => {
    const text = finalStage.join('\n');
    expect(text).toMatch(/^ENV\s.*\bHOST=0\.0\.0\.0\b/m);
    expect(text).toMatch(/^EXPOSE\s+9200\b/m);
    expect(text).toMatch(/^HEALTHCHECK\s.*\/health\/live/m);
    expect(text).toMatch(/^STOPSIGNAL\s+SIGTERM$/m);
    const cmd = finalStage.filter((l) => /^CMD\s/i.test(l)).pop()!;
    expect(JSON.parse(cmd.replace(/^CMD\s+/i, ''))).toEqual(['node', 'dist/src/main.js']);
  });

  it('keeps host build output, tests and local secrets out of the build context (.dockerignore)', () => {
    const ignored = read('.dockerignore').split(/\r?\n/).map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.stepwise', '.env', 'test', 'coverage']) {
      expect(ignored).toContain(entry);
    }
  });
});
