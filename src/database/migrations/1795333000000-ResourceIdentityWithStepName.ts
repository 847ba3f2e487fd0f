import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A node may record the same resource under two step names (Flow Framework's register_* with deploy: true records
 * the model as `register_remote_model` and as `deploy_model`): the step name joins the resource's identity.
 */
export class ResourceIdentityWithStepName1795333000000 implements MigrationInterface {
  name = 'ResourceIdentityWithStepName1795333000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "resources_identity_key"`);
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "resources_identity_key" UNIQUE ("workflow_id", "workflow_step_name", "workflow_step_id", "resource_type", "resource_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resources" DROP CONSTRAINT "resources_identity_key"`);
    await queryRunner.query(`ALTER TABLE "resources" ADD CONSTRAINT "resources_identity_key" UNIQUE ("workflow_id", "workflow_step_id", "resource_type", "resource_id")`);
  }
}
