import { sql, type RawBuilder } from 'kysely';
import type { Db, Tx } from './db.js';
import { notFound } from './errors.js';

/**
 * Scope is a set of organization subtrees, as ltree paths. Queries never splice text: the
 * predicate below binds each path as a parameter and matches with the GiST-indexed `<@`.
 */
export type ScopePaths = readonly string[];

/** `<column> <@ path1 or … ` for an ltree column; false for an empty scope. */
export function pathInScope(pathColumn: string, paths: ScopePaths): RawBuilder<boolean> {
  if (paths.length === 0) return sql<boolean>`false`;
  const parts = paths.map((p) => sql`${sql.ref(pathColumn)} <@ ${p}::ltree`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** For records that carry an org id: the org is in one of the subtrees. */
export function ownedInScope(orgIdColumn: string, paths: ScopePaths): RawBuilder<boolean> {
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(orgIdColumn)} in (select scope_org.id from org scope_org where ${pathInScope('scope_org.path', paths)})`;
}

/** Keeps only the outermost paths: a subtree inside another adds nothing. */
export function minimalPaths(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.split('.').length - b.split('.').length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => isWithin(p, k))) kept.push(p);
  return kept;
}

/** Is `path` the same as or below `ancestor`? */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '.');
}

/** Loads an org only when it is within scope; otherwise the same 404 as a missing one. */
export async function orgInScopeOrThrow(db: Db | Tx, orgId: number, paths: ScopePaths, what = '组织') {
  const org = await db
    .selectFrom('org')
    .selectAll()
    .where('id', '=', orgId)
    .where(pathInScope('path', paths))
    .executeTakeFirst();
  if (!org) throw notFound(what);
  return org;
}
