import { sql } from 'kysely';
import type { JobProgress } from '../../platform/jobs.js';
import { audit, type Actor } from '../../platform/audit.js';
import { todayIso } from '../../../lib/validators/id-number.js';
import { orgNameKey } from './cell-values.js';
import {
  columnLabel, decideMember, memberData, resolveMemberRefs, validateMemberRow, type ExistingMember, type MemberRefs,
  type RowContext, TRANSFER_MESSAGE,
} from './member-row.js';
import { buildVocabulary, loadCodeTables } from './vocabulary.js';
import {
  commitInChunks, dataRowChunks, emptyCounts, headerTextOf, hex, maskedRaw, openBatchFile, sheetOf, targetOrg, throttledProgress, unionIndex, writeImportRows,
  type BatchForRun, type Counts, type ImportDeps, type StagedRow, type Stopwatch,
} from './pipeline.js';
import { allocateCardNos } from '../membership/card-no.js';
import { nameInitials } from '../membership/member.service.js';
import type { Db, Tx } from '../../platform/db.js';
import type { RowOutcome } from './tables.js';

async function employerIndex(db: Db, path: string): Promise<Map<string, number[]>> {
  const rows = await db.selectFrom('employer as e').innerJoin('org as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.name']).where(sql<boolean>`o.path <@ ${path}::ltree`).execute();
  const map = new Map<string, number[]>();
  for (const r of rows) {
    const key = orgNameKey(r.name);
    map.set(key, [...(map.get(key) ?? []), r.id]);
  }
  return map;
}

