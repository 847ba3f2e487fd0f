/**
 * Input rules of the PostgreSQL pack, pure (no database, no pg import): the api process calls
 * `validatePostgresNodeInputs` at create time (400 before anything runs) and the steps call the same checks again
 * on their resolved inputs at run time (defence in depth).
 */
import type { WorkflowNode } from '../../workflows/template/template.types';

export const POSTGRES_STEP_TYPES = ['create_database', 'create_role', 'create_schema', 'run_sql'] as const;
export type PostgresStepType = (typeof POSTGRES_STEP_TYPES)[number];

/** PostgreSQL's identifier limit is 63 bytes (NAMEDATALEN - 1); letters are ASCII only, so bytes = characters. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
export const IDENTIFIER_RULE = 'it must be 1 to 63 characters long, start with a letter or _, and contain only letters, digits, _ and $';

/** A `${{ … }}` placeholder, replaced at run time (provision parameters or predecessor outputs). */
const PLACEHOLDER = /\$\{\{.*?\}\}/g;

/** The inputs of each step type that name a PostgreSQL object. */
export const IDENTIFIER_INPUTS: Record<PostgresStepType, string[]> = {
  create_database: ['database_name', 'owner'],
  create_role: ['role_name'],
  create_schema: ['schema_name', 'database_name', 'owner'],
  run_sql: ['database_name'],
};

/** Inputs that are "true" or "false" (a boolean or its text). */
const BOOLEAN_INPUTS: Record<PostgresStepType, string[]> = {
  create_database: [],
  create_role: ['login'],
  create_schema: [],
  run_sql: ['protected'],
};

/** Inputs that must be non-empty SQL text. */
const SQL_INPUTS: Record<PostgresStepType, string[]> = { create_database: [], create_role: [], create_schema: [], run_sql: ['sql', 'undo_sql'] };

export const isPostgresStepType = (type: string): type is PostgresStepType => (POSTGRES_STEP_TYPES as readonly string[]).includes(type);

/** Double-quoted identifier, embedded quotes doubled. Callers validate first; quoting is the second guard. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
};

/** Why `value` is not a valid identifier, or null. Placeholders are allowed only when `lenient`. */
export function identifierProblem(value: unknown, lenient = false): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return `it must be a string, got ${show(value)}`;
  const text = String(value);
  if (text === '') return 'it must not be empty';
  if (lenient && text.includes('${{')) {
    // Only the text around the placeholders is known now; it must be identifier characters. The whole value is
    // checked again at run time, once substituted.
    const literal = text.replace(PLACEHOLDER, '');
    if (!/^[A-Za-z0-9_$]*$/.test(literal) || literal.length > 63) return `${show(text)} is not a valid PostgreSQL identifier: ${IDENTIFIER_RULE}`;
    return null;
  }
  return IDENTIFIER.test(text) ? null : `${show(text)} is not a valid PostgreSQL identifier: ${IDENTIFIER_RULE}`;
}

function booleanProblem(value: unknown): string | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'string' && (/^(true|false)$/i.test(value) || value.includes('${{'))) return null;
  return `it must be true or false, got ${show(value)}`;
}

/** "true"/"false"/boolean → boolean (validated before). */
export const asBoolean = (value: unknown, fallback: boolean): boolean => (value === undefined ? fallback : String(value).toLowerCase() === 'true');

const isDsn = (value: string) => /^postgres(ql)?:\/\/\S+$/.test(value);

/**
 * Checks a node of the PostgreSQL pack before anything runs: identifiers (database_name, role_name, schema_name,
 * owner) must be plain PostgreSQL identifiers, run_sql needs non-empty sql and undo_sql, and the node must name its
 * target (`target` or `credential.dsn`). Returns an error message, or null when the node is fine (or not of this pack).
 *
 * `userParams` is the graph's `user_params`, which win over `user_inputs` at run time, so they are checked too.
 * Values holding `${{ }}` placeholders are checked as far as they are known; the steps check again at run time.
 */
export function validatePostgresNodeInputs(node: WorkflowNode, userParams: Record<string, unknown> = {}): string | null {
  if (!isPostgresStepType(node.type)) return null;
  const type = node.type;
  const where = `node [${node.id}] (${type})`;
  const invalid = (key: string, problem: string) => `Invalid input [${key}] of ${where}: ${problem}.`;
  const inputs = node.user_inputs ?? {};
  const valuesOf = (key: string): unknown[] => [inputs[key], userParams[key]].filter((v) => v !== undefined);

  for (const key of IDENTIFIER_INPUTS[type]) {
    for (const value of valuesOf(key)) {
      const problem = identifierProblem(value, true);
      if (problem) return invalid(key, problem);
    }
  }
  for (const key of BOOLEAN_INPUTS[type]) {
    for (const value of valuesOf(key)) {
      const problem = booleanProblem(value);
      if (problem) return invalid(key, problem);
    }
  }
  for (const key of SQL_INPUTS[type]) {
    for (const value of valuesOf(key)) {
      if (typeof value !== 'string' || value.trim() === '') return invalid(key, 'it must be non-empty SQL text');
    }
  }

  const credential = inputs.credential;
  if (credential !== undefined && (typeof credential !== 'object' || credential === null || Array.isArray(credential))) {
    return invalid('credential', 'it must be a map');
  }
  const secrets = (credential ?? {}) as Record<string, unknown>;
  const dsn = secrets.dsn;
  // At provision time the stored template holds ciphertext (enc:v1:…): only plain text can be checked here.
  if (typeof dsn === 'string' && !dsn.startsWith('enc:') && !dsn.includes('${{') && !isDsn(dsn)) {
    return `Invalid credential [dsn] of ${where}: it must be a postgres:// or postgresql:// connection string.`;
  }
  if (type === 'create_role' && secrets.password !== undefined && secrets.password === '') {
    return `Invalid credential [password] of ${where}: it must not be empty.`;
  }
  const targets = valuesOf('target');
  for (const target of targets) {
    if (typeof target !== 'string' || target.trim() === '') return invalid('target', 'it must be the name of a configured SQL target');
  }
  const targetFromPredecessor = Object.values(node.previous_node_inputs ?? {}).includes('target');
  if (!targets.length && dsn === undefined && !targetFromPredecessor) {
    return `Invalid workflow, ${where} needs a [target] (the name of a configured SQL target) or a [credential] with a [dsn].`;
  }
  return null;
}
