import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { JobProgress } from '../../platform/jobs.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskIdNumber, maskPhone } from '../../../lib/masking.js';
import { cellText, maskPersonalNumbers, orgNameKey } from './cell-values.js';
import { classifyRow, type SkipReason } from './sheet-rows.js';
import { openSealedFile } from './file-seal.js';
import { openXlsx, readRows, type SheetInfo, type SheetRow, type XlsxFile } from './xlsx-reader.js';
import type { HeaderColumn } from './header-detect.js';
import type { ImportKind, RowOutcome } from './tables.js';

/** What the import's services need from the app: the database and the field crypto. */
export interface ImportDeps {
  db: Db;
  crypto: FieldCrypto;
  /** where an unexpected failure of a background run is logged */
  log?: (err: unknown) => void;
}

/** Rows per dry-run chunk and per commit transaction. */
export const CHUNK_ROWS = 1000;

export interface Counts {
  rows: number;
  new: number;
  update: number;
  unchanged: number;
  error: number;
  transfer_suggested: number;
  skipped: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
}

export const emptyCounts = (): Counts => ({ rows: 0, new: 0, update: 0, unchanged: 0, error: 0, transfer_suggested: 0, skipped: 0, skippedByReason: {} });

/** Time spent per stage, summed over the chunks (the stages interleave). */
export class Stopwatch {
  private readonly ms: Record<string, number> = {};
  add(stage: string, ms: number) { this.ms[stage] = (this.ms[stage] ?? 0) + ms; }
  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try { return await fn(); } finally { this.add(stage, performance.now() - t); }
  }
  sync<T>(stage: string, fn: () => T): T {
    const t = performance.now();
    try { return fn(); } finally { this.add(stage, performance.now() - t); }
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.ms).map(([k, v]) => [k, Math.round(v)]));
  }
}

/**
 * Progress for the UI without a database round trip per chunk: at most one update every
 * `everyMs`, never awaited by the work (each update is its own transaction, and its WAL
 * flush cost ~10 ms a chunk); `flush` writes the last figure.
 */
export function throttledProgress(progress: JobProgress, everyMs = 250) {
  let last = -Infinity; // the first report goes out at once
  let inFlight: Promise<void> = Promise.resolve();
  let latest: [number, number | undefined] | null = null;
  const send = () => {
    if (!latest) return;
    const [done, total] = latest;
    latest = null;
    last = performance.now();
    inFlight = inFlight.then(() => progress.update(done, total)).catch(() => undefined);
  };
  return {
    report(done: number, total?: number) {
      latest = [done, total];
      if (performance.now() - last >= everyMs) send();
    },
    async flush() {
      send();
      await inFlight;
    },
  };
}

/**
 * The commit's loop, for either kind: the batch's new and changed rows in 1,000-row chunks
 * by row number, each chunk written in its own transaction, progress reported as it goes.
 */
export async function commitInChunks<Row extends { row_number: number }>(
  db: Db,
  batchId: string,
  opts: {
    columns: readonly string[];
    total: number;
    progress: JobProgress;
    watch: Stopwatch;
    writeChunk: (tx: Tx, rows: Row[]) => Promise<{ created: number; updated: number }>;
    afterChunk?: (done: number, chunkSize: number) => Promise<void>;
  },
): Promise<{ created: number; updated: number }> {
  const result = { created: 0, updated: 0 };
  const report = throttledProgress(opts.progress);
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = (await opts.watch.time('read', () => db.selectFrom('import_row').select(opts.columns as never)
      .where('batch_id', '=', batchId).where('outcome', 'in', ['new', 'update']).where('row_number', '>', after)
      .orderBy('row_number').limit(CHUNK_ROWS).execute())) as unknown as Row[];
    if (!rows.length) break;
    after = rows[rows.length - 1].row_number;
    await opts.watch.time('write', () => db.transaction().execute(async (tx) => {
      const r = await opts.writeChunk(tx, rows);
      result.created += r.created;
      result.updated += r.updated;
    }));
    done += rows.length;
    report.report(done, opts.total);
    await opts.afterChunk?.(done, rows.length);
  }
  await report.flush();
  return result;
}

