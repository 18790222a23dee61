import { sql } from 'kysely';
import type { JobProgress } from '../../platform/jobs.js';
import { audit, type Actor } from '../../platform/audit.js';
import type { Db, Tx } from '../../platform/db.js';
import { todayIso } from '../../../lib/validators/id-number.js';
import { orgNameKey } from './cell-values.js';
import {
  decideEmployer, employerColumnLabel, resolveEmployerRefs, validateEmployerRow, type EmployerData, type EmployerRowContext, type ExistingEmployer,
} from './employer-row.js';
import { buildVocabulary, loadCodeTables, townshipsOf } from './vocabulary.js';
import {
  commitInChunks, countyCodeOf, dataRowChunks, emptyCounts, headerTextOf, maskedRaw, openBatchFile, sheetOf, targetOrg, throttledProgress, unionIndex, writeImportRows,
  type BatchForRun, type Counts, type ImportDeps, type StagedRow, type Stopwatch,
} from './pipeline.js';
import type { RowOutcome } from './tables.js';

const employerSelect = sql`
  e.id, e.name, e.credit_code, e.ownership, e.industry, e.township_code, e.address, e.employee_count, e.women_count, e.migrant_count,
  e.dispatched_count, e.platform_count, e.has_union, e.covering_union_id`;

type EmployerRecord = {
  id: number; name: string; credit_code: string | null; ownership: string; industry: string; township_code: string | null; address: string | null;
  employee_count: number; women_count: number; migrant_count: number; dispatched_count: number; platform_count: number; has_union: boolean;
  covering_union_id: number | null; inside: boolean;
};

const toExisting = (r: EmployerRecord): ExistingEmployer => ({
  id: r.id, inside: r.inside, name: r.name, creditCode: r.credit_code, ownership: r.ownership, industry: r.industry, townshipCode: r.township_code,
  address: r.address, employeeCount: r.employee_count, womenCount: r.women_count, migrantCount: r.migrant_count, dispatchedCount: r.dispatched_count,
  platformCount: r.platform_count, hasUnion: r.has_union, coveringUnionId: r.covering_union_id,
});

/** The employers kept in the target subtree, by name key. */
async function employersByName(db: Db, path: string): Promise<Map<string, ExistingEmployer[]>> {
  const rows = await sql<EmployerRecord>`
    select ${employerSelect}, true as inside from employer e join org o on o.id = e.org_id where o.path <@ ${path}::ltree`.execute(db);
  const map = new Map<string, ExistingEmployer[]>();
  for (const r of rows.rows) {
    const key = orgNameKey(r.name);
    map.set(key, [...(map.get(key) ?? []), toExisting(r)]);
  }
  return map;
}

