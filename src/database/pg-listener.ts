import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/**
 * A dedicated LISTEN connection that survives PostgreSQL restarts: it reconnects with back-off and then calls
 * `onReconnect`, so that the owner can catch up on what it may have missed while disconnected.
 */
export class PgListener {
  private client?: Client;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string) => void,
    private readonly logger: Logger,
    private readonly onReconnect: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: `stepwise-listen-${this.channel}`, keepAlive: true });
    client.on('notification', (msg) => this.onMessage(msg.payload ?? ''));
    client.on('error', (err) => this.logger.warn({ err }, `LISTEN ${this.channel}: connection error`));
    client.on('end', () => {
      if (!this.closed) setTimeout(() => void this.reconnect(), 500);
    });
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    for (let delay = 500; !this.closed; delay = Math.min(delay * 2, 10_000)) {
      try {
        await this.connect();
        this.logger.log(`LISTEN ${this.channel}: connection restored`);
        this.onReconnect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
