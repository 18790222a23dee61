import { sql } from 'kysely';
import { isValidCode } from '../../../lib/code-tables.js';
import type { Db, Tx } from '../../platform/db.js';
import { fieldError } from '../../platform/errors.js';

/** Unions that hold members: 基层工会 (单独建会) and 联合基层工会. */
export const memberUnionKinds = ['grassroots', 'joint_grassroots'] as const;
/** Unions that cover employers (the employer's own union, or a joint one covering several). */
export const coveringUnionKinds = memberUnionKinds;
/** Organizations that are unions with a chair, committees and a term: every kind but 工会小组. */
export const profileKinds = ['grassroots', 'joint_grassroots', 'township', 'industry', 'county_federation', 'city_federation', 'province_federation'] as const;

export const isMemberUnionKind = (kind: string) => (memberUnionKinds as readonly string[]).includes(kind);

/** Business dates are Shanghai dates (SPEC §5), whatever the server's time zone. */
export { todayIso as todayInShanghai } from '../../../lib/validators/id-number.js';

/** fieldError already keeps a message that names its field as it is. */
export const namedFieldError = fieldError;

/**
 * A code must be in the code table as users see it: a built-in item not disabled locally,
 * or a local item (字典 edited by the administrator) that is enabled.
 */
export async function assertCode(db: Db | Tx, table: string, code: string, field: string): Promise<void> {
  const local = await db.selectFrom('code_item').select('enabled').where('table_code', '=', table).where('code', '=', code).executeTakeFirst();
  const ok = local ? local.enabled : isValidCode(table, code);
  if (!ok) throw fieldError(field, `“${code}”不是字典中的有效选项`);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** `path <@ (the subtree of org id)`: a filter by organization, after its scope was checked. */
export function inSubtreeOf(pathColumn: string, orgId: number) {
  return sql<boolean>`${sql.ref(pathColumn)} <@ (select path from org where id = ${orgId})`;
}

/** A unique index refused the row: the database's last guard behind a service's own check. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (e.constraint === undefined || e.constraint === constraint);
}
