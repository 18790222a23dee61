// Member import, end to end, on 100,000 rows: a generated 花名册 (.xlsx, streamed) is uploaded,
// mapped, dry-run and committed through the real app (HTTP inject, the background jobs), on
// PGlite in memory and on PostgreSQL; then the same rows are COPYed into a fresh copy of the
// member table, as the yardstick for the write stage. Writes bench/results/member-import.json.
//
// PostgreSQL: a scratch database `bench_import` is created and dropped on the server at
// BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres); unreachable → skipped.
// BENCH_ROWS changes the row count (default 100000); BENCH_DATABASES=postgres (or pglite) runs one.
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { sql } from 'kysely';
import { openDatabase, migrate, type Database } from '../server/platform/db.js';
import { createFieldCrypto } from '../server/platform/crypto.js';
import { CSRF_HEADER, CSRF_VALUE, type App } from '../server/platform/http.js';
import { buildApp } from '../server/app.js';
import { FIXTURE_PASSWORD, fixtureOrgIds, seedFixture } from '../server/test-support/fixture.js';
import { makeIdNumber } from '../lib/validators/id-number.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const SCRATCH_DB = 'bench_import';
const UNION = '甲镇某机械有限公司工会';
const EMPLOYERS = Array.from({ length: 40 }, (_, i) => `山东甲镇第${i + 1}机械（集团）有限公司`);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅玉兰春梅晓东文博子涵浩然欣怡俊杰佳怡雨桐梓萱';
const EDU = ['大学本科', '大专', '高中', '中专', '初中', '研究生'];
const POL = ['群众', '中共党员', '共青团员', '群众', '群众'];
const CAT = ['一般职工', '农民工', '劳务派遣工', '新就业形态劳动者', '一般职工'];
const ETH = ['汉族', '汉族', '汉族', '回族', '满族'];

