import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type SelectQueryBuilder } from 'kysely';
import { z, type ZodObject, type ZodRawShape } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../lib/permissions.js';
import type { DB } from './db-types.js';
import { accessOf, actorOf, type App } from './http.js';
import { fieldError } from './errors.js';
import { audit } from './audit.js';

/** ?page&pageSize&sort — sort is a field name, '-' in front for descending. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().regex(/^-?[A-Za-z][A-Za-z0-9_]*$/).optional(),
});

type AnyQuery = SelectQueryBuilder<DB, any, any>;

export interface ExportColumn<Item> {
  header: string;
  width?: number;
  value: (item: Item) => string | number | Date | null | undefined;
}

export interface ListRouteSpec<Filters extends ZodRawShape, Item> {
  url: string;
  access: Permission;
  tags?: string[];
  summary: string;
  filters: Filters;
  /**
   * The rows the caller may see, filtered: scope is applied here, through the query layer. It
   * may be async, to check a filter's organization against the scope first (404 outside it).
   */
  query: (req: FastifyRequest, filters: z.infer<ZodObject<Filters>>) => AnyQuery | Promise<AnyQuery>;
  /** api sort key → SQL column; the first entry of defaultSort breaks ties by id. */
  sortable: Record<string, string>;
  defaultSort: string;
  tieBreaker: string;
  toItem: (row: Record<string, unknown>, opts: { reveal: boolean }) => Item;
  export: {
    filename: string;
    columns: ExportColumn<Item>[];
    /** Holding this permission lets the caller ask for unmasked personal numbers (audited). */
    revealPermission?: Permission;
  };
}

function orderBy(query: AnyQuery, sort: string | undefined, spec: { sortable: Record<string, string>; defaultSort: string; tieBreaker: string }) {
  const key = sort ?? spec.defaultSort;
  const desc = key.startsWith('-');
  const column = spec.sortable[desc ? key.slice(1) : key];
  if (!column) throw fieldError('sort', `不支持按“${key}”排序`);
  return query.orderBy(sql.ref(column), desc ? 'desc' : 'asc').orderBy(sql.ref(spec.tieBreaker), 'asc');
}

export async function pagedRows(query: AnyQuery, params: { page: number; pageSize: number; sort?: string }, spec: { sortable: Record<string, string>; defaultSort: string; tieBreaker: string }) {
  const countRow = await query.clearSelect().clearOrderBy().select(sql<number>`count(*)::int`.as('total')).executeTakeFirst();
  const rows = await orderBy(query, params.sort, spec).limit(params.pageSize).offset((params.page - 1) * params.pageSize).execute();
  return { rows: rows as Record<string, unknown>[], total: (countRow?.total as number) ?? 0 };
}

/**
 * A list route and its .xlsx export, from one query: `GET url` answers a page as JSON,
 * `GET url/export.xlsx` streams every matching row (masked unless reveal is asked and allowed).
 */
export function registerListRoutes<Filters extends ZodRawShape, Item>(app: App, spec: ListRouteSpec<Filters, Item>) {
  const querySchema = pageQuery.extend(spec.filters);
  type Params = { page: number; pageSize: number; sort?: string; reveal?: '0' | '1' } & z.infer<ZodObject<Filters>>;
  app.get(spec.url, {
    config: { access: spec.access },
    schema: { querystring: querySchema, tags: spec.tags, summary: spec.summary },
  }, async (req) => {
    const params = req.query as Params;
    const { rows, total } = await pagedRows(await spec.query(req, params as never), params, spec);
    return { items: rows.map((r) => spec.toItem(r, { reveal: false })), total, page: params.page, pageSize: params.pageSize };
  });

  const exportSchema = pageQuery.omit({ page: true, pageSize: true }).extend(spec.filters).extend({
    reveal: z.enum(['0', '1']).optional(),
  });
  app.get(`${spec.url}/export.xlsx`, {
    config: { access: spec.access },
    schema: { querystring: exportSchema, tags: spec.tags, summary: `${spec.summary}（导出 Excel）` },
  }, async (req, reply) => {
    const params = req.query as Params;
    const reveal = params.reveal === '1';
    if (reveal && !(spec.export.revealPermission && accessOf(req).can(spec.export.revealPermission))) {
      throw fieldError('reveal', '您没有查看完整号码的权限');
    }
    const query = orderBy(await spec.query(req, params as never), params.sort, spec);
    if (reveal) {
      await audit(app.db, actorOf(req), { action: 'reveal', entity: 'export', entityId: spec.url, summary: `导出明文：${spec.export.filename}` });
    }
    const body = new PassThrough();
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(spec.export.filename)}.xlsx`);
    void writeWorkbook(body, query, spec as unknown as ListRouteSpec<ZodRawShape, Item>, reveal).catch((err) => body.destroy(err));
    return reply.send(body);
  });
}

/** Streams the rows in pages so an export of 100k rows never sits whole in memory. */
async function writeWorkbook<Item>(out: PassThrough, query: AnyQuery, spec: ListRouteSpec<ZodRawShape, Item>, reveal: boolean) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(spec.export.filename.slice(0, 31));
  sheet.columns = spec.export.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const batch = 2000;
  for (let offset = 0; ; offset += batch) {
    const rows = await query.limit(batch).offset(offset).execute();
    for (const row of rows) {
      const item = spec.toItem(row as Record<string, unknown>, { reveal });
      sheet.addRow(spec.export.columns.map((c) => c.value(item) ?? '')).commit();
    }
    if (rows.length < batch) break;
  }
  sheet.commit();
  await workbook.commit();
}
