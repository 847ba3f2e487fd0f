import { SetMetadata } from '@nestjs/common';
import type { JobPayloads, QueueName } from './queue.constants';

export const JOB_HANDLER = Symbol('JobHandler');

/** Marks a provider method as the consumer of a queue; the worker discovers it at start-up (JobWorkerService). */
export const JobHandler = (queue: QueueName) => SetMetadata(JOB_HANDLER, queue);

/** What a job handler receives: the typed payload and the job's abort signal (worker stopping, claim lost). */
export interface JobContext<Q extends QueueName> {
  jobId: string;
  payload: JobPayloads[Q];
  signal: AbortSignal;
  /** How many times this job was retried before (0 on the first attempt). */
  retryCount: number;
}
