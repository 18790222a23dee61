import { sql } from 'kysely';
import type { Tx } from '../../platform/db.js';
import { conflict } from '../../platform/errors.js';

const SEQUENCE_DIGITS = 8;
// the key of the transaction-scoped advisory lock that serializes allocation; the same key as
// member-import/card-number.ts ('memc'), so an import and a registration never race
export const CARD_NO_LOCK = 0x6d656d63;

/**
 * 会员证号: the region code of the tree's root (e.g. 370523) and an 8-digit sequence, the
 * form the demo data and imports use. Takes max + 1 under a transaction-scoped advisory lock,
 * so two transactions never hand out the same number (the unique index is the last guard).
 * Call it inside the transaction that inserts the members; `count` numbers in a row.
 */
export async function allocateCardNos(tx: Tx, orgId: number, count = 1): Promise<string[]> {
  await sql`select pg_advisory_xact_lock(${CARD_NO_LOCK})`.execute(tx);
  const root = await sql<{ region_code: string | null }>`
    select r.region_code from org o join org r on r.path = subpath(o.path, 0, 1) where o.id = ${orgId}`.execute(tx);
  const prefix = (root.rows[0]?.region_code ?? '').trim() || '000000';
  const width = prefix.length + SEQUENCE_DIGITS;
  const last = await tx.selectFrom('member').select('card_no')
    .where('card_no', '>=', prefix + '0'.repeat(SEQUENCE_DIGITS))
    .where('card_no', '<=', prefix + '9'.repeat(SEQUENCE_DIGITS))
    .where(sql<boolean>`length(card_no) = ${width} and card_no ~ '^[0-9]+$'`)
    .orderBy('card_no', 'desc').limit(1).executeTakeFirst();
  const next = last ? Number(last.card_no.slice(prefix.length)) + 1 : 1;
  if (next + count - 1 >= 10 ** SEQUENCE_DIGITS) throw conflict('会员证号已用尽，请联系系统管理员');
  return Array.from({ length: count }, (_, i) => prefix + String(next + i).padStart(SEQUENCE_DIGITS, '0'));
}
