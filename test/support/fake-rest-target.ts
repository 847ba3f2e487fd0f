import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing in for a REST API that `http_request` steps create resources on (a test double of
 * the target, not of Stepwise). `POST /things/<key>` creates a thing and answers `{ "id": ... }`; `DELETE
 * /things/<id>` deletes it (404 when unknown). Behaviour is steered per test through the public fields.
 */
export class FakeRestTarget {
  /** Create calls received, by key (counted when the request arrives). */
  readonly creates = new Map<string, number>();
  /** Creates that arrived and have not been answered yet. */
  readonly inFlight = new Set<string>();
  readonly things = new Map<string, { key: string; body: unknown }>();
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  /** Delay before answering a create, in ms. */
  createDelayMs = 0;
  /** Keys whose create answers this status instead of 201. */
  failCreate = new Map<string, number>();
  /** Failed creates echo the request's headers and body back (like careless APIs do), to test redaction. */
  echoOnFailure = false;
  /** Answer every request with 503 (target down). */
  down = false;
  /** Things whose next delete is refused once (409), e.g. "busy". */
  readonly refuseDeleteOnce = new Set<string>();
  /** Refuses to delete a thing while `blockers(id)` returns another live thing (dependency). */
  blockers: (id: string) => string[] = () => [];
  private server?: Server;
  private next = 1;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => void this.handle(req, body).then(({ status, json }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, body: string): Promise<{ status: number; json: unknown }> {
    this.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (this.down) return { status: 503, json: { error: 'target is down' } };
    const [, collection, key] = req.url!.split('?')[0].split('/');
    if (collection !== 'things' || !key) return { status: 404, json: { error: 'no such route' } };
    if (req.method === 'POST') {
      this.creates.set(key, (this.creates.get(key) ?? 0) + 1);
      this.inFlight.add(key);
      try {
        if (this.createDelayMs) await new Promise((r) => setTimeout(r, this.createDelayMs));
        const fail = this.failCreate.get(key);
        if (fail) return { status: fail, json: { error: `create of ${key} refused`, ...(this.echoOnFailure ? { echo: { headers: req.headers, body } } : {}) } };
        const id = `thing-${this.next++}`;
        this.things.set(id, { key, body: body ? JSON.parse(body) : null });
        return { status: 201, json: { id, key } };
      } finally {
        this.inFlight.delete(key);
      }
    }
    if (req.method === 'DELETE') {
      if (!this.things.has(key)) return { status: 404, json: { error: 'not found' } };
      if (this.refuseDeleteOnce.delete(key)) return { status: 409, json: { error: `${key} is busy` } };
      const blocking = this.blockers(key).filter((b) => this.things.has(b));
      if (blocking.length) return { status: 409, json: { error: `${key} is still used by ${blocking.join(', ')}` } };
      this.things.delete(key);
      return { status: 200, json: { deleted: key } };
    }
    if (req.method === 'PUT') {
      if (!this.things.has(key)) return { status: 404, json: { error: 'not found' } };
      this.things.get(key)!.body = body ? JSON.parse(body) : null;
      return { status: 200, json: { updated: key } };
    }
    return { status: 405, json: { error: 'method not allowed' } };
  }
}

/** An `http_request` node that creates `/things/<key>` on the target and deletes it on deprovision. */
export const thingNode = (target: FakeRestTarget, id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'http_request',
  user_inputs: {
    url: `${target.url}/things/${id}`,
    method: 'POST',
    body: JSON.stringify({ node: id }),
    resource_type: 'thing_id',
    resource_id: '$.id',
    deprovision: { method: 'DELETE', url: `${target.url}/things/\${{ resource_id }}` },
    ...extra,
  },
});
