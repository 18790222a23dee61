import { sql } from 'kysely';
import type { Db } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { orgKindLabels, type OrgKind } from '../admin/org-kinds.js';
import { profileKinds, todayInShanghai } from './common.js';
import type { CommitteePerson } from './tables.js';

export interface UnionProfileInput {
  foundedOn?: string | null;
  chairName?: string | null;
  viceChairs: string[];
  committeeMembers: CommitteePerson[];
  auditCommittee: CommitteePerson[];
  womenCommittee: CommitteePerson[];
  termStart?: string | null;
  termEnd?: string | null;
  jointKind?: 'regional' | 'sectoral' | null;
}

async function unionOrThrow(db: Db, orgId: number, scope: ScopePaths) {
  const org = await orgInScopeOrThrow(db, orgId, scope, '工会');
  if (!(profileKinds as readonly string[]).includes(org.kind)) throw fieldError('orgId', `${orgKindLabels[org.kind as OrgKind] ?? org.kind}不设工会档案`);
  return org;
}

const people = (list: CommitteePerson[]) => list.map((p) => ({ name: p.name, position: p.position ?? null }));

export async function unionProfile(db: Db, scope: ScopePaths, orgId: number) {
  const org = await unionOrThrow(db, orgId, scope);
  const [profile, parent, counts] = await Promise.all([
    db.selectFrom('union_profile').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    org.parent_id ? db.selectFrom('org').select(['id', 'name']).where('id', '=', org.parent_id).executeTakeFirst() : undefined,
    // derived, never stored: the union's own members, and those of it and every union below
    sql<{ direct: number; subtree: number; covered: number }>`
      select (select count(*)::int from member where org_id = ${orgId} and status = 'active') as direct,
             (select count(*)::int from member m join org o on o.id = m.org_id where o.path <@ ${org.path}::ltree and m.status = 'active') as subtree,
             (select count(*)::int from employer where covering_union_id = ${orgId}) as covered`.execute(db),
  ]);
  const today = todayInShanghai();
  const termEnd = profile?.term_end ?? null;
  return {
    org: { id: org.id, name: org.name, kind: org.kind, kindLabel: orgKindLabels[org.kind as OrgKind] ?? org.kind, parent: parent ?? null },
    profile: {
      foundedOn: profile?.founded_on ?? null,
      chairName: profile?.chair_name ?? null,
      viceChairs: profile?.vice_chairs ?? [],
      committeeMembers: profile?.committee_members ?? [],
      auditCommittee: profile?.audit_committee ?? [],
      womenCommittee: profile?.women_committee ?? [],
      termStart: profile?.term_start ?? null,
      termEnd,
      jointKind: profile?.joint_kind ?? null,
      updatedAt: profile?.updated_at ?? null,
    },
    memberCount: counts.rows[0].direct,
    subtreeMemberCount: counts.rows[0].subtree,
    coveredEmployerCount: counts.rows[0].covered,
    daysToTermEnd: termEnd ? daysBetween(today, termEnd) : null,
  };
}

export async function saveUnionProfile(db: Db, actor: Actor, scope: ScopePaths, orgId: number, input: UnionProfileInput) {
  const org = await unionOrThrow(db, orgId, scope);
  const today = todayInShanghai();
  if (input.foundedOn && input.foundedOn > today) throw fieldError('foundedOn', '不能晚于今天');
  if (input.termStart && input.termEnd && input.termEnd <= input.termStart) throw fieldError('termEnd', '应晚于任期开始日期');
  if (input.termStart && input.foundedOn && input.termStart < input.foundedOn) throw fieldError('termStart', '不能早于建会日期');
  if (org.kind === 'joint_grassroots' && !input.jointKind) throw fieldError('jointKind', '请选择区域性或行业性');
  if (org.kind !== 'joint_grassroots' && input.jointKind) throw fieldError('jointKind', '只有联合基层工会区分区域性或行业性');
  const values = {
    founded_on: input.foundedOn ?? null,
    chair_name: input.chairName ?? null,
    vice_chairs: JSON.stringify(input.viceChairs),
    committee_members: JSON.stringify(people(input.committeeMembers)),
    audit_committee: JSON.stringify(people(input.auditCommittee)),
    women_committee: JSON.stringify(people(input.womenCommittee)),
    term_start: input.termStart ?? null,
    term_end: input.termEnd ?? null,
    joint_kind: input.jointKind ?? null,
    updated_by: actor.id,
    updated_at: new Date(),
  };
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('union_profile').selectAll().where('org_id', '=', orgId).forUpdate().executeTakeFirst();
    const after = await tx.insertInto('union_profile').values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values)).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: before ? 'update' : 'create', entity: 'union_profile', entityId: orgId, orgId, summary: `${before ? '修改' : '建立'}工会档案 ${org.name}`, before, after });
  });
  return unionProfile(db, scope, orgId);
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` has passed. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
