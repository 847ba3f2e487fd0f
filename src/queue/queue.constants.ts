import { createHash } from 'node:crypto';

/** pg-boss queues. Payloads carry ids only; handlers load everything else from Postgres. */
export const QUEUES = ['provision', 'deprovision', 'purge'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Run (or resume) the provision/reprovision execution with this id. */
  provision: { executionId: string };
  /** Run the deprovision execution with this id. */
  deprovision: { executionId: string };
  /** Delete the run history and state rows of a deleted workflow. */
  purge: { workflowId: string };
}

/** pg-boss keeps its tables in their own schema. */
export const PGBOSS_SCHEMA = 'pgboss';

/**
 * The NOTIFY channel pg-boss signals job creation on (its `notifyChannelSql`: 'pgboss_' + the first 24 hex digits of
 * sha224(schema)). Workers LISTEN to it themselves to wake one idle loop per new job (see JobWorkerService).
 */
export const PGBOSS_JOB_CHANNEL = `pgboss_${createHash('sha224').update(PGBOSS_SCHEMA).digest('hex').slice(0, 24)}`;