/** A deterministic sheet as staff send it: a title, a note, the header, then ROWS people with valid, distinct IDs. */
export async function generateWorkbook(file: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('会员花名册');
  ws.addRow(['甲镇某机械有限公司工会会员花名册']).commit();
  ws.addRow(['填报单位：甲镇某机械有限公司工会']).commit();
  ws.addRow(['序号', '姓名', '性别', '身份证号码', '出生日期', '民族', '文化程度', '政治面貌', '手机号码', '工作单位', '所属工会', '用工形式', '入会时间']).commit();
  let seed = 20261124;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const start = Date.UTC(1966, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    // distinct IDs: the day i % 14600 from 1966, the sequence i / 14600
    const birth = new Date(start + (i % 14600) * 86_400_000).toISOString().slice(0, 10);
    const id = makeIdNumber('370523', birth, Math.floor(i / 14600));
    const male = Number(id[16]) % 2 === 1;
    const name = pick([...SURNAMES]) + pick([...GIVEN]) + (rnd() < 0.6 ? pick([...GIVEN]) : '');
    const join = new Date(Date.UTC(2010, 0, 1) + Math.floor(rnd() * 5000) * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([
      i + 1, name, male ? '男' : '女', id, birth, pick(ETH), pick(EDU), pick(POL), `13${String(100000000 + i).slice(0, 9)}`,
      pick(EMPLOYERS), UNION, pick(CAT), join.replace(/-/g, '.'),
    ]).commit();
  }
  ws.addRow(['合计', null, `共${ROWS}人`]).commit();
  ws.addRow(['填表人：王小明', null, null, null, null, '审核人：李主席']).commit();
  ws.commit();
  await wb.commit();
  const bytes = (await readFile(file)).length;
  return { ms: Math.round(performance.now() - t0), bytes };
}

function multipart(fields: Record<string, string>, name: string, buffer: Buffer) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')
    + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

interface Client { call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<any> }

async function login(app: App, username: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { [CSRF_HEADER]: CSRF_VALUE }, payload: { username, password: FIXTURE_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return {
    async call(method, url, body, headers = {}) {
      const r = await app.inject({ method: method as 'GET', url, headers: { cookie, ...(method === 'GET' ? {} : { [CSRF_HEADER]: CSRF_VALUE }), ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
      const json = String(r.headers['content-type'] ?? '').includes('json') ? r.json() : r.body;
      if (r.statusCode >= 400) throw new Error(`${method} ${url}: ${r.statusCode} ${JSON.stringify(json)}`);
      return json;
    },
  };
}

async function waitJob(client: Client, jobId: string) {
  for (;;) {
    const job = await client.call('GET', `/api/jobs/${jobId}`);
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed') throw new Error(`job failed: ${job.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** upload → mapping → dry run → commit, timed. */
async function importOnce(client: Client, orgId: number, file: Buffer) {
  const t0 = performance.now();
  const form = multipart({ orgId: String(orgId) }, '会员花名册.xlsx', file);
  const up = await client.call('POST', '/api/imports/members', form.body, { 'content-type': form.type });
  const t1 = performance.now();
  await client.call('PUT', `/api/imports/members/${up.id}/mapping`, { mapping: up.mapping });
  const dry = await waitJob(client, (await client.call('POST', `/api/imports/members/${up.id}/dry-run`)).jobId);
  const t2 = performance.now();
  const commit = await waitJob(client, (await client.call('POST', `/api/imports/members/${up.id}/commit`)).jobId);
  const t3 = performance.now();
  return {
    batchId: up.id as string, headerRow: up.headerRow as number, counts: dry.result.counts, written: commit.result.written,
    ms: { upload: t1 - t0, dryRun: t2 - t1, commit: t3 - t2, total: t3 - t0 },
    dryRunTimings: dry.result.timings as Record<string, number>, commitTimings: commit.result.timings as Record<string, number>,
  };
}

const memberColumns = [
  'id', 'org_id', 'employer_id', 'name', 'name_initials', 'id_number_enc', 'id_number_hash', 'id_number_last4', 'sex', 'birth_date', 'phone_enc',
  'phone_hash', 'phone_last4', 'ethnicity', 'education', 'political_status', 'category', 'join_date', 'card_no', 'status', 'created_at', 'updated_at',
].join(', ');

/** The same rows COPYed into a fresh copy of member (same indexes, same foreign keys): the yardstick. */
async function copyBaseline(database: Database): Promise<{ ms: number; rows: number }> {
  const db = database.db;
  await sql`drop table if exists bench_member_copy`.execute(db);
  await sql`create table bench_member_copy (like member including all)`.execute(db);
  await sql`alter table bench_member_copy add foreign key (org_id) references org(id), add foreign key (employer_id) references employer(id)`.execute(db);
  const select = `select ${memberColumns} from member`;
  let ms: number;
  if (database.kind === 'pglite') {
    const pglite = database.pglite!;
    const out = await pglite.query(`copy (${select}) to '/dev/blob' with (format csv)`);
    const blob = out.blob!;
    const t0 = performance.now();
    await pglite.query(`copy bench_member_copy (${memberColumns}) from '/dev/blob' with (format csv)`, [], { blob });
    ms = performance.now() - t0;
  } else {
    const client = await database.pool.connect();
    try {
      const chunks: Buffer[] = [];
      await pipeline(client.query(copyTo(`copy (${select}) to stdout with (format csv)`)), new PassThrough().on('data', (c: Buffer) => chunks.push(c)));
      const csv = Buffer.concat(chunks);
      const t0 = performance.now();
      await pipeline(Readable.from([csv]), client.query(copyFrom(`copy bench_member_copy (${memberColumns}) from stdin with (format csv)`)));
      ms = performance.now() - t0;
    } finally {
      client.release();
    }
  }
  const n = (await sql<{ n: number }>`select count(*)::int as n from bench_member_copy`.execute(db)).rows[0].n;
  await sql`drop table bench_member_copy`.execute(db);
  return { ms, rows: n };
}

const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const round = (ms: number) => Math.round(ms);

async function runOn(kind: 'pglite' | 'postgres', file: Buffer) {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
    await admin.query(`create database ${SCRATCH_DB}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${SCRATCH_DB}`;
    database = await openDatabase({ url: url.toString() });
    drop = async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${SCRATCH_DB} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({});
  }
  try {
    await migrate(database.db);
    await seedFixture(database.db);
    const orgs = await fixtureOrgIds(database.db);
    await database.db.insertInto('employer').values(EMPLOYERS.map((name) => ({ org_id: orgs.unionA, name, ownership: 'private', industry: 'C' }))).execute();
    const app = await buildApp({ db: database.db, fieldCrypto: createFieldCrypto('bench-secret-0123456789abcdef'), databaseKind: database.kind, database, webDir: '/nonexistent' });
    await app.ready();
    const cadre = await login(app, 'cadreA');

    console.log(`  ${kind}: first import…`);
    const first = await importOnce(cadre, orgs.unionA, file);
    const copy = await copyBaseline(database);
    console.log(`  ${kind}: the same file again…`);
    const rerun = await importOnce(cadre, orgs.unionA, file);
    await app.close();

    const rows = first.counts.rows as number;
    const parse = first.dryRunTimings.parse;
    const validate = first.dryRunTimings.total - parse;
    const write = first.commitTimings.total;
    return {
      rows,
      outcomes: first.counts,
      written: first.written,
      ms: {
        upload: round(first.ms.upload), dryRun: round(first.ms.dryRun), commit: round(first.ms.commit), endToEnd: round(first.ms.total),
        parse: round(parse), validate: round(validate), write: round(write),
        dryRunDetail: first.dryRunTimings, commitDetail: first.commitTimings,
        copy: round(copy.ms),
      },
      rowsPerSecond: {
        endToEnd: perSecond(rows, first.ms.total), parse: perSecond(rows, parse), validate: perSecond(rows, validate),
        write: perSecond(rows, write), copy: perSecond(copy.rows, copy.ms),
      },
      writeToCopyRatio: Number((write / copy.ms).toFixed(2)),
      rerunSameFile: {
        outcomes: rerun.counts, written: rerun.written,
        ms: { endToEnd: round(rerun.ms.total), dryRun: round(rerun.ms.dryRun), commit: round(rerun.ms.commit) },
        rowsPerSecond: perSecond(rows, rerun.ms.total),
      },
    };
  } finally {
    await database.close();
    if (drop) await drop();
  }
}

export async function run(): Promise<void> {
  const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
  const dir = path.join(os.tmpdir(), `gonghui-bench-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const xlsx = path.join(dir, 'members.xlsx');
  console.log(`  generating ${ROWS.toLocaleString('en-US')} rows…`);
  const generated = await generateWorkbook(xlsx);
  const file = await readFile(xlsx);
  await rm(dir, { recursive: true, force: true });

  const results: Record<string, unknown> = {};
  const kinds = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').filter((k): k is 'pglite' | 'postgres' => k === 'pglite' || k === 'postgres');
  for (const kind of kinds) {
    try {
      results[kind] = await runOn(kind, file);
    } catch (err) {
      if (kind === 'postgres' && /ECONNREFUSED|connect|authentication|does not exist/i.test(String((err as Error).message))) {
        results[kind] = { skipped: `PostgreSQL not reachable at ${ADMIN_URL}: ${(err as Error).message}` };
      } else {
        throw err;
      }
    }
  }
  const pgRes = results.postgres as { rowsPerSecond?: { endToEnd: number }; writeToCopyRatio?: number } | undefined;
  const liteRes = results.pglite as { writeToCopyRatio?: number } | undefined;
  const report = {
    benchmark: 'member-import',
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      // other work on the machine skews the figures: the 1/5/15-minute load before and after
      loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Number(l.toFixed(2))) },
    },
    rows: ROWS,
    file: { bytes: generated.bytes, generateMs: generated.ms },
    stages: {
      upload: 'POST /api/imports/members: read the multipart body, find sheet and header, seal and store the file',
      parse: 'dry run: read the sheet (exceljs streaming reader, merged cells, row classification)',
      validate: 'dry run minus parse: row rules, ID/phone blind indexes and sealing, lookups of existing members, writing import_row',
      write: 'commit: read import_row, insert/update member 1,000 rows per transaction (card numbers, audit row per transaction)',
      copy: 'COPY of the same member rows into a fresh copy of the member table (same indexes and foreign keys)',
    },
    results,
    goals: {
      writeWithin2xOfCopy: {
        pglite: liteRes?.writeToCopyRatio !== undefined ? liteRes.writeToCopyRatio <= 2 : null,
        postgres: pgRes?.writeToCopyRatio !== undefined ? pgRes.writeToCopyRatio <= 2 : null,
      },
      endToEndAtLeast10kRowsPerSecondOnPostgres: pgRes?.rowsPerSecond ? pgRes.rowsPerSecond.endToEnd >= 10_000 : null,
    },
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  const out = path.join(here, 'results', 'member-import.json');
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  for (const [kind, r] of Object.entries(results) as Array<[string, any]>) {
    if (r.skipped) { console.log(`  ${kind}: skipped (${r.skipped})`); continue; }
    console.log(`  ${kind}: end to end ${r.ms.endToEnd} ms = ${r.rowsPerSecond.endToEnd} rows/s; parse ${r.rowsPerSecond.parse}/s, validate ${r.rowsPerSecond.validate}/s, `
      + `write ${r.rowsPerSecond.write}/s vs COPY ${r.rowsPerSecond.copy}/s (write/COPY ${r.writeToCopyRatio}); re-run ${r.rerunSameFile.ms.endToEnd} ms, written ${JSON.stringify(r.rerunSameFile.written)}`);
  }
  console.log(`  goals: ${JSON.stringify(report.goals)}`);
  console.log(`  → ${path.relative(process.cwd(), out)}`);
}
