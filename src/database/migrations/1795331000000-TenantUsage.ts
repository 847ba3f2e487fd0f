import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-tenant workflow counts for the O(1) workflows-per-tenant limit, initialised from the existing rows. */
export class TenantUsage1795331000000 implements MigrationInterface {
  name = 'TenantUsage1795331000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tenant_usage" ("tenant_id" text NOT NULL, "workflows" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_tenant_usage" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(`INSERT INTO "tenant_usage" ("tenant_id", "workflows") SELECT "tenant_id", count(*) FROM "workflows" GROUP BY "tenant_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenant_usage"`);
  }
}
