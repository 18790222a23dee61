import { z } from 'zod';
import { codeTableList } from '../../../lib/code-tables.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { audit } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { getSetting, putSetting, securitySettingsSchema, defaultSecuritySettings } from '../../platform/settings.js';

/** The code tables as users see them: the built-in items with local relabels, plus local items. */
export async function effectiveCodeTables(app: App) {
  const overrides = await app.db.selectFrom('code_item').selectAll().execute();
  return codeTableList().map((table) => {
    const mine = overrides.filter((o) => o.table_code === table.code);
    const builtin = table.items.map((item, i) => {
      const o = mine.find((m) => m.code === item.code);
      return { code: item.code, label: o?.label ?? item.label, sortOrder: o?.sort_order ?? i, enabled: o?.enabled ?? true, builtin: true };
    });
    const local = mine.filter((m) => !table.items.some((i) => i.code === m.code))
      .map((m) => ({ code: m.code, label: m.label, sortOrder: m.sort_order, enabled: m.enabled, builtin: false }));
    return { code: table.code, name: table.name, items: [...builtin, ...local].sort((a, b) => a.sortOrder - b.sortOrder) };
  });
}

export function registerDictSettingsRoutes(app: App) {
  app.get('/api/code-tables', {
    config: { access: 'authenticated' },
    schema: { tags: ['字典'], summary: '全部字典（代码表）' },
  }, async () => ({ items: await effectiveCodeTables(app) }));

  app.put('/api/code-tables/:table/items/:code', {
    config: { access: 'dict:write' },
    schema: {
      tags: ['字典'],
      summary: '新增或修改字典项（内置项可改名称、排序和停用）',
      params: z.object({ table: z.string().max(40), code: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, '编码应为字母、数字或下划线') }),
      body: z.object({ label: z.string().trim().min(1, '请填写名称').max(100), sortOrder: z.number().int().min(0).max(99999).default(0), enabled: z.boolean().default(true) }),
    },
  }, async (req) => {
    accessOf(req).requireTop('dict:write');
    const { table, code } = req.params;
    if (!codeTableList().some((t) => t.code === table)) throw fieldError('table', '字典不存在');
    await app.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('code_item').selectAll().where('table_code', '=', table).where('code', '=', code).executeTakeFirst();
      const values = { label: req.body.label, sort_order: req.body.sortOrder, enabled: req.body.enabled, updated_at: new Date() };
      await tx.insertInto('code_item').values({ table_code: table, code, ...values })
        .onConflict((oc) => oc.columns(['table_code', 'code']).doUpdateSet(values)).execute();
      await audit(tx, actorOf(req), { action: before ? 'update' : 'create', entity: 'code_item', entityId: `${table}:${code}`, summary: `字典 ${table} 项 ${code}：${req.body.label}`, before, after: { table, code, ...req.body } });
    });
    return { ok: true };
  });

  app.get('/api/settings/security', {
    config: { access: 'setting:read' },
    schema: { tags: ['系统设置'], summary: '安全设置（等保）' },
  }, async () => ({ value: await getSetting(app.db, 'security', defaultSecuritySettings), defaults: defaultSecuritySettings }));

  app.put('/api/settings/security', {
    config: { access: 'setting:write' },
    schema: { tags: ['系统设置'], summary: '修改安全设置', body: securitySettingsSchema },
  }, async (req) => {
    accessOf(req).requireTop('setting:write');
    await app.db.transaction().execute(async (tx) => {
      const before = await getSetting(tx, 'security', defaultSecuritySettings);
      await putSetting(tx, 'security', req.body, accessOf(req).user.id);
      await audit(tx, actorOf(req), { action: 'update', entity: 'setting', entityId: 'security', summary: '修改安全设置', before, after: req.body });
    });
    app.securitySettings.invalidate();
    return { ok: true };
  });
}
