import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { clock } from '../../../platform/clock.js';
import { toleratePoolTeardown } from '../../membership/test/helpers.js';
import { markAssisted } from '../hardship.exports.js';
import { application, newMember } from './helpers.js';

let t: TestContext;
let chairA: Client;
let cadreA: Client;
let cadreB: Client;
let staff: Client;
let staffA: Client;

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [chairA, cadreA, cadreB, staff, staffA] = await Promise.all([t.as('chairA'), t.as('cadreA'), t.as('cadreB'), t.as('staff'), t.as('staffA')]);
});
afterEach(() => clock.reset());
afterAll(async () => { clock.reset(); await t?.close(); });

const line = 82_000; // the 2026 line: 820.00 a month
/** A household of `size` with the worker's income only, and an optional rigid expense / accident cost. */
const figures = (size: number, incomeFen: number, expenseFen = 0, costsFen = 0) => ({
  household: Array.from({ length: size }, (_, i) => ({ incomeFen: i === 0 ? incomeFen : 0 })),
  lines: [
    ...(expenseFen ? [{ direction: 'expense', amountFen: expenseFen }] : []),
    ...(costsFen ? [{ direction: 'hardship_cost', amountFen: costsFen }] : []),
  ],
});

describe('the level through the API (the page\'s calculation)', () => {
  it('is deep one fen below the line and relative exactly at it, per person and month', async () => {
    const at = line * 12 * 3;
    const below = await chairA.post('/api/hardship/level-preview', figures(3, at - 1));
    expect(below.body).toMatchObject({ level: 'deep', perCapitaMonthlyFen: line - 1, dibaoLineFen: line, dibaoYear: 2026 });
    expect((await chairA.post('/api/hardship/level-preview', figures(3, at))).body).toMatchObject({ level: 'relative', perCapitaMonthlyFen: line });
    expect((await chairA.post('/api/hardship/level-preview', figures(3, 2 * at - 1))).body.level).toBe('relative');
    expect((await chairA.post('/api/hardship/level-preview', figures(3, 2 * at))).body.level).toBe('none');
    // the same income for a household of four is below the line
    expect((await chairA.post('/api/hardship/level-preview', figures(4, at))).body.level).toBe('deep');
    expect((await chairA.post('/api/hardship/level-preview', figures(1, 0))).body).toMatchObject({ level: 'deep', perCapitaMonthlyFen: 0 });
    // expenses come off: exactly back at the line
    expect((await chairA.post('/api/hardship/level-preview', figures(3, at + 10_000, 10_000))).body.level).toBe('relative');
  });

  it('is accidental when the costs exceed 80% of the income: exactly 80% is not enough', async () => {
    const income = 10_000_000;
    expect((await chairA.post('/api/hardship/level-preview', figures(3, income, 0, 8_000_000))).body).toMatchObject({ level: 'none', isAccidental: false });
    expect((await chairA.post('/api/hardship/level-preview', figures(3, income, 0, 8_000_001))).body).toMatchObject({ level: 'accidental', isAccidental: true });
  });

  it('stores the level with its basis on the archive, and uses the year\'s line from the setting', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '卫边界');
    const at = line * 12 * 2;
    const body = application(m.id, {
      household: [{ name: 'x', relation: 'self', incomeFen: at, health: 'healthy', insurance: 'none', schoolStage: 'none' }, { name: '卫妻', relation: 'spouse', incomeFen: 0 }],
      lines: [],
    });
    const a = (await chairA.post('/api/hardship/archives', body)).body;
    expect(a).toMatchObject({ level: 'relative', figures: { householdSize: 2, incomeFen: at, dibaoYear: 2026, dibaoLineFen: line } });
    expect(a.levelBasis).toMatchObject({ perCapitaMonthlyFen: line, isDeep: false, isRelative: true, dibaoYear: 2026 });
    // the county raises the 2026 line by one fen: the same figures are now below it
    expect((await staff.request('PUT', '/api/hardship/settings/dibao', { lines: { '2025': 79_000, '2026': line + 1 } })).status).toBe(200);
    const edited = await chairA.request('PUT', `/api/hardship/archives/${a.id}`, { ...body, memberId: undefined });
    expect(edited.body).toMatchObject({ level: 'deep', figures: { dibaoLineFen: line + 1 } });
    // a year without its own line uses the latest earlier one
    clock.setToday('2027-03-01');
    expect((await chairA.post('/api/hardship/level-preview', figures(1, 0))).body).toMatchObject({ dibaoYear: 2026, dibaoLineFen: line + 1 });
    clock.reset();
    await staff.request('PUT', '/api/hardship/settings/dibao', { lines: { '2025': 79_000, '2026': line } });
  });
});

