import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.js';
import { orgInScopeOrThrow, ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { startJob } from '../../platform/jobs.js';
import { audit, type Actor } from '../../platform/audit.js';
import { cellText } from './cell-values.js';
import { detectHeader, HEADER_SEARCH_ROWS, mapHeaderRow, type HeaderColumn } from './header-detect.js';
import { importFields, kindLabels } from './import-fields.js';
import { classifyRow } from './sheet-rows.js';
import { sealFile } from './file-seal.js';
import { openXlsx, readRows, peekSheets, type SheetRow, type XlsxFile } from './xlsx-reader.js';
import { maskedRaw, openBatchFile, Stopwatch, type BatchForRun, type Counts, type ImportDeps } from './pipeline.js';
import { commitMembers, dryRunMembers } from './member-pipeline.js';
import { commitEmployers, dryRunEmployers } from './employer-pipeline.js';
import type { BatchStatus, ImportBatchTable, ImportKind } from './tables.js';

/** Batches: upload, mapping, and the two jobs (dry run, commit) with their status moves. */
export const statusLabels: Record<BatchStatus, string> = {
  uploaded: '待确认列', mapped: '待试运行', validating: '试运行中', dry_run: '已试运行', committing: '导入中', committed: '已导入', failed: '失败',
};

const PREVIEW_ROWS = 10;
const PEEK_ROWS = HEADER_SEARCH_ROWS + 30;

type Batch = Omit<Selectable<ImportBatchTable>, 'file_enc' | 'file_key'>;
const batchColumns = [
  'b.id', 'b.kind', 'b.org_id', 'b.file_name', 'b.file_size', 'b.file_sha256', 'b.sheets', 'b.sheet_name', 'b.header_row', 'b.headers', 'b.mapping',
  'b.preview', 'b.status', 'b.counts', 'b.message', 'b.job_id', 'b.created_by', 'b.created_at', 'b.updated_at', 'b.dry_run_at', 'b.committed_at',
] as const;

/** A batch through the caller's scope: one of another township answers 404, like a missing one. */
export async function loadBatch(deps: ImportDeps, kind: ImportKind, id: string, scope: ScopePaths): Promise<Batch> {
  const batch = await deps.db.selectFrom('import_batch as b').select(batchColumns)
    .where('b.id', '=', id).where('b.kind', '=', kind).where(ownedInScope('b.org_id', scope)).executeTakeFirst();
  if (!batch) throw notFound('导入批次');
  return batch as Batch;
}

async function loadForRun(deps: ImportDeps, id: string): Promise<BatchForRun> {
  const b = await deps.db.selectFrom('import_batch')
    .select(['id', 'kind', 'org_id', 'file_name', 'file_enc', 'file_key', 'sheet_name', 'header_row', 'headers', 'mapping'])
    .where('id', '=', id).executeTakeFirstOrThrow();
  return { ...b, headers: b.headers as HeaderColumn[], mapping: b.mapping as Record<string, number> };
}

const columnLetter = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** The batch as the API shows it. */
export async function batchDetail(deps: ImportDeps, batch: Batch) {
  const fields = importFields[batch.kind];
  const mapping = batch.mapping as Record<string, number>;
  const headers = (batch.headers as HeaderColumn[]).map((h) => ({
    column: h.column, letter: columnLetter(h.column), text: h.text,
    field: Object.entries(mapping).find(([, c]) => c === h.column)?.[0] ?? null,
  }));
  const names = await deps.db.selectFrom('org').select(['id', 'name']).where('id', '=', batch.org_id).executeTakeFirst();
  const creator = batch.created_by
    ? await deps.db.selectFrom('app_user').select('display_name').where('id', '=', batch.created_by).executeTakeFirst() : undefined;
  return {
    id: batch.id, kind: batch.kind, kindLabel: kindLabels[batch.kind], orgId: batch.org_id, orgName: names?.name ?? null,
    fileName: batch.file_name, fileSize: batch.file_size, status: batch.status, statusLabel: statusLabels[batch.status],
    sheets: batch.sheets as Array<{ name: string; rows: number | null }>, sheetName: batch.sheet_name, headerRow: batch.header_row,
    headers, mapping,
    fields: fields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
    missing: fields.filter((f) => f.required && !mapping[f.key]).map((f) => f.label),
    preview: batch.preview as string[][],
    counts: batch.counts as Counts | null, message: batch.message, jobId: batch.job_id,
    createdBy: creator?.display_name ?? null, createdAt: batch.created_at, dryRunAt: batch.dry_run_at, committedAt: batch.committed_at,
  };
}

/** The first data rows under the header, as shown, personal numbers masked. */
function previewOf(rows: readonly SheetRow[], headerRow: number, headers: readonly HeaderColumn[], mapping: Record<string, number>, kind: ImportKind): string[][] {
  const keys = importFields[kind].filter((f) => f.required).map((f) => mapping[f.key]).filter((c): c is number => !!c);
  const out: string[][] = [];
  for (const row of rows) {
    if (row.rowNumber <= headerRow) continue;
    const texts = row.cells.map(cellText);
    if (classifyRow(texts, headers, keys)) continue;
    out.push(maskedRaw(texts, headers.length, { id: mapping.idNumber, phone: mapping.phone }));
    if (out.length >= PREVIEW_ROWS) break;
  }
  return out;
}

function headerOf(rows: readonly SheetRow[], headerRow: number, kind: ImportKind) {
  const row = rows.find((r) => r.rowNumber === headerRow);
  if (!row) throw fieldError('headerRow', `第${headerRow}行是空行，不是表头`);
  return mapHeaderRow(row.cells.map(cellText), importFields[kind]);
}

async function topRows(file: XlsxFile, sheetName: string, untilRow: number): Promise<SheetRow[]> {
  const sheet = file.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw fieldError('sheetName', `文件中没有名为“${sheetName}”的工作表`);
  const rows: SheetRow[] = [];
  for await (const r of readRows(file, sheet, { untilRow })) rows.push(r);
  return rows;
}

export interface UploadInput { kind: ImportKind; orgId: number; fileName: string; file: Buffer }

/** Upload: keep the file (sealed), find the sheet and its header row, suggest the mapping, show the first rows. */
export async function createBatch(deps: ImportDeps, actor: Actor & { id: number }, scope: ScopePaths, input: UploadInput) {
  const target = await orgInScopeOrThrow(deps.db, input.orgId, scope, '导入目标工会');
  if (input.kind === 'employers' && target.kind === 'group') throw fieldError('orgId', '工会小组不能管理用人单位，请选择工会');
  if (!/\.xlsx$/i.test(input.fileName)) throw fieldError('file', '请上传 .xlsx 格式的表格（旧版 .xls 请先在 Excel 中另存为 .xlsx）');
  if (input.file.length === 0) throw fieldError('file', '文件是空的');
  const file = openXlsx(input.file);
  const fields = importFields[input.kind];
  const peek = await peekSheets(file, PEEK_ROWS);
  let best: { sheet: string; rows: SheetRow[]; guess: ReturnType<typeof detectHeader> } | null = null;
  for (const sheet of file.sheets) {
    const rows = peek.get(sheet.sheetNo);
    if (!rows) continue;
    const guess = detectHeader(rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map(cellText) })), fields);
    if (!best || guess.score > best.guess.score) best = { sheet: sheet.name, rows, guess };
  }
  const chosen = best ?? { sheet: file.sheets[0].name, rows: [], guess: detectHeader([], fields) };
  const { headerRow, columns, mapping } = chosen.guess;
  const sealed = sealFile(deps.crypto, input.file);
  const id = randomUUID();
  await deps.db.insertInto('import_batch').values({
    id, kind: input.kind, org_id: input.orgId, file_name: input.fileName.slice(-255), file_size: input.file.length, file_sha256: createHash('sha256').update(input.file).digest('hex'),
    file_enc: sealed.enc, file_key: sealed.key,
    sheets: JSON.stringify(file.sheets.filter((s) => !s.hidden).map((s) => ({ name: s.name, rows: s.rows }))),
    sheet_name: chosen.sheet, header_row: headerRow, headers: JSON.stringify(columns), mapping: JSON.stringify(mapping),
    preview: JSON.stringify(headerRow ? previewOf(chosen.rows, headerRow, columns, mapping, input.kind) : []),
    status: 'uploaded', created_by: actor.id,
  }).execute();
  const batch = await loadBatch(deps, input.kind, id, scope);
  // the same workbook imported before into this scope: say so (re-running it changes nothing)
  const earlier = await deps.db.selectFrom('import_batch as b').select(['b.id', 'b.committed_at'])
    .where('b.file_sha256', '=', batch.file_sha256).where('b.kind', '=', input.kind).where('b.status', '=', 'committed')
    .where(ownedInScope('b.org_id', scope)).orderBy('b.committed_at', 'desc').executeTakeFirst();
  return { ...(await batchDetail(deps, batch)), sameFileAs: earlier ? { id: earlier.id, committedAt: earlier.committed_at } : null };
}

