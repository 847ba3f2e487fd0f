import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { escapeLiteral } from 'pg';
import type { WorkflowNode } from '../../workflows/template/template.types';
import type { StepContext } from '../sdk/step-type';
import { StepError } from '../sdk/step-type';
import { identifierProblem, validatePostgresNodeInputs } from './validate';

/** The comment Stepwise puts on what it creates: which workflow and node did. */
export const MARKER_PREFIX = 'stepwise:';
export const markerOf = (workflowId: string, nodeId: string) => `${MARKER_PREFIX}${workflowId}/${nodeId}`;
/** `COMMENT ON … IS <literal>`: utility statements take no parameters, so the text is escaped as a literal. */
export const literal = (text: string) => escapeLiteral(text);

/**
 * Run-time check of a step's resolved inputs (substitutions applied), the same rules as at create time: a bad
 * identifier fails the node before any statement is sent.
 */
export function checkInputs(type: string, ctx: StepContext): void {
  const node: WorkflowNode = { id: ctx.nodeId, type, previous_node_inputs: {}, user_inputs: ctx.inputs };
  const problem = validatePostgresNodeInputs(node);
  if (problem) throw new StepError(problem.replace(/\.$/, '')); // the state's error goes on: ", restStatus: …"
  // At run time nothing is left to substitute: a placeholder still there is an unresolved reference.
  for (const [key, value] of Object.entries(ctx.inputs)) {
    if (typeof value === 'string' && value.includes('${{') && ['database_name', 'role_name', 'schema_name', 'owner'].includes(key)) {
      throw new StepError(`Invalid input [${key}] of node [${ctx.nodeId}] (${type}): ${identifierProblem(value)}`);
    }
  }
}

/** A validated identifier input (checked by checkInputs), or undefined when absent. */
export const identifierInput = (ctx: StepContext, key: string): string | undefined => {
  const value = ctx.inputs[key];
  if (value === undefined) return undefined;
  const problem = identifierProblem(value);
  if (problem) throw new StepError(`Invalid input [${key}]: ${problem}`);
  return String(value);
};

/** Whether the existing object's comment says this very node created it (a re-run after a crash). */
export function createdBy(comment: string | null | undefined, workflowId: string, nodeId: string): boolean {
  return comment === markerOf(workflowId, nodeId);
}

export const alreadyExists = (kind: string, name: string, comment: string | null | undefined) =>
  new StepError(
    `${kind} [${name}] already exists${comment?.startsWith(MARKER_PREFIX) ? ` (created by Stepwise ${comment.slice(MARKER_PREFIX.length)})` : ''} and was not created by this node`,
    'WorkflowStepException',
    'CONFLICT',
  );

/**
 * The SCRAM-SHA-256 verifier of a password, as PostgreSQL stores it (what libpq's PQencryptPasswordConn sends):
 * the server never sees the password, and statement logs never hold it. Only for ASCII passwords, for which
 * SASLprep changes nothing; others are sent as an escaped literal and hashed by the server.
 */
export function passwordLiteral(password: string): string {
  if (!/^[\x20-\x7e]*$/.test(password)) return literal(password);
  const iterations = 4096;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return literal(`SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`);
}
