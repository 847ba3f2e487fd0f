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
