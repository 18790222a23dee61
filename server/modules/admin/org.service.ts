import { sql } from 'kysely';
import type { Db } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { isWithin, orgInScopeOrThrow, type ScopePaths } from '../../platform/scope.js';
import { canContain, orgKindLabels, type OrgKind } from './org-kinds.js';

export interface OrgInput {
  parentId: number;
  name: string;
  kind: OrgKind;
  shortName?: string | null;
  regionCode?: string | null;
  sortOrder?: number;
}

export async function createOrg(db: Db, actor: Actor, scope: ScopePaths, input: OrgInput) {
  return db.transaction().execute(async (tx) => {
    const parent = await orgInScopeOrThrow(tx, input.parentId, scope, '上级组织');
    if (!canContain(parent.kind, input.kind)) {
      throw fieldError('kind', `${orgKindLabels[parent.kind as OrgKind] ?? parent.kind}下不能设立${orgKindLabels[input.kind]}`);
    }
    await assertNameFree(tx, input.parentId, input.name);
    const org = await tx.insertInto('org').values({
      parent_id: input.parentId,
      name: input.name,
      kind: input.kind,
      short_name: input.shortName ?? null,
      region_code: input.regionCode ?? null,
      sort_order: input.sortOrder ?? 0,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'org', entityId: org.id, orgId: org.id, summary: `新建组织 ${org.name}`, after: org });
    return org;
  });
}

export async function updateOrg(db: Db, actor: Actor, scope: ScopePaths, id: number, input: Partial<Omit<OrgInput, 'parentId'>>) {
  return db.transaction().execute(async (tx) => {
    const before = await orgInScopeOrThrow(tx, id, scope);
    if (input.name && input.name !== before.name) await assertNameFree(tx, before.parent_id, input.name, id);
    if (input.kind && input.kind !== before.kind) {
      const parent = before.parent_id ? await tx.selectFrom('org').select('kind').where('id', '=', before.parent_id).executeTakeFirstOrThrow() : null;
      if (parent && !canContain(parent.kind, input.kind)) throw fieldError('kind', `上级组织下不能设立${orgKindLabels[input.kind]}`);
    }
    const after = await tx.updateTable('org').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
      ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'update', entity: 'org', entityId: id, orgId: id, summary: `修改组织 ${after.name}`, before, after });
    return after;
  });
}

/** Moves a subtree under a new parent: every path below is rewritten in the same transaction. */
export async function moveOrg(db: Db, actor: Actor, scope: ScopePaths, id: number, newParentId: number) {
  return db.transaction().execute(async (tx) => {
    const org = await orgInScopeOrThrow(tx, id, scope);
    const parent = await orgInScopeOrThrow(tx, newParentId, scope, '目标上级组织');
    if (org.parent_id === null) throw fieldError('parentId', '根组织不能移动');
    if (scope.some((p) => p === org.path)) throw fieldError('parentId', '不能移动您本人管辖范围的根组织');
    if (isWithin(parent.path, org.path)) throw fieldError('parentId', '不能移动到自身或其下级组织之下');
    if (!canContain(parent.kind, org.kind)) {
      throw fieldError('parentId', `${orgKindLabels[parent.kind as OrgKind] ?? parent.kind}下不能设立${orgKindLabels[org.kind as OrgKind] ?? org.kind}`);
    }
    await assertNameFree(tx, newParentId, org.name, id);
    const moved = await sql<{ n: number }>`
      update org set path = ${parent.path}::ltree || subpath(path, nlevel(${org.path}::ltree) - 1), updated_at = now()
      where path <@ ${org.path}::ltree returning 1 as n`.execute(tx);
    await tx.updateTable('org').set({ parent_id: newParentId }).where('id', '=', id).execute();
    const after = await tx.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await audit(tx, actor, {
      action: 'move', entity: 'org', entityId: id, orgId: id,
      summary: `将 ${org.name} 移至 ${parent.name} 之下（含下级共 ${moved.rows.length} 个组织）`,
      before: { parent_id: org.parent_id, path: org.path }, after: { parent_id: newParentId, path: after.path },
    });
    return after;
  });
}

export async function deleteOrg(db: Db, actor: Actor, scope: ScopePaths, id: number) {
  return db.transaction().execute(async (tx) => {
    const org = await orgInScopeOrThrow(tx, id, scope);
    if (scope.some((p) => p === org.path)) throw new AppError(409, 'CONFLICT', '不能删除您本人管辖范围的根组织');
    const used = await sql<{ children: number; users: number; members: number; employers: number }>`
      select (select count(*)::int from org where parent_id = ${id}) as children,
             (select count(*)::int from app_user where org_id = ${id}) as users,
             (select count(*)::int from member where org_id = ${id}) as members,
             (select count(*)::int from employer where org_id = ${id} or covering_union_id = ${id}) as employers`.execute(tx);
    const u = used.rows[0];
    if (u.children || u.users || u.members || u.employers) {
      throw conflict(`该组织下仍有 ${u.children} 个下级组织、${u.users} 个账号、${u.members} 名会员、${u.employers} 家用人单位，不能删除`);
    }
    await tx.deleteFrom('user_role').where('org_id', '=', id).execute();
    await tx.deleteFrom('org').where('id', '=', id).execute();
    await audit(tx, actor, { action: 'delete', entity: 'org', entityId: id, orgId: org.parent_id, summary: `删除组织 ${org.name}`, before: org });
  });
}

async function assertNameFree(db: Db, parentId: number | null, name: string, exceptId?: number) {
  let q = db.selectFrom('org').select('id').where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw fieldError('name', '同一上级组织下已有同名组织');
}

export async function orgDetail(db: Db, scope: ScopePaths, id: number) {
  const org = await orgInScopeOrThrow(db, id, scope);
  const ancestors = await db.selectFrom('org').select(['id', 'name', 'kind'])
    .where(sql<boolean>`path @> ${org.path}::ltree`).where('id', '!=', id).orderBy(sql`nlevel(path)`).execute();
  const counts = await sql<{ children: number; descendants: number; members: number; employers: number; users: number }>`
    select (select count(*)::int from org where parent_id = ${id}) as children,
           (select count(*)::int - 1 from org where path <@ ${org.path}::ltree) as descendants,
           (select count(*)::int from member m join org o on o.id = m.org_id where o.path <@ ${org.path}::ltree and m.status = 'active') as members,
           (select count(*)::int from employer e join org o on o.id = e.org_id where o.path <@ ${org.path}::ltree) as employers,
           (select count(*)::int from app_user where org_id = ${id}) as users`.execute(db);
  // ancestors above the user's scope are shown by name only for orientation
  if (!org) throw notFound('组织');
  return { ...org, ancestors, counts: counts.rows[0] };
}
