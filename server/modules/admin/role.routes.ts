import { z } from 'zod';
import { sql } from 'kysely';
import { allPermissions, isPermission, permissionCatalog, adminDutyPermissions } from '../../../lib/permissions.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { audit } from '../../platform/audit.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { ownedInScope } from '../../platform/scope.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const roleBody = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, '应为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(1, '请填写角色名称').max(30),
  description: z.string().trim().max(200).default(''),
  permissions: z.array(z.string()).max(200),
});
const tags = ['角色'];

// Permissions that belong to an administrator duty only: a business role may never carry them,
// so the three administrator duties stay apart (三员分立).
const adminOnly = new Set<string>(
  [...adminDutyPermissions.system, ...adminDutyPermissions.security, ...adminDutyPermissions.audit]
    .filter((p) => !['org:read', 'org:write', 'user:read'].includes(p)),
);

function checkPermissions(perms: string[]): string[] {
  const bad = perms.filter((p) => !isPermission(p));
  if (bad.length) throw fieldError('permissions', `未知的权限：${bad.join('、')}`);
  const reserved = perms.filter((p) => adminOnly.has(p));
  if (reserved.length) throw fieldError('permissions', `以下权限只属于三员管理员角色，业务角色不能拥有：${reserved.map((p) => permissionCatalog[p as keyof typeof permissionCatalog]).join('、')}`);
  return [...new Set(perms)].sort();
}

export function registerRoleRoutes(app: App) {
  app.get('/api/roles', {
    config: { access: 'role:read' },
    schema: { tags, summary: '角色列表（含本范围内的账号数）' },
  }, async (req) => {
    const scope = accessOf(req).require('role:read');
    const rows = await app.db.selectFrom('role as r').select([
      'r.id', 'r.code', 'r.name', 'r.description', 'r.builtin', 'r.admin_duty as adminDuty', 'r.permissions',
      (eb) => eb.selectFrom('user_role as ur').select(sql<number>`count(distinct ur.user_id)::int`.as('n')).whereRef('ur.role_id', '=', 'r.id').where(ownedInScope('ur.org_id', scope)).as('userCount'),
    ]).orderBy('r.builtin', 'desc').orderBy('r.id').execute();
    return { items: rows, permissionCatalog, allPermissions };
  });

  // the roles a security administrator picks from when granting
  app.get('/api/roles/options', {
    config: { access: 'role:grant' },
    schema: { tags, summary: '可授予的角色' },
  }, async () => ({ items: await app.db.selectFrom('role').select(['id', 'code', 'name', 'admin_duty as adminDuty']).orderBy('id').execute() }));

  app.post('/api/roles', {
    config: { access: 'role:write' },
    schema: { tags, summary: '新建业务角色', body: roleBody },
  }, async (req, reply) => {
    accessOf(req).requireTop('role:write');
    const permissions = checkPermissions(req.body.permissions);
    const role = await app.db.transaction().execute(async (tx) => {
      if (await tx.selectFrom('role').select('id').where('code', '=', req.body.code).executeTakeFirst()) throw fieldError('code', '角色编码已存在');
      const created = await tx.insertInto('role').values({ code: req.body.code, name: req.body.name, description: req.body.description, permissions }).returningAll().executeTakeFirstOrThrow();
      await audit(tx, actorOf(req), { action: 'create', entity: 'role', entityId: created.id, summary: `新建角色 ${created.name}`, after: created });
      return created;
    });
    return reply.code(201).send(role);
  });

  app.patch('/api/roles/:id', {
    config: { access: 'role:write' },
    schema: { tags, summary: '修改角色', params: idParams, body: roleBody.omit({ code: true }).partial() },
  }, async (req) => app.db.transaction().execute(async (tx) => {
    accessOf(req).requireTop('role:write');
    const before = await tx.selectFrom('role').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!before) throw notFound('角色');
    if (before.builtin && req.body.permissions) throw fieldError('permissions', '内置角色的权限随系统版本固定，不能修改；如需不同权限，请新建角色');
    const permissions = req.body.permissions ? checkPermissions(req.body.permissions) : undefined;
    const after = await tx.updateTable('role').set({
      ...(req.body.name !== undefined ? { name: req.body.name } : {}),
      ...(req.body.description !== undefined ? { description: req.body.description } : {}),
      ...(permissions ? { permissions } : {}),
      updated_at: new Date(),
    }).where('id', '=', req.params.id).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actorOf(req), { action: 'update', entity: 'role', entityId: after.id, summary: `修改角色 ${after.name}`, before, after });
    return after;
  }));

  app.delete('/api/roles/:id', {
    config: { access: 'role:write' },
    schema: { tags, summary: '删除角色（内置角色和仍被授予的角色不能删除）', params: idParams },
  }, async (req) => app.db.transaction().execute(async (tx) => {
    accessOf(req).requireTop('role:write');
    const role = await tx.selectFrom('role').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!role) throw notFound('角色');
    if (role.builtin) throw conflict('内置角色不能删除');
    const used = await tx.selectFrom('user_role').select('user_id').where('role_id', '=', role.id).executeTakeFirst();
    if (used) throw conflict('该角色仍有账号在使用，请先撤销授权');
    await tx.deleteFrom('role').where('id', '=', role.id).execute();
    await audit(tx, actorOf(req), { action: 'delete', entity: 'role', entityId: role.id, summary: `删除角色 ${role.name}`, before: role });
    return { ok: true };
  }));
}