export interface BatchForRun {
  id: string;
  kind: ImportKind;
  org_id: number;
  file_name: string;
  file_enc: Buffer | null;
  file_key: Buffer | null;
  sheet_name: string | null;
  header_row: number | null;
  headers: HeaderColumn[];
  mapping: Record<string, number>;
}

export function openBatchFile(crypto: FieldCrypto, batch: Pick<BatchForRun, 'file_enc' | 'file_key'>): XlsxFile {
  if (!batch.file_enc || !batch.file_key) throw new AppError(409, 'CONFLICT', '该批次的文件已删除，请重新上传');
  return openXlsx(openSealedFile(crypto, batch.file_enc, batch.file_key));
}

export function sheetOf(file: XlsxFile, name: string | null): SheetInfo {
  const sheet = file.sheets.find((s) => s.name === name);
  if (!sheet) throw new AppError(409, 'CONFLICT', `文件中没有名为“${name ?? ''}”的工作表`);
  return sheet;
}

export type DataRow = SheetRow & { texts: string[] };

/**
 * The data rows below the header, in chunks; blank, totals, signature and banner rows are
 * counted in `counts` and dropped. Time spent reading the workbook goes to 'parse'.
 */
export async function* dataRowChunks(
  file: XlsxFile,
  sheet: SheetInfo,
  opts: { headerRow: number; headers: readonly HeaderColumn[]; keyColumns: readonly number[]; counts: Counts; watch: Stopwatch; size?: number },
): AsyncGenerator<DataRow[]> {
  const it = readRows(file, sheet)[Symbol.asyncIterator]();
  const size = opts.size ?? CHUNK_ROWS;
  let chunk: DataRow[] = [];
  for (;;) {
    const t = performance.now();
    const next = await it.next();
    if (next.done) { opts.watch.add('parse', performance.now() - t); break; }
    const row = next.value;
    if (row.rowNumber <= opts.headerRow) { opts.watch.add('parse', performance.now() - t); continue; }
    const texts = row.cells.map(cellText);
    const skip = classifyRow(texts, opts.headers, opts.keyColumns);
    opts.watch.add('parse', performance.now() - t);
    if (skip) {
      opts.counts.skipped++;
      opts.counts.skippedByReason[skip] = (opts.counts.skippedByReason[skip] ?? 0) + 1;
      continue;
    }
    chunk.push({ ...row, texts });
    if (chunk.length >= size) { yield chunk; chunk = []; }
  }
  if (chunk.length) yield chunk;
}

const MAYBE_NUMBER = /\d{11}|\dE\+?\d/i;

/**
 * The row's cells as shown, for the report: ID numbers and phones masked, wherever they
 * stand; `keep` is a column never masked (a credit code can look like an ID number).
 */
