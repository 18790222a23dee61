import type { Db } from './db.js';
import type { FieldCrypto } from './crypto.js';
import { audit, type Actor } from './audit.js';
import { notFound } from './errors.js';

const fieldNames = { phone: '手机号码', id_number: '身份证号' } as const;

/**
 * Shows a full personal number: decrypts it and writes the audit row first, so every view of
 * a full number is on the record (PIPL; SPEC §5).
 */
export async function revealPersonalNumber(
  db: Db,
  crypto: FieldCrypto,
  actor: Actor,
  target: { entity: string; entityId: number; orgId: number | null; field: keyof typeof fieldNames; sealed: Buffer | null; label: string },
): Promise<string> {
  if (!target.sealed) throw notFound(fieldNames[target.field]);
  const value = crypto.decrypt(target.sealed);
  await audit(db, actor, {
    action: 'reveal', entity: target.entity, entityId: target.entityId, orgId: target.orgId,
    summary: `查看 ${target.label} 的完整${fieldNames[target.field]}`,
  });
  return value;
}