export interface MappingInput { sheetName?: string; headerRow?: number; mapping: Record<string, number | null> }

/** The user confirms or changes the mapping (and, if need be, the sheet or the header row). */
export async function setMapping(deps: ImportDeps, kind: ImportKind, id: string, scope: ScopePaths, input: MappingInput) {
  const batch = await loadBatch(deps, kind, id, scope);
  if (['validating', 'committing', 'committed'].includes(batch.status)) throw conflict(`该批次${statusLabels[batch.status]}，不能修改列对应关系`);
  const fields = importFields[kind];
  let sheetName = batch.sheet_name;
  let headerRow = batch.header_row;
  let headers = batch.headers as HeaderColumn[];
  let preview = batch.preview as string[][];
  const sheetChanged = input.sheetName !== undefined && input.sheetName !== sheetName;
  const rowChanged = input.headerRow !== undefined && input.headerRow !== headerRow;
  const mapping: Record<string, number> = {};
  for (const [key, column] of Object.entries(input.mapping)) {
    if (!fields.some((f) => f.key === key)) throw fieldError('mapping', `没有“${key}”这一项`);
    if (column !== null) mapping[key] = column;
  }
  let rows: SheetRow[] | null = null;
  if (sheetChanged || rowChanged || !headerRow) {
    const file = openBatchFile(deps.crypto, (await deps.db.selectFrom('import_batch').select(['file_enc', 'file_key']).where('id', '=', id).executeTakeFirstOrThrow()));
    sheetName = input.sheetName ?? sheetName ?? file.sheets[0].name;
    headerRow = input.headerRow ?? (sheetChanged ? null : headerRow);
    rows = await topRows(file, sheetName, Math.max(PEEK_ROWS, (headerRow ?? 0) + PREVIEW_ROWS * 3));
    if (!headerRow) {
      headerRow = detectHeader(rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map(cellText) })), fields).headerRow;
      if (!headerRow) throw fieldError('headerRow', '未能识别表头行，请指定表头所在的行号');
    }
    headers = headerOf(rows, headerRow, kind).columns;
  }
  const used = new Map<number, string>();
  for (const [key, column] of Object.entries(mapping)) {
    const label = fields.find((f) => f.key === key)!.label;
    if (!headers.some((h) => h.column === column)) throw fieldError('mapping', `“${label}”对应的第${column}列不在表头范围内`);
    const other = used.get(column);
    if (other) throw fieldError('mapping', `“${other}”和“${label}”不能对应同一列`);
    used.set(column, label);
  }
  const missing = fields.filter((f) => f.required && !mapping[f.key]).map((f) => `“${f.label}”`);
  if (missing.length) throw fieldError('mapping', `请指定${missing.join('、')}所在的列`);
  if (rows) preview = previewOf(rows, headerRow!, headers, mapping, kind);
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('import_batch').set({
      sheet_name: sheetName, header_row: headerRow, headers: JSON.stringify(headers), mapping: JSON.stringify(mapping), preview: JSON.stringify(preview),
      status: 'mapped', counts: null, message: null, updated_at: new Date(),
    }).where('id', '=', id).execute();
    // an earlier dry run answered for another mapping
    await tx.deleteFrom('import_row').where('batch_id', '=', id).execute();
  });
  return batchDetail(deps, await loadBatch(deps, kind, id, scope));
}