export function maskedRaw(texts: readonly string[], width: number, personal: { id?: number; phone?: number; keep?: number }): string[] {
  const out: string[] = [];
  for (let c = 1; c <= width; c++) {
    const t = texts[c - 1] ?? '';
    if (!t || c === personal.keep) { out.push(t); continue; }
    if (c === personal.id) out.push(maskIdNumber(t.replace(/\s/g, '')));
    else if (c === personal.phone) out.push(maskPhone(t.replace(/\s/g, '')));
    // most cells (names, dates, 汉族) hold no long run of digits
    else out.push(MAYBE_NUMBER.test(t) ? maskPersonalNumbers(t) : t);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

export interface StagedRow {
  rowNumber: number;
  outcome: RowOutcome;
  messages: string[];
  raw: string[];
  data: unknown;
  idEnc?: Buffer | null;
  idHash?: Buffer | null;
  idLast4?: string | null;
  phoneEnc?: Buffer | null;
  phoneHash?: Buffer | null;
  phoneLast4?: string | null;
  targetId?: number | null;
}

/**
 * One statement per chunk: the rows as one JSON document, unpacked by jsonb_to_recordset
 * (binary columns as base64). About a third faster than unnest() over column arrays, whose
 * array literals pg builds element by element in JavaScript.
 */
export async function writeImportRows(db: Db | Tx, batchId: string, rows: readonly StagedRow[]): Promise<void> {
  if (!rows.length) return;
  const b64 = (v: Buffer | null | undefined) => (v ? v.toString('base64') : null);
  const doc = JSON.stringify(rows.map((r) => ({
    n: r.rowNumber, o: r.outcome, m: r.messages, r: r.raw, d: r.data ?? null, ie: b64(r.idEnc), ih: b64(r.idHash), il: r.idLast4 ?? null,
    pe: b64(r.phoneEnc), ph: b64(r.phoneHash), pl: r.phoneLast4 ?? null, t: r.targetId ?? null,
  })));
  await sql`
    insert into import_row (batch_id, row_number, outcome, messages, raw, data, id_number_enc, id_number_hash, id_number_last4, phone_enc, phone_hash, phone_last4, target_id)
    select ${batchId}::uuid, x.n, x.o, x.m, x.r, x.d, decode(x.ie, 'base64'), decode(x.ih, 'base64'), x.il, decode(x.pe, 'base64'), decode(x.ph, 'base64'), x.pl, x.t
    from jsonb_to_recordset(${doc}::jsonb) as x(n int4, o text, m jsonb, r jsonb, d jsonb, ie text, ih text, il text, pe text, ph text, pl text, t int8)`.execute(db);
}

export interface TargetOrg { id: number; name: string; path: string; kind: string }

export async function targetOrg(db: Db | Tx, orgId: number): Promise<TargetOrg> {
  const org = await db.selectFrom('org').select(['id', 'name', 'path', 'kind']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('导入目标工会');
  return org;
}

export interface UnionRef { id: number; name: string; kind: string }

/** The organizations of the target's subtree by name and by short name (brackets and spaces aside). */
export async function unionIndex(db: Db, path: string): Promise<Map<string, UnionRef[]>> {
  const rows = await db.selectFrom('org').select(['id', 'name', 'short_name', 'kind']).where(sql<boolean>`path <@ ${path}::ltree`).execute();
  const map = new Map<string, UnionRef[]>();
  const put = (key: string, ref: UnionRef) => {
    const list = map.get(key) ?? [];
    if (!list.some((u) => u.id === ref.id)) list.push(ref);
    map.set(key, list);
  };
  for (const r of rows) {
    const ref = { id: r.id, name: r.name, kind: r.kind };
    put(orgNameKey(r.name), ref);
    if (r.short_name) put(orgNameKey(r.short_name), ref);
  }
  return map;
}

/** The county whose townships 所在乡镇 names: the nearest 6-digit region code at or above the organization. */
export async function countyCodeOf(db: Db | Tx, orgId: number): Promise<string | null> {
  const row = await sql<{ region_code: string }>`
    select a.region_code from org o join org a on a.path @> o.path
    where o.id = ${orgId} and a.region_code ~ '^[0-9]{6}$'
    order by nlevel(a.path) desc limit 1`.execute(db);
  return row.rows[0]?.region_code ?? null;
}

/** field → header text, for messages. */
export function headerTextOf(headers: readonly HeaderColumn[], mapping: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping)) {
    const text = headers.find((h) => h.column === column)?.text;
    // '身份证号码（18位）' → '身份证号码', '其中：女职工' → '女职工'
    if (text) out[field] = text.replace(/[\s*＊]/g, '').replace(/[(（].*$/, '').replace(/^其中[:：]?/, '') || text;
  }
  return out;
}

export const hex = (b: Buffer | null | undefined) => (b ? b.toString('hex') : null);
