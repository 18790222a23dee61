import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db.js';
import { orgInScopeOrThrow, pathInScope, type ScopePaths } from '../../platform/scope.js';
import { codeLabel, codeTables, nonPublicOwnerships } from '../../../lib/code-tables.js';
import { addCounts, countsFrom, coverageFigures, emptyCounts, type CoverageCounts, type CoverageFigures } from '../../../lib/coverage-rates.js';
import { withViews } from './views.js';

export type BreakdownBy = 'tree' | 'industry' | 'ownership';

export interface BreakdownRow extends CoverageFigures {
  key: string;
  label: string;
  /** tree rows: the organization to drill into (with directOnly for the 本级 row) */
  orgId?: number;
  directOnly?: boolean;
  /** ownership rows: 非公有制 */
  nonPublic?: boolean;
}

/** The subtree(s) the figures cover: one chosen organization, or the whole scope. */
export interface Subtree {
  paths: string[];
  /** the chosen root, when there is one (an orgId, or a scope of one subtree) */
  org: { id: number; name: string; path: string } | null;
}

export async function resolveSubtree(db: Db, scope: ScopePaths, orgId?: number): Promise<Subtree> {
  if (orgId) {
    const org = await orgInScopeOrThrow(db, orgId, scope);
    return { paths: [org.path], org: { id: org.id, name: org.name, path: org.path } };
  }
  if (scope.length === 1) {
    const org = await db.selectFrom('org').select(['id', 'name', 'path']).where('path', '=', scope[0]).executeTakeFirstOrThrow();
    return { paths: [...scope], org };
  }
  return { paths: [...scope], org: null };
}

// the sums every figure is made of, over rows of v_employer_coverage as v
const countColumns = sql`
  count(*) as "employers",
  count(*) filter (where v.unionized) as "unionizedEmployers",
  coalesce(sum(v.employee_count), 0) as "employees",
  coalesce(sum(v.active_members), 0) as "members",
  coalesce(sum(v.migrant_count), 0) as "migrantEmployees",
  coalesce(sum(v.active_migrant_members), 0) as "migrantMembers",
  coalesce(sum(v.dispatched_count), 0) as "dispatchedEmployees",
  coalesce(sum(v.active_dispatched_members), 0) as "dispatchedMembers",
  coalesce(sum(v.platform_count), 0) as "platformEmployees",
  coalesce(sum(v.active_platform_members), 0) as "platformMembers"`;

type GroupedCounts = Map<string, CoverageCounts>;

/** Sums of the employers in the subtree, grouped by `key` (an SQL expression over v). */
async function grouped(db: Db, paths: ScopePaths, key: RawBuilder<string>, extra?: RawBuilder<boolean>): Promise<GroupedCounts> {
  const rows = await sql<Record<string, unknown>>`
    select ${key} as "key", ${countColumns}
    from v_employer_coverage v
    where ${pathInScope('v.org_path', paths)} ${extra ? sql`and ${extra}` : sql``}
    group by 1`.execute(withViews(db));
  return new Map(rows.rows.map((r) => [String(r.key), countsFrom(r)]));
}

async function totals(db: Db, paths: ScopePaths, extra?: RawBuilder<boolean>): Promise<CoverageCounts> {
  return (await grouped(db, paths, sql<string>`'all'`, extra)).get('all') ?? emptyCounts();
}

const nonPublicFilter = () => sql<boolean>`v.ownership in (${sql.join([...nonPublicOwnerships])})`;

