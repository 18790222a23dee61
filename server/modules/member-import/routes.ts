import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { sql } from 'kysely';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { pageQuery, pagedRows, registerListRoutes } from '../../platform/list.js';
import { ownedInScope, pathInScope } from '../../platform/scope.js';
import { importFields, importPermission, kindLabels } from './import-fields.js';
import { batchDetail, createBatch, deleteBatch, loadBatch, setMapping, startCommit, startDryRun, statusLabels } from './batch.service.js';
import { outcomeLabels, templateWorkbook, writeReport } from './report.js';
import type { ImportDeps } from './pipeline.js';
import type { BatchStatus, ImportKind, RowOutcome } from './tables.js';

const tags = ['导入'];
const idParams = z.object({ id: z.string().uuid('批次编号格式不正确') });
const outcomes = ['new', 'update', 'unchanged', 'error', 'transfer_suggested'] as const;
const statuses = ['uploaded', 'mapped', 'validating', 'dry_run', 'committing', 'committed', 'failed'] as const;
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`;

const mappingBody = z.object({
  sheetName: z.string().trim().min(1).max(100).optional(),
  headerRow: z.number().int().min(1).max(1000).optional(),
  mapping: z.record(z.string().max(40), z.number().int().min(1).max(16384).nullable()),
});

/**
 * Excel import of members and of employers (SPEC §3.1). Each kind has its own URLs so that
 * each route declares the one permission it needs: member:write under /api/imports/members,
 * employer:write under /api/imports/employers; a batch is scoped by its target union.
 */
export function registerMemberImportRoutes(app: App) {
  const deps: ImportDeps = { db: app.db, crypto: app.fieldCrypto, log: (err) => app.log.error(err) };
  for (const kind of ['members', 'employers'] as const) registerKind(app, deps, kind);
}

function registerKind(app: App, deps: ImportDeps, kind: ImportKind) {
  const access = importPermission[kind];
  const base = `/api/imports/${kind}`;
  const what = kindLabels[kind];
  const scopeOf = (req: Parameters<typeof accessOf>[0]) => accessOf(req).require(access);
  const userOf = (req: Parameters<typeof accessOf>[0]) => ({ ...actorOf(req), id: accessOf(req).user.id });

  app.post(base, {
    config: { access },
    schema: {
      tags, summary: `上传${what}导入文件（multipart：file，orgId 导入目标工会）`, consumes: ['multipart/form-data'],
      description: '识别工作表和表头行，给出建议的列对应关系和前几行预览（证件号码已遮蔽）。',
    },
  }, async (req, reply) => {
    const scope = scopeOf(req);
    if (!req.isMultipart()) throw fieldError('file', '请以 multipart/form-data 上传 Excel 文件');
    const fields: Record<string, string> = {};
    let file: { name: string; buffer: Buffer } | null = null;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (file) throw fieldError('file', '一次只能上传一个文件');
          file = { name: part.filename, buffer: await part.toBuffer() };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', '文件：不能超过50MB');
      throw fieldError('file', '上传的内容无法读取，请重新上传');
    }
    if (!file) throw fieldError('file', '请选择要上传的 Excel 文件');
    const orgId = fields.orgId ? Number(fields.orgId) : scope.length === 1 ? Number(scope[0].split('.').pop()) : NaN;
    if (!Number.isInteger(orgId) || orgId <= 0) throw fieldError('orgId', '请选择导入到哪个工会');
    const detail = await createBatch(deps, userOf(req), scope, { kind, orgId, fileName: file.name, file: file.buffer });
    return reply.code(201).send(detail);
  });

  registerListRoutes(app, {
    url: base,
    access,
    tags,
    summary: `${what}导入批次列表`,
    filters: { status: z.enum(statuses).optional(), orgId: z.coerce.number().int().positive().optional() },
    query: (req, f) => {
      let q = app.db.selectFrom('import_batch as b').innerJoin('org as o', 'o.id', 'b.org_id').leftJoin('app_user as u', 'u.id', 'b.created_by')
        .select(['b.id', 'b.file_name', 'b.status', 'b.counts', 'b.created_at', 'b.committed_at', 'o.name as org_name', 'u.display_name as created_by'])
        .where('b.kind', '=', kind).where(ownedInScope('b.org_id', scopeOf(req)));
      if (f.status) q = q.where('b.status', '=', f.status);
      if (f.orgId) q = q.where('b.org_id', '=', f.orgId);
      return q;
    },
    sortable: { createdAt: 'b.created_at', fileName: 'b.file_name' },
    defaultSort: '-createdAt',
    tieBreaker: 'b.id',
    toItem: (r) => ({
      id: r.id as string, fileName: r.file_name as string, orgName: r.org_name as string, status: r.status as BatchStatus,
      statusLabel: statusLabels[r.status as BatchStatus], counts: r.counts as Record<string, number> | null,
      createdBy: r.created_by as string | null, createdAt: r.created_at as Date, committedAt: r.committed_at as Date | null,
    }),
    export: {
      filename: `${what}导入记录`,
      columns: [
        { header: '文件', width: 30, value: (i) => i.fileName },
        { header: '导入到', width: 28, value: (i) => i.orgName },
        { header: '状态', value: (i) => i.statusLabel },
        { header: '数据行', value: (i) => i.counts?.rows },
        { header: '新增', value: (i) => i.counts?.new },
        { header: '更新', value: (i) => i.counts?.update },
        { header: '错误', value: (i) => i.counts?.error },
        { header: '上传人', value: (i) => i.createdBy },
        { header: '上传时间', width: 22, value: (i) => i.createdAt },
      ],
    },
  });

  app.get(`${base}/template.xlsx`, {
    config: { access },
    schema: { tags, summary: `下载${what}导入模板` },
  }, async (_req, reply) => {
    const buf = await templateWorkbook(app.db, kind);
    return reply.header('content-type', xlsx).header('content-disposition', attachment(`${what}导入模板`)).send(buf);
  });

  app.get(`${base}/:id`, {
    config: { access },
    schema: { tags, summary: `${what}导入批次：状态、统计、列对应关系`, params: idParams },
  }, async (req) => batchDetail(deps, await loadBatch(deps, kind, req.params.id, scopeOf(req))));

  app.put(`${base}/:id/mapping`, {
    config: { access },
    schema: {
      tags, summary: '确认或修改列对应关系（字段 → 列号；可改工作表和表头行）', params: idParams, body: mappingBody,
      description: `字段：${importFields[kind].map((f) => `${f.key}（${f.label}）`).join('、')}`,
    },
  }, async (req) => setMapping(deps, kind, req.params.id, scopeOf(req), req.body));

  app.post(`${base}/:id/dry-run`, {
    config: { access },
    schema: { tags, summary: '试运行：逐行给出结果，不写入（返回任务编号）', params: idParams },
  }, async (req, reply) => reply.code(202).send(await startDryRun(deps, userOf(req), kind, req.params.id, scopeOf(req))));

  app.post(`${base}/:id/commit`, {
    config: { access },
    schema: { tags, summary: '提交导入：写入试运行中新增和更新的行（返回任务编号）', params: idParams },
  }, async (req, reply) => reply.code(202).send(await startCommit(deps, userOf(req), kind, req.params.id, scopeOf(req))));

  app.delete(`${base}/:id`, {
    config: { access },
    schema: { tags, summary: '删除未导入的批次（连同上传的文件）', params: idParams },
  }, async (req) => {
    await deleteBatch(deps, actorOf(req), kind, req.params.id, scopeOf(req));
    return { ok: true };
  });

  const rowSort = { rowNumber: 'r.row_number', outcome: 'r.outcome' };
  app.get(`${base}/:id/rows`, {
    config: { access },
    schema: {
      tags, summary: '试运行或导入的逐行结果', params: idParams,
      querystring: pageQuery.extend({ outcome: z.enum(outcomes).optional() }),
    },
  }, async (req) => {
    const scope = scopeOf(req);
    const batch = await loadBatch(deps, kind, req.params.id, scope);
    // the union a transfer would come from is named only when the caller may see it
    const readScope = accessOf(req).scope(kind === 'members' ? 'member:read' : 'employer:read');
    let q = app.db.selectFrom('import_row as r')
      .select(['r.row_number', 'r.outcome', 'r.messages', 'r.raw', 'r.target_id'])
      .where('r.batch_id', '=', batch.id);
    if (kind === 'members') {
      q = q.select(sql<string | null>`(select o.name from member m join org o on o.id = m.org_id
        where m.id = r.target_id and r.outcome = 'transfer_suggested' and ${pathInScope('o.path', readScope)})`.as('current_union'));
    }
    if (req.query.outcome) q = q.where('r.outcome', '=', req.query.outcome);
    const { rows, total } = await pagedRows(q, req.query, { sortable: rowSort, defaultSort: 'rowNumber', tieBreaker: 'r.row_number' });
    return {
      items: rows.map((r) => ({
        rowNumber: r.row_number as number, outcome: r.outcome as RowOutcome, outcomeLabel: outcomeLabels[r.outcome as RowOutcome],
        messages: r.messages as string[], cells: r.raw as string[], targetId: r.target_id as number | null,
        currentUnion: (r.current_union as string | null | undefined) ?? null,
      })),
      total, page: req.query.page, pageSize: req.query.pageSize,
    };
  });

  app.get(`${base}/:id/report.xlsx`, {
    config: { access },
    schema: { tags, summary: '下载逐行结果（错误在前，证件号码已遮蔽）', params: idParams },
  }, async (req, reply) => {
    const batch = await loadBatch(deps, kind, req.params.id, scopeOf(req));
    if (!batch.counts) throw new AppError(409, 'CONFLICT', '请先试运行');
    const body = new PassThrough();
    reply.header('content-type', xlsx).header('content-disposition', attachment(`导入结果_${batch.file_name.replace(/\.xlsx$/i, '')}`));
    void writeReport(body, app.db, batch).catch((err) => body.destroy(err));
    return reply.send(body);
  });
}