describe('the 低保 setting', () => {
  it('is edited by county staff at the root only, with the change audited; bad values name the field', async () => {
    expect((await cadreA.request('PUT', '/api/hardship/settings/dibao', { lines: { '2026': 90_000 } })).status).toBe(403);
    // county staff role held at a township: not the deployment-wide scope
    expect((await staffA.request('PUT', '/api/hardship/settings/dibao', { lines: { '2026': 90_000 } })).status).toBe(403);
    const bad = await staff.request('PUT', '/api/hardship/settings/dibao', { lines: { '2026': 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('低保标准过低');
    const ok = await staff.request('PUT', '/api/hardship/settings/dibao', { lines: { '2025': 79_000, '2026': 82_000, '2027': 85_000 } });
    expect(ok.body).toMatchObject({ lines: { '2027': 85_000 }, current: { year: 2026, lineFen: 82_000 } });
    expect((await chairA.get('/api/hardship/settings/dibao')).body.lines['2027']).toBe(85_000);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'setting').where('entity_id', '=', 'hardship.dibao').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

describe('follow-up lists and the export', () => {
  it('lists archives due for review within 30 days, overdue ones and those never assisted, within scope', async () => {
    const archived = async (name: string, reviewedOn: string, client = chairA, orgId = t.orgs.unionA) => {
      const m = await newMember(t, client, orgId, name);
      const a = (await client.post('/api/hardship/archives', { ...application(m.id), submit: true })).body;
      await t.database.db.updateTable('hardship_archive').set({
        status: 'archived', archive_no: `KN2026-9${a.id}`, archived_on: reviewedOn, last_reviewed_on: reviewedOn,
        next_review_due: `${Number(reviewedOn.slice(0, 4)) + 1}${reviewedOn.slice(4)}`,
      }).where('id', '=', a.id).execute();
      return a.id as number;
    };
    clock.setToday('2026-11-24');
    const due = await archived('甲将到期', '2025-12-10');
    const stale = await archived('甲已逾期', '2025-10-01');
    const fresh = await archived('甲刚复核', '2026-06-01');
    const other = await archived('乙将到期', '2025-12-10', cadreB, t.orgs.unionB);
    await t.database.db.transaction().execute((tx) => markAssisted(tx, fresh, '2026-09-01'));
    const ids = async (client: Client, kind: string) => (await client.get(`/api/hardship/followups?kind=${kind}&pageSize=100`)).body.items.map((i: { id: number }) => i.id);
    expect(await ids(cadreA, 'due')).toEqual([due]);
    expect(await ids(cadreA, 'stale')).toEqual([stale]);
    expect((await ids(cadreA, 'never_assisted')).sort()).toEqual([due, stale].sort());
    expect(await ids(staff, 'due')).toEqual(expect.arrayContaining([due, other]));
    expect(await ids(cadreB, 'due')).toEqual([other]);
  });

  it('exports the archive list with masked ID numbers and yuan amounts, inside the scope', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '甲导出');
    await chairA.post('/api/hardship/archives', { ...application(m.id), submit: true });
    const res = await t.app.inject({ method: 'GET', url: '/api/hardship/archives/export.xlsx?q=甲导出', headers: { cookie: cadreA.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    expect(rows[0]).toEqual(expect.arrayContaining(['职工', '身份证号', '困难类别', '家庭年收入(元)']));
    const row = rows.find((r) => r.includes('甲导出'))!;
    expect(row).toEqual(expect.arrayContaining([`**************${m.idNumber.slice(-4)}`, '深度困难', '25200.00']));
    expect(row.join('|')).not.toContain(m.idNumber);
    const outside = await t.app.inject({ method: 'GET', url: '/api/hardship/archives/export.xlsx?q=甲导出', headers: { cookie: cadreB.cookie } });
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.load(outside.rawPayload as unknown as ArrayBuffer);
    expect(wbB.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('the public objection form', () => {
  it('is rate-limited per address: the sixth objection within ten minutes answers 429', async () => {
    const m = await newMember(t, chairA, t.orgs.unionA, '甲限流');
    const { id } = (await chairA.post('/api/hardship/archives', { ...application(m.id), submit: true })).body;
    for (const step of ['review']) await cadreA.post(`/api/hardship/archives/${id}/${step}`, {});
    await cadreA.post(`/api/hardship/archives/${id}/visit`, { visitDate: clock.today(), visitors: '甲', findings: '属实', conclusion: 'confirmed' });
    await cadreA.post(`/api/hardship/archives/${id}/notice`, {});
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.anonymous.post(`/api/public/hardship/notices/${id}/objections`, { content: `异议${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await t.database.db.selectFrom('hardship_objection').select('id').where('archive_id', '=', id).execute()).toHaveLength(5);
  });
});