/** The members on record with these blind indexes, and whether each sits inside the target subtree. */
async function existingMembers(db: Db | Tx, hashes: Buffer[], path: string): Promise<Map<string, ExistingMember>> {
  if (!hashes.length) return new Map();
  const rows = await sql<{
    id: number; id_number_hash: Buffer; org_id: number; union_name: string; inside: boolean; status: string; name: string; sex: string; birth_date: string;
    phone_hash: Buffer | null; ethnicity: string | null; education: string | null; political_status: string | null; employer_id: number | null;
    category: string; join_date: string | null;
  }>`
    select m.id, m.id_number_hash, m.org_id, o.name as union_name, (o.path <@ ${path}::ltree) as inside, m.status, m.name, m.sex, m.birth_date, m.phone_hash,
           m.ethnicity, m.education, m.political_status, m.employer_id, m.category, m.join_date
    from member m join org o on o.id = m.org_id
    where m.id_number_hash = any(${hashes}::bytea[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id_number_hash.toString('hex'), {
    id: r.id, orgId: r.org_id, unionName: r.union_name, inside: r.inside, status: r.status, name: r.name, sex: r.sex, birthDate: r.birth_date,
    phoneHash: hex(r.phone_hash), ethnicity: r.ethnicity, education: r.education, politicalStatus: r.political_status,
    employerId: r.employer_id, category: r.category, joinDate: r.join_date,
  }]));
}

/**
 * The dry run: every data row read, checked, compared with the record, and its outcome kept
 * in import_row. ID numbers are hashed for every row; sealed only where the commit needs
 * them (new members; the phone of a new or updated member).
 */
export async function dryRunMembers(deps: ImportDeps, batch: BatchForRun, progress: JobProgress, watch: Stopwatch): Promise<Counts> {
  const { db, crypto } = deps;
  const org = await targetOrg(db, batch.org_id);
  const file = openBatchFile(crypto, batch);
  const sheet = sheetOf(file, batch.sheet_name);
  const today = todayIso();
  const [tables, unions, employers] = await watch.time('lookup', () => Promise.all([loadCodeTables(db), unionIndex(db, org.path), employerIndex(db, org.path)]));
  const ctx: RowContext = { today, vocab: buildVocabulary(tables), mapping: batch.mapping, headerText: headerTextOf(batch.headers, batch.mapping) };
  const refs: MemberRefs = { target: org, unions, employers };
  const width = batch.headers.length;
  const personal = { id: batch.mapping.idNumber, phone: batch.mapping.phone };
  const counts = emptyCounts();
  const firstRowOf = new Map<string, number>();
  const report = throttledProgress(progress);
  // names repeat (张伟, 王芳…): their initials are worked out once per run
  const initialsOf = new Map<string, string>();
  const initials = (name: string) => {
    let v = initialsOf.get(name);
    if (v === undefined) { v = nameInitials(name); initialsOf.set(name, v); }
    return v;
  };
  await db.deleteFrom('import_row').where('batch_id', '=', batch.id).execute();

  let pending: Promise<void> = Promise.resolve();
  for await (const chunk of dataRowChunks(file, sheet, {
    headerRow: batch.header_row!, headers: batch.headers, keyColumns: [batch.mapping.name, batch.mapping.idNumber], counts, watch,
  })) {
    const drafts = watch.sync('validate', () => chunk.map((row) => {
      const d = validateMemberRow(row.rowNumber, row.cells, ctx);
      if (d.id) {
        const first = firstRowOf.get(d.id.value);
        if (first !== undefined) d.errors.push(`${columnLabel(ctx, 'idNumber')}：与第${first}行重复`);
        else firstRowOf.set(d.id.value, d.rowNumber);
      }
      resolveMemberRefs(d, refs, ctx);
      return d;
    }));
    const hashes = watch.sync('validate', () => drafts.map((d) => (d.id ? crypto.blindIndex('id_number', d.id.value) : null)));
    const existing = await watch.time('lookup', () => existingMembers(db, hashes.filter((h): h is Buffer => h !== null), org.path));
    const staged = watch.sync('validate', () => drafts.map((d, i): StagedRow => {
      const idHash = hashes[i];
      const phoneHash = d.phone ? crypto.blindIndex('phone', d.phone) : null;
      const found = idHash ? existing.get(idHash.toString('hex')) : undefined;
      const decision = decideMember(d, found, hex(phoneHash), ctx, org);
      const row: StagedRow = {
        rowNumber: d.rowNumber, outcome: decision.outcome, messages: decision.messages,
        raw: maskedRaw(chunk[i].texts, width, personal), data: null, targetId: found?.id ?? null,
      };
      counts.rows++;
      counts[decision.outcome]++;
      if (decision.outcome === 'new' || decision.outcome === 'update') {
        const wanted = decision.outcome === 'new' || decision.changes.includes('姓名');
        row.data = memberData(d, decision.outcome, batch.org_id, wanted ? initials(d.name!) : null);
        row.idHash = idHash;
        row.idLast4 = d.id!.value.slice(-4);
        if (decision.outcome === 'new') row.idEnc = crypto.encrypt(d.id!.value);
        if (d.phone) {
          row.phoneHash = phoneHash;
          row.phoneLast4 = d.phone.slice(-4);
          row.phoneEnc = crypto.encrypt(d.phone);
        }
      } else if (idHash) {
        row.idHash = idHash;
        row.idLast4 = d.id!.value.slice(-4);
      }
      return row;
    }));
    // the next chunk is read and checked while this one is written ('wait': the writes that were not hidden)
    await watch.time('wait', () => pending);
    pending = writeImportRows(db, batch.id, staged);
    // handled here too, so a failed write is not an unhandled rejection before it is awaited
    pending.catch(() => undefined);
    report.report(chunk[chunk.length - 1].rowNumber, sheet.rows ?? undefined);
  }
  await watch.time('wait', () => pending);
  await report.flush();
  // fresh statistics, so the commit's plans see a large batch as large
  if (counts.rows >= 10_000) await sql`analyze import_row`.execute(db);
  return counts;
}

interface ChunkRow { row_number: number; outcome: RowOutcome }

const memberColumns = ['name', 'sex', 'birth_date', 'phone_last4', 'ethnicity', 'education', 'political_status', 'employer_id', 'category', 'join_date'] as const;

/**
 * The commit: the rows the dry run found new or changed, 1,000 per transaction. import_row is
 * the staging table: each chunk is merged by the database itself (INSERT … SELECT and
 * UPDATE … FROM import_row), so no member row travels back through the application. New
 * members are inserted ON CONFLICT DO NOTHING (someone may have recorded them since the dry
 * run); changed ones are updated by a statement whose WHERE skips a row that no longer
 * differs, so a second run of the same file writes nothing. One audit row per transaction.
 */
export async function commitMembers(
  deps: ImportDeps, batch: BatchForRun, actor: Actor, counts: Counts, progress: JobProgress, watch: Stopwatch,
): Promise<{ created: number; updated: number }> {
  const { db } = deps;
  const org = await targetOrg(db, batch.org_id);
  return commitInChunks<ChunkRow>(db, batch.id, {
    columns: ['row_number', 'outcome'],
    total: counts.new + counts.update,
    progress,
    watch,
    writeChunk: (tx, rows) => commitChunk(tx, batch, org.path, rows, actor, counts, watch),
    // A large import into a small table: after the first chunk, fresh statistics keep the
    // planner on the indexes (the card-number lookup, for one, turns into a sort of every
    // card number when member's statistics still describe an empty table).
    afterChunk: async (done, chunkSize) => {
      if (done === chunkSize && counts.new >= 10_000) await refreshStatsIfSmall(db, counts.new);
    },
  });
}

async function refreshStatsIfSmall(db: Db, incoming: number) {
  const stats = await sql<{ tuples: number }>`select reltuples::float8 as tuples from pg_class where oid = 'member'::regclass`.execute(db);
  if ((stats.rows[0]?.tuples ?? 0) < incoming) await sql`analyze member`.execute(db);
}

// the values of an import_row as member columns; for an update, null keeps the value on record
const value = {
  name: sql`r.data->>'name'`,
  sex: sql`r.data->>'sex'`,
  birth_date: sql`(r.data->>'birthDate')::date`,
  ethnicity: sql`r.data->>'ethnicity'`,
  education: sql`r.data->>'education'`,
  political_status: sql`r.data->>'politicalStatus'`,
  employer_id: sql`(r.data->>'employerId')::int8`,
  join_date: sql`(r.data->>'joinDate')::date`,
  // a row the dry run found new carries the default category: as an update it must not overwrite
  category: sql`case when r.outcome = 'new' then null else r.data->>'category' end`,
};

async function commitChunk(tx: Tx, batch: BatchForRun, path: string, rows: ChunkRow[], actor: Actor, counts: Counts, watch: Stopwatch) {
  // every join with import_row names the chunk's range: the primary key then reads 1,000 rows, not the batch
  const first = rows[0].row_number;
  const last = rows[rows.length - 1].row_number;
  const inChunk = sql`r.batch_id = ${batch.id}::uuid and r.row_number between ${first} and ${last}`;
  const news = rows.filter((r) => r.outcome === 'new').map((r) => r.row_number);
  // the membership module's numbering, under its lock: an import and a registration never race
  const cards = news.length ? await watch.time('cardNo', () => allocateCardNos(tx, batch.org_id, news.length)) : [];
  const created: Array<{ id: number; cardNo: string; row: number }> = [];
  if (news.length) {
    const res = await watch.time('insert', () => sql<{ id: number; card_no: string }>`
      insert into member (org_id, employer_id, name, name_initials, id_number_enc, id_number_hash, id_number_last4, sex, birth_date,
                          phone_enc, phone_hash, phone_last4, ethnicity, education, political_status, category, join_date, card_no)
      select (r.data->>'orgId')::int8, ${value.employer_id}, ${value.name}, coalesce(r.data->>'nameInitials', ''), r.id_number_enc, r.id_number_hash,
             r.id_number_last4, ${value.sex}, ${value.birth_date}, r.phone_enc, r.phone_hash, r.phone_last4, ${value.ethnicity}, ${value.education},
             ${value.political_status}, coalesce(r.data->>'category', 'regular'), ${value.join_date}, c.card_no
      from unnest(${news}::int4[], ${cards}::text[]) as c(row_number, card_no)
      join import_row r on ${inChunk} and r.row_number = c.row_number
      order by c.row_number
      on conflict (id_number_hash) do nothing
      returning id, card_no`.execute(tx));
    const rowOfCard = new Map(cards.map((c, i) => [c, news[i]]));
    for (const r of res.rows) created.push({ id: r.id, cardNo: r.card_no, row: rowOfCard.get(r.card_no)! });
  }
  const insertedRows = new Set(created.map((c) => c.row));

  // updates, and new rows someone recorded since the dry run: the same statement decides
  const candidates = rows.filter((r) => !insertedRows.has(r.row_number)).map((r) => r.row_number);
  const updated = new Map<number, { id: number; before: Record<string, unknown>; after: Record<string, unknown> }>();
  if (candidates.length) {
    const cols = sql.join(memberColumns.map((c) => sql.ref(`m.${c}`)));
    const old = await sql<Record<string, unknown> & { id: number }>`
      select m.id, ${cols} from member m join import_row r on m.id_number_hash = r.id_number_hash
      where ${inChunk} and r.row_number = any(${candidates}::int4[]) for update of m`.execute(tx);
    const oldById = new Map(old.rows.map((o) => [o.id, o]));
    const res = await sql<Record<string, unknown> & { id: number; row_number: number }>`
      update member m set
        name = ${value.name}, name_initials = coalesce(r.data->>'nameInitials', m.name_initials), sex = ${value.sex}, birth_date = ${value.birth_date},
        phone_enc = case when r.phone_hash is null then m.phone_enc else r.phone_enc end,
        phone_hash = coalesce(r.phone_hash, m.phone_hash), phone_last4 = coalesce(r.phone_last4, m.phone_last4),
        ethnicity = coalesce(${value.ethnicity}, m.ethnicity), education = coalesce(${value.education}, m.education),
        political_status = coalesce(${value.political_status}, m.political_status), employer_id = coalesce(${value.employer_id}, m.employer_id),
        category = coalesce(${value.category}, m.category), join_date = coalesce(${value.join_date}, m.join_date), updated_at = now()
      from import_row r
      where ${inChunk} and r.row_number = any(${candidates}::int4[]) and m.id_number_hash = r.id_number_hash
        and m.status = 'active' and m.org_id in (select id from org where path <@ ${path}::ltree)
        and (m.name, m.sex, m.birth_date, m.phone_hash, m.ethnicity, m.education, m.political_status, m.employer_id, m.category, m.join_date)
            is distinct from
            (${value.name}, ${value.sex}, ${value.birth_date}, coalesce(r.phone_hash, m.phone_hash), coalesce(${value.ethnicity}, m.ethnicity),
             coalesce(${value.education}, m.education), coalesce(${value.political_status}, m.political_status),
             coalesce(${value.employer_id}, m.employer_id), coalesce(${value.category}, m.category), coalesce(${value.join_date}, m.join_date))
      returning m.id, r.row_number, ${cols}`.execute(tx);
    for (const r of res.rows) {
      const o: Record<string, unknown> = oldById.get(r.id) ?? {};
      const before: Record<string, unknown> = {};
      const afterValues: Record<string, unknown> = {};
      for (const c of memberColumns) if (String(o[c] ?? '') !== String(r[c] ?? '')) { before[c] = o[c]; afterValues[c] = r[c]; }
      updated.set(r.row_number, { id: r.id, before, after: afterValues });
    }
  }

  // rows whose outcome is not what the dry run said (someone changed the record since): say what happened
  const changed: Array<{ row: number; outcome: RowOutcome; messages: string[]; target: number | null }> = [];
  const leftovers: ChunkRow[] = [];
  for (const r of rows) {
    if (insertedRows.has(r.row_number)) continue;
    const u = updated.get(r.row_number);
    if (u) {
      if (r.outcome === 'new') {
        counts.new--; counts.update++;
        changed.push({ row: r.row_number, outcome: 'update', messages: ['提交时该职工已在册，已按本行更新'], target: u.id });
      }
      continue;
    }
    leftovers.push(r);
  }
  if (leftovers.length) {
    const now = await sql<{ row_number: number; id: number | null; inside: boolean | null; status: string | null }>`
      select r.row_number, m.id, (o.path <@ ${path}::ltree) as inside, m.status
      from import_row r left join member m on m.id_number_hash = r.id_number_hash left join org o on o.id = m.org_id
      where ${inChunk} and r.row_number = any(${leftovers.map((r) => r.row_number)}::int4[])`.execute(tx);
    const byRow = new Map(now.rows.map((m) => [m.row_number, m]));
    for (const r of leftovers) {
      const m = byRow.get(r.row_number);
      const outcome: RowOutcome = !m?.id ? 'error' : !m.inside ? 'transfer_suggested' : m.status !== 'active' ? 'error' : 'unchanged';
      const messages = !m?.id ? ['身份证号：提交时未能写入，请重新试运行'] : outcome === 'transfer_suggested' ? [TRANSFER_MESSAGE]
        : outcome === 'error' ? ['身份证号：提交前该职工的会员状态已变更，请在会员管理中办理'] : ['提交时已无变化'];
      counts[r.outcome]--;
      counts[outcome]++;
      changed.push({ row: r.row_number, outcome, messages, target: m?.id ?? null });
    }
  }
  if (changed.length) {
    await sql`
      update import_row r set outcome = v.outcome, messages = v.messages, target_id = v.target
      from unnest(${changed.map((c) => c.row)}::int4[], ${changed.map((c) => c.outcome)}::text[],
                  ${changed.map((c) => JSON.stringify(c.messages))}::jsonb[], ${changed.map((c) => c.target)}::int8[]) as v(row_number, outcome, messages, target)
      where ${inChunk} and r.row_number = v.row_number`.execute(tx);
  }

  if (created.length || updated.size) {
    const ups = [...updated.values()];
    await watch.time('audit', () => audit(tx, actor, {
      action: 'import', entity: 'import_batch', entityId: batch.id, orgId: batch.org_id,
      summary: `Excel导入会员（${batch.file_name}，第${first}–${last}行）：新增${created.length}人，更新${updated.size}人`,
      before: ups.length ? { members: Object.fromEntries(ups.map((u) => [u.id, u.before])) } : undefined,
      after: {
        batchId: batch.id, rows: [first, last], created: created.map((c) => ({ id: c.id, cardNo: c.cardNo })),
        updated: Object.fromEntries(ups.map((u) => [u.id, u.after])),
      },
    }));
  }
  return { created: created.length, updated: updated.size };
}
