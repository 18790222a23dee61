import { sql } from 'kysely';
import { parseIdNumber } from '../../../lib/validators/id-number.js';
import { parseMobile } from '../../../lib/validators/phone.js';
import { isValidCode } from '../../../lib/code-tables.js';
import type { Db, Tx } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import type { Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';
import { fieldError } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import type { LegalCaseKind } from './tables.js';

/** Module settings (setting key 'legal'): the working days a legal-aid application may wait for review. */
export interface LegalSettings { reviewDays: number }
export const defaultLegalSettings: LegalSettings = { reviewDays: 5 };
export const legalSettings = (db: Db | Tx) => getSetting(db, 'legal', defaultLegalSettings);

/** 案号: 法援〔2026〕0007号 / 调〔2026〕0012号 / 委派函 法援委〔2026〕0003号, counted per year. */
const numberPrefix = { legal_aid: '法援', mediation: '调', letter: '法援委' } as const;

export async function nextNumber(tx: Tx, kind: keyof typeof numberPrefix, onDate: string = clock.today()): Promise<string> {
  const year = Number(onDate.slice(0, 4));
  const row = await tx.insertInto('legal_case_counter').values({ kind, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet({ last_no: sql`legal_case_counter.last_no + 1` }))
    .returning('last_no').executeTakeFirstOrThrow();
  return `${numberPrefix[kind]}〔${year}〕${String(row.last_no).padStart(4, '0')}号`;
}

/** Phone columns (encrypted, blind index, last 4) under a column prefix; empty → nulls. */
export interface SealedNumber { enc: Buffer | null; hash: Buffer | null; last4: string | null }

export function phoneColumns(crypto: FieldCrypto, raw: string | null | undefined, field: string): SealedNumber {
  if (raw == null || raw.trim() === '') return { enc: null, hash: null, last4: null };
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw fieldError(field, parsed.message);
  return { enc: crypto.encrypt(parsed.value), hash: crypto.blindIndex('phone', parsed.value), last4: parsed.value.slice(-4) };
}

export function idColumns(crypto: FieldCrypto, raw: string | null | undefined, field: string): SealedNumber {
  if (raw == null || raw.trim() === '') return { enc: null, hash: null, last4: null };
  const parsed = parseIdNumber(raw, { today: clock.today() });
  if (!parsed.ok) throw fieldError(field, parsed.message);
  return { enc: crypto.encrypt(parsed.value), hash: crypto.blindIndex('id_number', parsed.value), last4: parsed.value.slice(-4) };
}

export function assertSubject(code: string | null | undefined, field = 'subject'): string {
  const v = code || 'other';
  if (!isValidCode('appeal_subject', v)) throw fieldError(field, `“${v}”不是字典中的有效选项`);
  return v;
}

/** One timeline row; call inside the transaction that makes the change. */
export async function addStep(tx: Tx, actor: Actor, kind: LegalCaseKind, caseId: number, step: string, comment?: string | null) {
  await tx.insertInto('legal_step').values({
    case_kind: kind, case_id: caseId, step, actor_id: actor.id, actor_name: actor.name, comment: comment ?? null,
  }).execute();
}

export async function stepsOf(db: Db | Tx, kind: LegalCaseKind, caseId: number) {
  const rows = await db.selectFrom('legal_step').select(['id', 'step', 'actor_name', 'at', 'comment'])
    .where('case_kind', '=', kind).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, step: r.step, actor: r.actor_name, at: r.at, comment: r.comment }));
}
