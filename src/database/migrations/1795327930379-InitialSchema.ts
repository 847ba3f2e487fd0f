import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795327930379 implements MigrationInterface {
    name = 'InitialSchema1795327930379'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "executions" (
                "id" BIGSERIAL NOT NULL,
                "workflow_id" character varying(32) NOT NULL,
                "generation" integer NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "error" text,
                "stop_requested" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "restored_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "executions_workflow_generation_key" UNIQUE ("workflow_id", "generation"),
                CONSTRAINT "PK_703e64e0ef651986191844b7b8b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "executions_active_idx" ON "executions" ("workflow_id")
            WHERE status IN ('QUEUED', 'RUNNING')
        `);
        await queryRunner.query(`
            CREATE TABLE "resources" (
                "id" BIGSERIAL NOT NULL,
                "workflow_id" character varying(32) NOT NULL,
                "execution_id" bigint,
                "workflow_step_name" text NOT NULL,
                "workflow_step_id" text NOT NULL,
                "resource_type" text NOT NULL,
                "resource_id" text NOT NULL,
                "deprovision" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "resources_identity_key" UNIQUE (
                    "workflow_id",
                    "workflow_step_id",
                    "resource_type",
                    "resource_id"
                ),
                CONSTRAINT "PK_632484ab9dff41bba94f9b7c85e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "resources_workflow_idx" ON "resources" ("workflow_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "step_runs" (
                "id" BIGSERIAL NOT NULL,
                "execution_id" bigint NOT NULL,
                "node_id" text NOT NULL,
                "step_type" text NOT NULL,
                "status" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "outputs" jsonb,
                "error" text,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "step_runs_execution_node_key" UNIQUE ("execution_id", "node_id"),
                CONSTRAINT "PK_5786a3a2b02a77b446ce02c4c09" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "workflow_states" (
                "workflow_id" character varying(32) NOT NULL,
                "tenant_id" text NOT NULL,
                "state" text NOT NULL,
                "provisioning_progress" text NOT NULL,
                "error" text,
                "provision_start_time" TIMESTAMP WITH TIME ZONE,
                "provision_end_time" TIMESTAMP WITH TIME ZONE,
                "user" jsonb,
                "user_outputs" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_f2cf3978de9bc29cfbb2de763ee" PRIMARY KEY ("workflow_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "workflows" (
                "id" character varying(32) NOT NULL,
                "tenant_id" text NOT NULL,
                "name" text NOT NULL,
                "template" jsonb NOT NULL,
                "owner" jsonb,
                "created_time" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_updated_time" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_provisioned_time" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_5b5757cc1cd86268019fef52e0c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "workflows_name_idx" ON "workflows" ("name")
        `);
        await queryRunner.query(`
            CREATE INDEX "workflows_tenant_created_idx" ON "workflows" ("tenant_id", "created_time")
        `);
        await queryRunner.query(`
            ALTER TABLE "step_runs"
            ADD CONSTRAINT "FK_21f3307d3bd2398e01b549b9476" FOREIGN KEY ("execution_id") REFERENCES "executions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "step_runs" DROP CONSTRAINT "FK_21f3307d3bd2398e01b549b9476"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."workflows_tenant_created_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."workflows_name_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "workflows"
        `);
        await queryRunner.query(`
            DROP TABLE "workflow_states"
        `);
        await queryRunner.query(`
            DROP TABLE "step_runs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."resources_workflow_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "resources"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."executions_active_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "executions"
        `);
    }

}
