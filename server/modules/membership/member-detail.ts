import { ageOn } from '../../../lib/validators/id-number.js';
import type { Db } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { notFound } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { todayInShanghai } from './common.js';
import { memberView } from './member.service.js';
import { memberTransfers } from './transfer.service.js';

/**
 * The member page: the record, its union and employer, its transfer history, and the sections
 * the later modules fill (assistance, mutual aid, appeals, honors) — empty until they land.
 */
export async function memberDetail(db: Db, crypto: FieldCrypto, scope: ScopePaths, writeScope: ScopePaths, memberId: number) {
  const row = await db.selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .leftJoin('employer as e', 'e.id', 'm.employer_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.kind as org_kind', 'e.name as employer_name', 'e.credit_code as employer_credit_code'])
    .where('m.id', '=', memberId).where(ownedInScope('m.org_id', scope))
    .executeTakeFirst();
  if (!row) throw notFound('会员');
  return {
    member: { ...memberView(row, crypto), age: ageOn(row.birth_date, todayInShanghai()) },
    union: { id: row.org_id, name: row.org_name, kind: row.org_kind },
    employer: row.employer_id == null ? null : { id: row.employer_id, name: row.employer_name as string, creditCode: row.employer_credit_code },
    transfers: await memberTransfers(db, memberId, writeScope),
    received: { assistance: [] as unknown[], mutualAid: [] as unknown[], appeals: [] as unknown[], honors: [] as unknown[] },
  };
}