async function employersByCode(db: Db | Tx, codes: string[], path: string): Promise<Map<string, ExistingEmployer>> {
  if (!codes.length) return new Map();
  const rows = await sql<EmployerRecord>`
    select ${employerSelect}, (o.path <@ ${path}::ltree) as inside from employer e join org o on o.id = e.org_id
    where e.credit_code = any(${codes}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.credit_code!, toExisting(r)]));
}

/** The townships the 所在乡镇 column names: those of the county above the target (GB/T 2260). */
async function countyTownships(db: Db, orgId: number) {
  const code = await countyCodeOf(db, orgId);
  const map = code ? townshipsOf(code) : null;
  return map && map.size ? map : null;
}

export async function dryRunEmployers(deps: ImportDeps, batch: BatchForRun, progress: JobProgress, watch: Stopwatch): Promise<Counts> {
  const { db, crypto } = deps;
  const org = await targetOrg(db, batch.org_id);
  const file = openBatchFile(crypto, batch);
  const sheet = sheetOf(file, batch.sheet_name);
  const [tables, unions, byName, townships] = await watch.time('lookup', () => Promise.all([
    loadCodeTables(db), unionIndex(db, org.path), employersByName(db, org.path), countyTownships(db, batch.org_id),
  ]));
  const ctx: EmployerRowContext = {
    today: todayIso(), vocab: buildVocabulary(tables), mapping: batch.mapping, headerText: headerTextOf(batch.headers, batch.mapping), townships,
  };
  const width = batch.headers.length;
  const counts = emptyCounts();
  const firstByCode = new Map<string, number>();
  const firstByName = new Map<string, number>();
  const report = throttledProgress(progress);
  await db.deleteFrom('import_row').where('batch_id', '=', batch.id).execute();

  for await (const chunk of dataRowChunks(file, sheet, { headerRow: batch.header_row!, headers: batch.headers, keyColumns: [batch.mapping.name], counts, watch })) {
    const drafts = watch.sync('validate', () => chunk.map((row) => {
      const d = validateEmployerRow(row.rowNumber, row.cells, ctx);
      const dupCode = d.creditCode ? firstByCode.get(d.creditCode) : undefined;
      const dupName = d.nameKey ? firstByName.get(d.nameKey) : undefined;
      if (dupCode !== undefined) d.errors.push(`${employerColumnLabel(ctx, 'creditCode')}：与第${dupCode}行重复`);
      else if (dupName !== undefined) d.errors.push(`${employerColumnLabel(ctx, 'name')}：与第${dupName}行重复`);
      if (d.creditCode && dupCode === undefined) firstByCode.set(d.creditCode, d.rowNumber);
      if (d.nameKey && dupName === undefined) firstByName.set(d.nameKey, d.rowNumber);
      resolveEmployerRefs(d, { targetOrgName: org.name, unions }, ctx);
      return d;
    }));
    const byCode = await watch.time('lookup', () => employersByCode(db, drafts.flatMap((d) => (d.creditCode ? [d.creditCode] : [])), org.path));
    const staged = watch.sync('validate', () => drafts.map((d, i): StagedRow => {
      const decision = decideEmployer(d, { byCode: d.creditCode ? byCode.get(d.creditCode) : undefined, byName: d.nameKey ? byName.get(d.nameKey) ?? [] : [] }, ctx);
      counts.rows++;
      counts[decision.outcome]++;
      return {
        rowNumber: d.rowNumber, outcome: decision.outcome, messages: decision.messages, raw: maskedRaw(chunk[i].texts, width, { keep: batch.mapping.creditCode }),
        data: decision.data, targetId: decision.target?.id ?? null,
      };
    }));
    await watch.time('stage', () => writeImportRows(db, batch.id, staged));
    report.report(chunk[chunk.length - 1].rowNumber, sheet.rows ?? undefined);
  }
  await report.flush();
  return counts;
}

interface CommitRow { row_number: number; outcome: RowOutcome; data: EmployerData; target_id: number | null }

const employerColumns = [
  'name', 'credit_code', 'ownership', 'industry', 'township_code', 'address', 'employee_count', 'women_count', 'migrant_count', 'dispatched_count',
  'platform_count', 'has_union', 'covering_union_id',
] as const;
const dataKeys: Record<(typeof employerColumns)[number], keyof EmployerData> = {
  name: 'name', credit_code: 'creditCode', ownership: 'ownership', industry: 'industry', township_code: 'townshipCode', address: 'address',
  employee_count: 'employeeCount', women_count: 'womenCount', migrant_count: 'migrantCount', dispatched_count: 'dispatchedCount',
  platform_count: 'platformCount', has_union: 'hasUnion', covering_union_id: 'coveringUnionId',
};

export async function commitEmployers(
  deps: ImportDeps, batch: BatchForRun, actor: Actor, counts: Counts, progress: JobProgress, watch: Stopwatch,
): Promise<{ created: number; updated: number }> {
  const org = await targetOrg(deps.db, batch.org_id);
  return commitInChunks<CommitRow>(deps.db, batch.id, {
    columns: ['row_number', 'outcome', 'data', 'target_id'],
    total: counts.new + counts.update,
    progress,
    watch,
    writeChunk: (tx, rows) => commitChunk(tx, batch, org.path, rows, actor, counts),
  });
}

async function commitChunk(tx: Tx, batch: BatchForRun, path: string, rows: CommitRow[], actor: Actor, counts: Counts) {
  const changed: Array<{ row: number; outcome: RowOutcome; messages: string[]; target: number | null }> = [];
  const news = rows.filter((r) => r.outcome === 'new');
  const created: number[] = [];
  if (news.length) {
    // ids drawn first, so each inserted row is known by its id
    const ids = (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('employer', 'id'))::int8 as id from generate_series(1, ${news.length})`.execute(tx)).rows.map((r) => r.id);
    const col = <T>(f: (d: EmployerData) => T) => news.map((r) => f(r.data));
    const res = await sql<{ id: number }>`
      insert into employer (id, org_id, name, credit_code, ownership, industry, township_code, address, employee_count, women_count, migrant_count,
                            dispatched_count, platform_count, has_union, covering_union_id)
      select v.id, ${batch.org_id}::int8, v.name, v.credit_code, v.ownership, v.industry, v.township_code, v.address, coalesce(v.employee_count, 0),
             coalesce(v.women_count, 0), coalesce(v.migrant_count, 0), coalesce(v.dispatched_count, 0), coalesce(v.platform_count, 0),
             coalesce(v.has_union, false), v.covering_union_id
      from unnest(${ids}::int8[], ${col((d) => d.name)}::text[], ${col((d) => d.creditCode)}::text[], ${col((d) => d.ownership)}::text[],
                  ${col((d) => d.industry)}::text[], ${col((d) => d.townshipCode)}::text[], ${col((d) => d.address)}::text[],
                  ${col((d) => d.employeeCount)}::int4[], ${col((d) => d.womenCount)}::int4[], ${col((d) => d.migrantCount)}::int4[],
                  ${col((d) => d.dispatchedCount)}::int4[], ${col((d) => d.platformCount)}::int4[], ${col((d) => d.hasUnion)}::bool[],
                  ${col((d) => d.coveringUnionId)}::int8[])
        as v(id, name, credit_code, ownership, industry, township_code, address, employee_count, women_count, migrant_count, dispatched_count,
             platform_count, has_union, covering_union_id)
      on conflict do nothing
      returning id`.execute(tx);
    const done = new Set(res.rows.map((r) => r.id));
    news.forEach((r, i) => {
      if (done.has(ids[i])) { created.push(ids[i]); changed.push({ row: r.row_number, outcome: 'new', messages: [], target: ids[i] }); }
      else {
        counts.new--; counts.error++;
        changed.push({ row: r.row_number, outcome: 'error', messages: ['统一社会信用代码：提交前已有单位以此代码登记，请重新试运行'], target: null });
      }
    });
  }

  const updates = rows.filter((r) => r.outcome === 'update' && r.target_id !== null);
  const beforeOf: Record<string, unknown> = {};
  const afterOf: Record<string, unknown> = {};
  let updatedCount = 0;
  if (updates.length) {
    const ids = updates.map((r) => r.target_id!);
    const old = await sql<Record<string, unknown> & { id: number }>`
      select id, ${sql.join(employerColumns.map((c) => sql.ref(c)))} from employer where id = any(${ids}::int8[]) for update`.execute(tx);
    const oldById = new Map(old.rows.map((o) => [o.id, o]));
    const col = <T>(f: (d: EmployerData) => T) => updates.map((r) => f(r.data));
    const res = await sql<{ id: number }>`
      update employer e set
        name = coalesce(v.name, e.name), credit_code = coalesce(v.credit_code, e.credit_code), ownership = coalesce(v.ownership, e.ownership),
        industry = coalesce(v.industry, e.industry), township_code = coalesce(v.township_code, e.township_code), address = coalesce(v.address, e.address),
        employee_count = coalesce(v.employee_count, e.employee_count), women_count = coalesce(v.women_count, e.women_count),
        migrant_count = coalesce(v.migrant_count, e.migrant_count), dispatched_count = coalesce(v.dispatched_count, e.dispatched_count),
        platform_count = coalesce(v.platform_count, e.platform_count), has_union = coalesce(v.has_union, e.has_union),
        covering_union_id = coalesce(v.covering_union_id, e.covering_union_id), updated_at = now()
      from unnest(${ids}::int8[], ${col((d) => d.name)}::text[], ${col((d) => d.creditCode)}::text[], ${col((d) => d.ownership)}::text[],
                  ${col((d) => d.industry)}::text[], ${col((d) => d.townshipCode)}::text[], ${col((d) => d.address)}::text[],
                  ${col((d) => d.employeeCount)}::int4[], ${col((d) => d.womenCount)}::int4[], ${col((d) => d.migrantCount)}::int4[],
                  ${col((d) => d.dispatchedCount)}::int4[], ${col((d) => d.platformCount)}::int4[], ${col((d) => d.hasUnion)}::bool[],
                  ${col((d) => d.coveringUnionId)}::int8[])
        as v(id, name, credit_code, ownership, industry, township_code, address, employee_count, women_count, migrant_count, dispatched_count,
             platform_count, has_union, covering_union_id)
      where e.id = v.id and e.org_id in (select id from org where path <@ ${path}::ltree)
        and (e.name, e.credit_code, e.ownership, e.industry, e.township_code, e.address, e.employee_count, e.women_count, e.migrant_count,
             e.dispatched_count, e.platform_count, e.has_union, e.covering_union_id)
            is distinct from
            (coalesce(v.name, e.name), coalesce(v.credit_code, e.credit_code), coalesce(v.ownership, e.ownership), coalesce(v.industry, e.industry),
             coalesce(v.township_code, e.township_code), coalesce(v.address, e.address), coalesce(v.employee_count, e.employee_count),
             coalesce(v.women_count, e.women_count), coalesce(v.migrant_count, e.migrant_count), coalesce(v.dispatched_count, e.dispatched_count),
             coalesce(v.platform_count, e.platform_count), coalesce(v.has_union, e.has_union), coalesce(v.covering_union_id, e.covering_union_id))
      returning e.id`.execute(tx);
    const done = new Set(res.rows.map((r) => r.id));
    for (const r of updates) {
      const id = r.target_id!;
      if (!done.has(id)) {
        counts.update--; counts.unchanged++;
        changed.push({ row: r.row_number, outcome: 'unchanged', messages: ['提交时已无变化'], target: id });
        continue;
      }
      updatedCount++;
      const o: Record<string, unknown> = oldById.get(id) ?? {};
      const b: Record<string, unknown> = {};
      const a: Record<string, unknown> = {};
      for (const c of employerColumns) {
        const next = r.data[dataKeys[c]];
        if (next !== null && String(next) !== String(o[c] ?? '')) { b[c] = o[c]; a[c] = next; }
      }
      beforeOf[id] = b;
      afterOf[id] = a;
    }
  }
  if (changed.length) {
    await sql`
      update import_row r set outcome = v.outcome, messages = case when v.messages = '[]'::jsonb then r.messages else v.messages end, target_id = v.target
      from unnest(${changed.map((c) => c.row)}::int4[], ${changed.map((c) => c.outcome)}::text[],
                  ${changed.map((c) => JSON.stringify(c.messages))}::jsonb[], ${changed.map((c) => c.target)}::int8[]) as v(row_number, outcome, messages, target)
      where r.batch_id = ${batch.id}::uuid and r.row_number = v.row_number`.execute(tx);
  }
  if (created.length || updatedCount) {
    const first = rows[0].row_number;
    const last = rows[rows.length - 1].row_number;
    await audit(tx, actor, {
      action: 'import', entity: 'import_batch', entityId: batch.id, orgId: batch.org_id,
      summary: `Excel导入用人单位（${batch.file_name}，第${first}–${last}行）：新增${created.length}家，更新${updatedCount}家`,
      before: updatedCount ? { employers: beforeOf } : undefined,
      after: { batchId: batch.id, rows: [first, last], created, updated: afterOf },
    });
  }
  return { created: created.length, updated: updatedCount };
}
