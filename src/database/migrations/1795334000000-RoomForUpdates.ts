import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Updates that stay on their page and touch no indexed column (HOT updates) write no index entries and a fraction of
 * the WAL. Each provision updates its step runs twice, its run twice and its workflow's last_provisioned_time once:
 * - pages keep room for those updates (fillfactor); without it one step-run update in five moved to another page;
 * - the index of active runs no longer depends on `status`, which every claim changes, but on `ended_at`, which only
 *   the end of a run sets (a run is active, QUEUED or RUNNING, exactly while `ended_at` is null);
 * - step runs are keyed by (execution_id, node_id), which was already unique: one index instead of two for the ten
 *   rows each provision of ten nodes inserts (`id` stays, unindexed, for listing in insertion order).
 */
export class RoomForUpdates1795334000000 implements MigrationInterface {
  name = 'RoomForUpdates1795334000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_runs" SET (fillfactor = 70)`);
    await queryRunner.query(`ALTER TABLE "executions" SET (fillfactor = 80)`);
    await queryRunner.query(`ALTER TABLE "workflows" SET (fillfactor = 60)`);
    await queryRunner.query(`DROP INDEX "public"."executions_active_idx"`);
    await queryRunner.query(`CREATE INDEX "executions_active_idx" ON "executions" ("workflow_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "step_runs" DROP CONSTRAINT "PK_5786a3a2b02a77b446ce02c4c09"`);
    await queryRunner.query(`ALTER TABLE "step_runs" DROP CONSTRAINT "step_runs_execution_node_key"`);
    await queryRunner.query(`ALTER TABLE "step_runs" ADD CONSTRAINT "step_runs_pkey" PRIMARY KEY ("execution_id", "node_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_runs" DROP CONSTRAINT "step_runs_pkey"`);
    await queryRunner.query(`ALTER TABLE "step_runs" ADD CONSTRAINT "step_runs_execution_node_key" UNIQUE ("execution_id", "node_id")`);
    await queryRunner.query(`ALTER TABLE "step_runs" ADD CONSTRAINT "PK_5786a3a2b02a77b446ce02c4c09" PRIMARY KEY ("id")`);
    await queryRunner.query(`DROP INDEX "public"."executions_active_idx"`);
    await queryRunner.query(`CREATE INDEX "executions_active_idx" ON "executions" ("workflow_id") WHERE status IN ('QUEUED', 'RUNNING')`);
    await queryRunner.query(`ALTER TABLE "workflows" RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE "executions" RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE "step_runs" RESET (fillfactor)`);
  }
}
