// Campaign list generation and approval on 100,000 recipients, on PostgreSQL: a 送温暖 edition's
// list is built through the real service (`buildFromArchives`: one transaction, one set-based
// INSERT … SELECT FROM unnest(…) with the partial unique index doing the "once per edition"),
// then approved in one transaction (`approveRecipients`: budget check, one UPDATE, audit row).
// The archive source hands the service 100,000 synthetic households (the hardship module's
// `eligibleArchives` answers the same shape); everything after it is the product's code.
// A second edition repeats both with the yearly cap across campaigns switched on (the cap
// check is part of the same INSERT). Then SQL verifies that nobody holds two entitlements in
// one edition. Writes bench/results/campaign.json.
//
// A scratch database `bench_campaign` is created and dropped at BENCH_DATABASE_URL (default
// postgres://root@127.0.0.1:5432/postgres); unreachable → skipped. BENCH_ROWS changes the count.
import os from 'node:os';
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, migrate, type Database } from '../server/platform/db.js';
import { createFieldCrypto } from '../server/platform/crypto.js';
import { putSetting } from '../server/platform/settings.js';
import { fixtureOrgIds, seedFixture } from '../server/test-support/fixture.js';
import { makeIdNumber } from '../lib/validators/id-number.js';
import { approveRecipients, buildFromArchives, type Candidate } from '../server/modules/campaigns/recipient.service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const SCRATCH_DB = 'bench_campaign';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志海燕红梅玉春晓东文博';

const round = (ms: number) => Math.round(ms);

async function scratchDatabase(): Promise<{ database: Database; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`  PostgreSQL unreachable at ${ADMIN_URL}: skipped (${(err as Error).message})`);
    return null;
  }
  await admin.query(`drop database if exists ${SCRATCH_DB} with (force)`);
  await admin.query(`create database ${SCRATCH_DB}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${SCRATCH_DB}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${SCRATCH_DB} with (force)`);
      await c.end();
    },
  };
}