export async function coverageSummary(db: Db, scope: ScopePaths, orgId?: number) {
  const subtree = await resolveSubtree(db, scope, orgId);
  const [all, nonPublic, loose] = await Promise.all([
    totals(db, subtree.paths),
    totals(db, subtree.paths, nonPublicFilter()),
    withViews(db).selectFrom('v_member_without_employer as w')
      .select([
        sql<number>`coalesce(sum(w.active_members), 0)`.as('members'),
        sql<number>`coalesce(sum(w.active_migrant_members), 0)`.as('migrantMembers'),
        sql<number>`coalesce(sum(w.active_dispatched_members), 0)`.as('dispatchedMembers'),
        sql<number>`coalesce(sum(w.active_platform_members), 0)`.as('platformMembers'),
      ])
      .where(pathInScope('w.org_path', subtree.paths)).executeTakeFirst(),
  ]);
  return {
    org: subtree.org ? { id: subtree.org.id, name: subtree.org.name } : null,
    ...coverageFigures(all),
    /** 非公有制 (private, foreign, hmt, individual) employers apart */
    nonPublic: coverageFigures(nonPublic),
    /** active members tied to no employer: outside every rate, shown so the total is known */
    membersWithoutEmployer: {
      members: Number(loose?.members ?? 0),
      migrantMembers: Number(loose?.migrantMembers ?? 0),
      dispatchedMembers: Number(loose?.dispatchedMembers ?? 0),
      platformMembers: Number(loose?.platformMembers ?? 0),
    },
  };
}

export async function coverageBreakdown(db: Db, scope: ScopePaths, by: BreakdownBy, orgId?: number) {
  const subtree = await resolveSubtree(db, scope, orgId);
  const rows = by === 'tree' ? await byTree(db, subtree)
    : by === 'industry' ? await byCode(db, subtree, 'industry', sql<string>`v.industry`)
    : await byCode(db, subtree, 'ownership', sql<string>`v.ownership`);
  const total = rows.reduce((acc, r) => addCounts(acc, r), emptyCounts());
  return {
    by,
    org: subtree.org ? { id: subtree.org.id, name: subtree.org.name } : null,
    rows,
    total: coverageFigures(total),
  };
}

/**
 * One row per organization one level below the subtree's root (for the county: its townships
 * and industry unions), each with its whole subtree; employers kept by the root itself get a
 * 本级 row. Without a single root (a scope of several subtrees), one row per subtree.
 */
async function byTree(db: Db, subtree: Subtree): Promise<BreakdownRow[]> {
  if (!subtree.org) {
    const roots = await db.selectFrom('org').select(['id', 'name', 'path']).where('path', 'in', subtree.paths)
      .orderBy('sort_order').orderBy('name').execute();
    const rows: BreakdownRow[] = [];
    for (const r of roots) {
      rows.push({ key: String(r.id), label: r.name, orgId: r.id, ...coverageFigures(await totals(db, [r.path])) });
    }
    return rows;
  }
  const root = subtree.org;
  const depth = root.path.split('.').length;
  // the path's next label is the child's id: ltree paths are chains of ids
  const key = sql<string>`case when nlevel(v.org_path) = ${depth} then 'self'
    else ltree2text(subpath(v.org_path, ${depth}, 1)) end`;
  const counts = await grouped(db, subtree.paths, key);
  const children = await db.selectFrom('org').select(['id', 'name']).where('parent_id', '=', root.id)
    .orderBy('sort_order').orderBy('name').execute();
  const rows: BreakdownRow[] = [];
  const self = counts.get('self');
  if (self) rows.push({ key: String(root.id), label: `${root.name}（本级）`, orgId: root.id, directOnly: true, ...coverageFigures(self) });
  for (const c of children) {
    rows.push({ key: String(c.id), label: c.name, orgId: c.id, ...coverageFigures(counts.get(String(c.id)) ?? emptyCounts()) });
  }
  return rows;
}

/** One row per code present (industry section, ownership), in the code table's order. */
async function byCode(db: Db, subtree: Subtree, table: 'industry' | 'ownership', key: RawBuilder<string>): Promise<BreakdownRow[]> {
  const counts = await grouped(db, subtree.paths, key);
  const order = codeTables[table].items.map((i) => i.code);
  const codes = [...counts.keys()].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return codes.map((code) => ({
    key: code,
    label: codeLabel(table, code),
    ...(table === 'ownership' ? { nonPublic: (nonPublicOwnerships as readonly string[]).includes(code) } : {}),
    ...coverageFigures(counts.get(code)!),
  }));
}

const rank = (order: string[], code: string) => {
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
};
