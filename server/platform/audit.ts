import { sql } from 'kysely';
import type { Db, Tx } from './db.js';

export interface Actor {
  id: number | null;
  name: string;
  ip?: string | null;
}

export interface AuditEntry {
  action: string; // create, update, delete, move, grant, revoke, reveal, login…
  entity: string; // org, user, role, member…
  entityId?: string | number | null;
  orgId?: number | null; // the organization that owns the record: the auditor's scope filter
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row. Call it inside the transaction that makes the change. */
export async function audit(db: Db | Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_name: actor.name,
      ip: actor.ip ?? null,
      org_id: entry.orgId ?? null,
      org_path: orgPathOf(entry.orgId),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      summary: entry.summary ?? null,
      before: entry.before === undefined ? null : JSON.stringify(redactSecrets(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(redactSecrets(entry.after)),
    })
    .execute();
}

const secretKeys = new Set(['password_hash', 'passwordHash', 'password', 'id_number_enc', 'phone_enc', 'id_number_hash', 'phone_hash']);

// Hashes and ciphertexts have no place in a log that auditors read.
function redactSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !secretKeys.has(k))
      .map(([k, v]) => [k, Buffer.isBuffer(v) ? '[binary]' : redactSecrets(v)]),
  );
}

/** The organization's path now, kept on the log row (see migration 0007). */
export function orgPathOf(orgId: number | null | undefined) {
  return orgId == null ? null : sql<string | null>`(select path from org where id = ${orgId})`;
}
