import { MigrationInterface, QueryRunner } from 'typeorm';

/** Callers' credentials: API keys (hashed) and signing keys (secret encrypted). */
export class AccessKeys1795332000000 implements MigrationInterface {
  name = 'AccessKeys1795332000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_keys" ("id" character varying(64) NOT NULL, "kind" text NOT NULL, "secret_hash" text, "secret_sealed" text,
        "user_name" text NOT NULL, "backend_roles" jsonb NOT NULL DEFAULT '[]', "roles" jsonb NOT NULL DEFAULT '[]', "tenant_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_access_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "access_keys_tenant_idx" ON "access_keys" ("tenant_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."access_keys_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "access_keys"`);
  }
}