/** Moves the batch into a running status, unless another run holds it (a run whose job died does not). */
async function claim(deps: ImportDeps, batch: Batch, from: BatchStatus[], to: BatchStatus): Promise<void> {
  const res = await deps.db.updateTable('import_batch').set({ status: to, message: null, updated_at: new Date() })
    .where('id', '=', batch.id)
    .where((eb) => eb.or([
      eb('status', 'in', from),
      eb.and([eb('status', 'in', ['validating', 'committing']), eb('job_id', 'in', eb.selectFrom('job').select('id').where('status', '!=', 'running'))]),
    ]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const now = await deps.db.selectFrom('import_batch').select('status').where('id', '=', batch.id).executeTakeFirstOrThrow();
  if (now.status === 'uploaded') throw conflict('请先确认列对应关系');
  if (now.status === 'committed') throw conflict('该批次已导入；同一文件再次导入请重新上传');
  if (now.status === 'mapped' || now.status === 'failed') throw conflict('请先试运行');
  throw conflict(`该批次${statusLabels[now.status]}，请稍候`);
}

export async function startDryRun(deps: ImportDeps, actor: Actor & { id: number }, kind: ImportKind, id: string, scope: ScopePaths) {
  const batch = await loadBatch(deps, kind, id, scope);
  await claim(deps, batch, ['mapped', 'dry_run', 'failed'], 'validating');
  const jobId = await startJob(deps.db, { kind: `import.${kind}.dry_run`, userId: actor.id, orgId: batch.org_id }, async (progress) => {
    const watch = new Stopwatch();
    const started = performance.now();
    try {
      const run = await loadForRun(deps, id);
      const counts = kind === 'members' ? await dryRunMembers(deps, run, progress, watch) : await dryRunEmployers(deps, run, progress, watch);
      await deps.db.updateTable('import_batch').set({ status: 'dry_run', counts: JSON.stringify(counts), dry_run_at: new Date(), updated_at: new Date() })
        .where('id', '=', id).execute();
      return { counts, timings: { ...watch.toJSON(), total: Math.round(performance.now() - started) } };
    } catch (err) {
      throw await fail(deps, id, err);
    }
  });
  await deps.db.updateTable('import_batch').set({ job_id: jobId }).where('id', '=', id).execute();
  return { jobId };
}

export async function startCommit(deps: ImportDeps, actor: Actor & { id: number }, kind: ImportKind, id: string, scope: ScopePaths) {
  const batch = await loadBatch(deps, kind, id, scope);
  await claim(deps, batch, ['dry_run'], 'committing');
  const counts = batch.counts as Counts;
  const jobId = await startJob(deps.db, { kind: `import.${kind}.commit`, userId: actor.id, orgId: batch.org_id, total: counts.new + counts.update }, async (progress) => {
    const watch = new Stopwatch();
    const started = performance.now();
    try {
      const run = await loadForRun(deps, id);
      const written = kind === 'members'
        ? await commitMembers(deps, run, actor, counts, progress, watch)
        : await commitEmployers(deps, run, actor, counts, progress, watch);
      await deps.db.transaction().execute(async (tx) => {
        // the workbook (full ID numbers) is not kept once its rows are in: the report reads import_row
        await tx.updateTable('import_batch').set({
          status: 'committed', counts: JSON.stringify(counts), committed_at: new Date(), updated_at: new Date(), file_enc: null, file_key: null,
        }).where('id', '=', id).execute();
        if (!written.created && !written.updated) {
          await audit(tx, actor, {
            action: 'import', entity: 'import_batch', entityId: id, orgId: batch.org_id,
            summary: `Excel导入${kindLabels[kind]}（${batch.file_name}）：无新增、无更新（共${counts.rows}行，${counts.unchanged}行无变化，${counts.error}行有错误）`,
          });
        }
      });
      return { counts, written, timings: { ...watch.toJSON(), total: Math.round(performance.now() - started) } };
    } catch (err) {
      throw await fail(deps, id, err);
    }
  });
  await deps.db.updateTable('import_batch').set({ job_id: jobId }).where('id', '=', id).execute();
  return { jobId };
}

/** Marks the batch failed and gives the job a Chinese message (the cause goes to the log). */
async function fail(deps: ImportDeps, id: string, err: unknown): Promise<AppError> {
  if (!(err instanceof AppError)) deps.log?.(err);
  const message = err instanceof AppError ? err.message
    : (err as { code?: string }).code === '23503' ? '关联的工会或用人单位已不存在，请重新试运行'
      : (err as { code?: string }).code === '23505' ? '与已有记录重复（可能有人同时录入），请重新试运行'
        : '处理失败，请稍后重试';
  await deps.db.updateTable('import_batch').set({ status: 'failed', message, updated_at: new Date() }).where('id', '=', id).execute();
  return err instanceof AppError ? err : new AppError(500, 'IMPORT_FAILED', message);
}

export async function deleteBatch(deps: ImportDeps, actor: Actor, kind: ImportKind, id: string, scope: ScopePaths) {
  const batch = await loadBatch(deps, kind, id, scope);
  if (['validating', 'committing'].includes(batch.status)) throw conflict(`该批次${statusLabels[batch.status]}，不能删除`);
  if (batch.status === 'committed') throw conflict('已导入的批次保留为导入记录，不能删除');
  await deps.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('import_batch').where('id', '=', id).execute();
    await audit(tx, actor, { action: 'delete', entity: 'import_batch', entityId: id, orgId: batch.org_id, summary: `删除未导入的${kindLabels[kind]}导入批次（${batch.file_name}）` });
  });
}