export async function run(): Promise<void> {
  const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
  const scratch = await scratchDatabase();
  if (!scratch) return;
  const { database } = scratch;
  const db = database.db;
  try {
    await migrate(db);
    await seedFixture(db);
    const orgs = await fixtureOrgIds(db);
    const crypto = createFieldCrypto('bench-secret-0123456789abcdef');
    // 40 grassroots unions per township, the households spread over them
    const unions: number[] = [];
    for (const town of [orgs.townA, orgs.townB]) {
      const rows = await db.insertInto('org').values(Array.from({ length: 40 }, (_, i) => ({ name: `${town}-工会${i + 1}`, kind: 'grassroots', parent_id: town })))
        .returning('id').execute();
      unions.push(...rows.map((r) => r.id));
    }
    const actor = { id: null, name: 'bench' };
    const scope = [String(orgs.root)];
    const tPrep = performance.now();
    const start = Date.UTC(1960, 0, 1);
    const candidates: Candidate[] = Array.from({ length: ROWS }, (_, i) => {
      const birth = new Date(start + (i % 14600) * 86_400_000).toISOString().slice(0, 10);
      const id = makeIdNumber('370523', birth, Math.floor(i / 14600));
      return {
        archiveId: i + 1, memberId: null, orgId: unions[i % unions.length], level: i % 3 === 0 ? 'deep' : 'relative',
        personHash: crypto.blindIndex('id_number', id), name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length],
        last4: id.slice(-4),
      };
    });
    const prepMs = performance.now() - tPrep;
    const source = async () => candidates;

    async function edition(name: string) {
      const row = await db.insertInto('campaign_edition').values({
        org_id: orgs.root, kind: 'winter_warmth', year: 2027, name, budget_fen: ROWS * 100_000, fund_source: 'county_fund',
        rule: JSON.stringify({ levels: ['deep', 'relative'], categories: [], collegeChild: false, amountByLevel: { deep: 100_000, relative: 50_000 } }),
        standard_fen: 50_000, start_date: '2026-12-20',
      }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    }

    async function buildAndApprove(label: string) {
      const id = await edition(label);
      console.log(`  ${label}: generating ${ROWS} recipients…`);
      let t = performance.now();
      const built = await buildFromArchives(db, actor, scope, id, source);
      const generateMs = performance.now() - t;
      await sql`analyze campaign_recipient`.execute(db);
      t = performance.now();
      const rerun = await buildFromArchives(db, actor, scope, id, source);
      const rerunMs = performance.now() - t;
      console.log(`  ${label}: approving…`);
      t = performance.now();
      const approved = await approveRecipients(db, actor, scope, id);
      const approveMs = performance.now() - t;
      const dup = await sql<{ n: number }>`select count(*)::int as n from (select person_hash from campaign_recipient
        where edition_id = ${id} and status <> 'cancelled' group by person_hash having count(*) > 1) d`.execute(db);
      const count = await sql<{ n: number; approved: number; fen: string }>`select count(*)::int as n, (count(*) filter (where status = 'approved'))::int as approved,
        sum(amount_fen)::text as fen from campaign_recipient where edition_id = ${id}`.execute(db);
      const figures = {
        generateMs: round(generateMs), approveMs: round(approveMs), totalMs: round(generateMs + approveMs),
        rerunBuildMs: round(rerunMs), added: built.added, rerunAdded: rerun.added, approved: approved.approved,
        rowsInDb: count.rows[0].n, approvedInDb: count.rows[0].approved, amountFen: Number(count.rows[0].fen),
        personsWithTwoEntitlements: dup.rows[0].n,
      };
      console.log(`  ${label}: generate ${figures.generateMs} ms, approve ${figures.approveMs} ms, total ${figures.totalMs} ms; duplicates ${figures.personsWithTwoEntitlements}`);
      return figures;
    }

    // The floor, measured in the same run: the same rows written by one INSERT … SELECT FROM
    // unnest into a table with the recipient's columns and no index, constraint or lookup.
    await sql`create table bench_floor (edition_id bigint, org_id bigint, source text, archive_id bigint, archive_level text,
      person_hash bytea, name text, id_number_last4 text, amount_fen bigint, status text)`.execute(db);
    let tFloor = performance.now();
    await sql`insert into bench_floor select 1, x.org_id, 'archive', x.archive_id, x.level, decode(x.hash, 'hex'), x.name, x.last4, 50000, 'listed'
      from unnest(${candidates.map((c) => c.archiveId)}::bigint[], ${candidates.map((c) => c.orgId)}::bigint[], ${candidates.map((c) => c.level)}::text[],
                  ${candidates.map((c) => c.personHash.toString('hex'))}::text[], ${candidates.map((c) => c.name)}::text[], ${candidates.map((c) => c.last4)}::text[])
        as x(archive_id, org_id, level, hash, name, last4)`.execute(db);
    const floorInsertMs = performance.now() - tFloor;
    tFloor = performance.now();
    await sql`update bench_floor set status = 'approved'`.execute(db);
    const floorUpdateMs = performance.now() - tFloor;
    console.log(`  floor: bare insert ${round(floorInsertMs)} ms, bare update ${round(floorUpdateMs)} ms`);

    const noCap = await buildAndApprove('2027年元旦春节送温暖（基准）');
    // the cap: 2,500 元 per person per year; the first edition already gave each 500–1000 元
    await putSetting(db, 'campaign', { yearlyCapFen: 250_000 }, null);
    const withCap = await buildAndApprove('2027年医疗救助（年度上限开启）');
    const overCap = await sql<{ n: number }>`select count(*)::int as n from (select r.person_hash from campaign_recipient r
      join campaign_edition e on e.id = r.edition_id where e.year = 2027 and r.status <> 'cancelled'
      group by r.person_hash having sum(r.amount_fen) > 250000) d`.execute(db);

    const report = {
      benchmark: 'campaign',
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.split(' ').slice(0, 2).join(' '),
        memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`,
        loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Number(l.toFixed(2))) },
      },
      database: 'postgres',
      rows: ROWS,
      goal: 'generation + approval under 10 s for 100,000 recipients',
      prepareCandidatesMs: round(prepMs),
      stages: {
        generate: 'buildFromArchives: one transaction, INSERT … SELECT FROM unnest(…) ON CONFLICT (edition_id, person_hash) WHERE status <> \'cancelled\' DO NOTHING, audit row',
        approve: 'approveRecipients: edition row lock, budget sums, one UPDATE, audit row',
        rerunBuild: 'the same build again: every person already listed, nothing added',
      },
      floor: {
        what: 'the same 100,000 rows by one INSERT … SELECT FROM unnest into a table without index or constraint, then one bare UPDATE of their status',
        insertMs: round(floorInsertMs), updateMs: round(floorUpdateMs),
        generateVsFloor: Number((noCap.generateMs / floorInsertMs).toFixed(2)),
        approveVsFloor: Number((noCap.approveMs / floorUpdateMs).toFixed(2)),
      },
      withoutCap: noCap,
      withYearlyCap: { ...withCap, capFen: 250_000, personsOverCap: overCap.rows[0].n },
    };
    const out = path.join(here, 'results', 'campaign.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(report, null, 2) + '\n');
    console.log(`  written ${path.relative(process.cwd(), out)}`);
  } finally {
    await scratch.drop();
  }
}
