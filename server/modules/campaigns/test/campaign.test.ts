import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { createTestContext, testDbKind, type Client, type TestContext } from '../../../test-support/test-app.js';
import { exportRows, toleratePoolTeardown } from '../../membership/test/helpers.js';

let t: TestContext;
let staff: Client, cadreA: Client, cadreB: Client, chairA: Client, leader: Client;
const person = (seq: number, birth = '1975-05-06') => makeIdNumber('370523', birth, seq);

const editionBody = (over: Record<string, unknown> = {}) => ({
  kind: 'winter_warmth', year: 2027, name: '2027年元旦春节送温暖', budgetFen: 10_000_00, fundSource: 'county_fund',
  rule: { levels: ['deep', 'relative'], amountByLevel: { deep: 100_000, relative: 50_000 } }, standardFen: 50_000,
  startDate: '2026-12-20', endDate: '2027-02-10', ...over,
});

async function newEdition(over: Record<string, unknown> = {}) {
  const res = await staff.post('/api/campaigns/editions', editionBody(over));
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as number;
}

async function nominate(client: Client, editionId: number, seq: number, orgId = t.orgs.unionA, over: Record<string, unknown> = {}) {
  return client.post(`/api/campaigns/editions/${editionId}/nominations`, { name: `职工${seq}号`, idNumber: person(seq), orgId, category: 'migrant', reason: '家庭困难', ...over });
}

beforeAll(async () => {
  t = await createTestContext();
  if (testDbKind === 'postgres') toleratePoolTeardown(t);
  [staff, cadreA, cadreB, chairA, leader] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB'), t.as('chairA'), t.as('leader')]);
});
afterAll(async () => { await t?.close(); });

describe('editions', () => {
  it('creates an edition with its rule, and refuses a bad rule naming the field', async () => {
    const id = await newEdition({ name: '规则测试' });
    const detail = await staff.get(`/api/campaigns/editions/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ name: '规则测试', status: 'draft', budgetFen: 1_000_000, rule: { levels: ['deep', 'relative'], amountByLevel: { deep: 100000 } } });
    const bad = await staff.post('/api/campaigns/editions', editionBody({ name: '坏规则', rule: { levels: ['rich'] } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('活动条件');
    const badKind = await staff.post('/api/campaigns/editions', editionBody({ name: '坏类型', kind: 'xx' }));
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('活动类型');
    const dup = await staff.post('/api/campaigns/editions', editionBody({ name: '规则测试' }));
    expect(dup.status).toBe(409);
  });

  it('is seen by the townships under the organizer, not by a sibling township', async () => {
    const own = (await cadreA.post('/api/campaigns/editions', editionBody({ name: '甲镇自办临时救助', kind: 'temporary_aid' }))).body.id as number;
    expect((await cadreA.get(`/api/campaigns/editions/${own}`)).status).toBe(200);
    expect((await cadreB.get(`/api/campaigns/editions/${own}`)).status).toBe(404);
    const county = await newEdition({ name: '全县可见' });
    expect((await cadreB.get(`/api/campaigns/editions/${county}`)).status).toBe(200);
    const list = await cadreB.get('/api/campaigns/editions?pageSize=100');
    const names = list.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('全县可见');
    expect(names).not.toContain('甲镇自办临时救助');
    // the county's edition is not the township's to edit
    expect((await cadreB.patch(`/api/campaigns/editions/${county}`, { remark: '改' })).status).toBe(404);
  });
});

describe('nominations and the one-entitlement rule', () => {
  it('refuses a bad ID number with 400 naming 身份证号', async () => {
    const id = await newEdition({ name: '校验' });
    const res = await nominate(staff, id, 1, t.orgs.unionA, { idNumber: '37052319750506001X' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('身份证号');
    const noName = await nominate(staff, id, 2, t.orgs.unionA, { name: '' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain('姓名');
  });

  it('refuses a second entitlement of one person in one edition (409, one row), and a cancelled entry frees the slot', async () => {
    const id = await newEdition({ name: '重复' });
    const first = await nominate(cadreA, id, 10);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: '职工10号', amountFen: 50000, status: 'listed', idNumberMasked: expect.stringMatching(/^\*{14}\d{3}[\dX]$/) });
    const again = await nominate(staff, id, 10, t.orgs.unionA, { name: '换个名字' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('每人只能享受一次');
    const rows = await t.database.db.selectFrom('campaign_recipient').select('id').where('edition_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    // the edition moved to 名单
    expect((await staff.get(`/api/campaigns/editions/${id}`)).body.status).toBe('listing');
    const cancel = await cadreA.post(`/api/campaigns/recipients/${first.body.id}/cancel`, { reason: '已迁出本县' });
    expect(cancel.status).toBe(200);
    expect((await nominate(cadreA, id, 10)).status).toBe(201);
  });

  it('lets exactly one of two CONCURRENT requests for the same person through', async () => {
    const id = await newEdition({ name: '并发' });
    const [a, b] = await Promise.all([nominate(staff, id, 20), nominate(cadreA, id, 20)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.message).toContain('该职工已在本期活动名单中');
    const rows = await t.database.db.selectFrom('campaign_recipient').select('id').where('edition_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps a township to its own unions and to the organizer subtree', async () => {
    const id = await newEdition({ name: '范围' });
    expect((await nominate(cadreB, id, 30, t.orgs.unionA)).status).toBe(404);
    const own = (await cadreA.post('/api/campaigns/editions', editionBody({ name: '甲镇夏送清凉', kind: 'summer_cooling' }))).body.id as number;
    // staff may write in townB, but townB is outside the township's own edition
    const outside = await nominate(staff, own, 31, t.orgs.unionB);
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain('不在本次活动的组织范围');
    // a grassroots chair reads but does not nominate
    expect((await nominate(chairA, id, 32)).status).toBe(403);
  });
});

describe('yearly cap across campaigns', () => {
  it('is checked per person under a lock: two concurrent additions over the cap → one passes', async () => {
    expect((await cadreA.put('/api/campaigns/settings', { yearlyCapFen: 150_000 })).status).toBe(403);
    expect((await staff.put('/api/campaigns/settings', { yearlyCapFen: 150_000 })).status).toBe(200);
    try {
      const e1 = await newEdition({ name: '上限一', year: 2031 });
      const e2 = await newEdition({ name: '上限二', year: 2031, kind: 'medical_aid' });
      const [a, b] = await Promise.all([
        nominate(staff, e1, 40, t.orgs.unionA, { amountFen: 100_000 }),
        nominate(cadreA, e2, 40, t.orgs.unionA, { amountFen: 100_000 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect((a.status === 409 ? a : b).body.error.message).toContain('超过年度帮扶上限');
      const rows = await t.database.db.selectFrom('campaign_recipient').innerJoin('campaign_edition as e', 'e.id', 'campaign_recipient.edition_id')
        .select('campaign_recipient.id').where('e.year', '=', 2031).where('campaign_recipient.status', '<>', 'cancelled').execute();
      expect(rows).toHaveLength(1);
      // under the cap still passes; another year is another budget
      expect((await nominate(staff, e2, 40, t.orgs.unionA, { amountFen: 50_000 })).status).toBe(a.status === 201 ? 201 : 409);
      const e3 = await newEdition({ name: '上限三', year: 2032 });
      expect((await nominate(staff, e3, 40, t.orgs.unionA, { amountFen: 100_000 })).status).toBe(201);
    } finally {
      await staff.put('/api/campaigns/settings', { yearlyCapFen: null });
    }
  });
});

describe('approval and distribution', () => {
  let id: number;
  let rA: number, rB: number;
  beforeAll(async () => {
    id = await newEdition({ name: '审批发放', budgetFen: 120_000 });
    rA = (await nominate(cadreA, id, 50)).body.id;
    rB = (await nominate(cadreB, id, 51, t.orgs.unionB)).body.id;
  });

  it('refuses to distribute before approval', async () => {
    const res = await cadreA.post(`/api/campaigns/recipients/${rA}/distribution`, { method: 'cash', receivedBy: '职工50号' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('尚未审批');
  });

  it('only the approvers approve, within the budget', async () => {
    expect((await chairA.post(`/api/campaigns/editions/${id}/approve`, {})).status).toBe(403);
    expect((await cadreA.post(`/api/campaigns/editions/${id}/approve`, {})).status).toBe(403);
    const third = await nominate(staff, id, 52);
    const over = await staff.post(`/api/campaigns/editions/${id}/approve`, {});
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain('超出预算');
    expect(over.body.error.message).toContain('审批后合计1500.00元，预算1200.00元');
    const still = await t.database.db.selectFrom('campaign_recipient').select('status').where('edition_id', '=', id).execute();
    expect(still.every((r) => r.status === 'listed')).toBe(true);
    expect((await staff.post(`/api/campaigns/recipients/${third.body.id}/cancel`, { reason: '重复申报' })).status).toBe(200);
    const ok = await staff.post(`/api/campaigns/editions/${id}/approve`, {});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ approved: 2, amountFen: 100_000, totalApprovedFen: 100_000 });
    const logged = await t.database.db.selectFrom('audit_log').select('summary').where('entity', '=', 'campaign_edition').where('entity_id', '=', String(id)).where('action', '=', 'approve').execute();
    expect(logged).toHaveLength(1);
  });

  it('records one receipt per recipient; the other township cannot touch it', async () => {
    expect((await cadreB.post(`/api/campaigns/recipients/${rA}/distribution`, { method: 'cash', receivedBy: '职工50号' })).status).toBe(404);
    const bad = await cadreA.post(`/api/campaigns/recipients/${rA}/distribution`, { method: 'transfer', receivedBy: '职工50号' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('转账');
    const res = await cadreA.post(`/api/campaigns/recipients/${rA}/distribution`, { method: 'goods', goods: '米面油一套', receivedBy: '李桂芝', relation: 'spouse', receivedOn: '2026-01-10' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount_fen: 50000, relation: 'spouse', method: 'goods' });
    const twice = await cadreA.post(`/api/campaigns/recipients/${rA}/distribution`, { method: 'cash', receivedBy: '职工50号' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('不能重复发放');
    const rows = await t.database.db.selectFrom('campaign_distribution').select('id').where('recipient_id', '=', rA).execute();
    expect(rows).toHaveLength(1);
    // cadreB reads only its own township's recipients
    const listB = await cadreB.get(`/api/campaigns/recipients?editionId=${id}`);
    expect(listB.body.items.map((i: { id: number }) => i.id)).toEqual([rB]);
    expect((await t.database.db.selectFrom('campaign_recipient').select('status').where('id', '=', rA).executeTakeFirstOrThrow()).status).toBe('distributed');
  });

  it('totals against the budget, by township', async () => {
    const detail = (await staff.get(`/api/campaigns/editions/${id}`)).body;
    expect(detail.status).toBe('distributing');
    expect(detail.totals).toMatchObject({ budgetFen: 120_000, recipients: 2, approved: 2, approvedFen: 100_000, distributed: 1, distributedFen: 50_000, remainingFen: 20_000 });
    const byOrg = Object.fromEntries(detail.totals.byOrg.map((o: { orgName: string; recipients: number; distributedFen: number }) => [o.orgName, [o.recipients, o.distributedFen]]));
    expect(byOrg).toEqual({ 甲镇总工会: [1, 50_000], 乙镇总工会: [1, 0] });
    expect(detail.timeline.map((s: { action: string }) => s.action)).toEqual(['create', 'approve']);
    // a township sees its part
    const a = (await cadreA.get(`/api/campaigns/editions/${id}`)).body;
    expect(a.totals).toMatchObject({ recipients: 1, distributedFen: 50_000 });
  });

  it('exports recipients and distributions masked', async () => {
    const rec = await exportRows(t, staff, `/api/campaigns/recipients/export.xlsx?editionId=${id}`);
    expect(rec.status).toBe(200);
    expect(rec.rows[0]).toContain('身份证号');
    expect(rec.rows.length).toBe(4); // the cancelled one stays on record
    expect(rec.rows.map((r) => r[7])).toEqual(expect.arrayContaining(['已取消', '已发放', '已审批']));
    const full = person(50);
    expect(JSON.stringify(rec.rows)).not.toContain(full);
    const dist = await exportRows(t, staff, `/api/campaigns/distributions/export.xlsx?editionId=${id}`);
    expect(dist.rows.length).toBe(2);
    expect(dist.rows[1]).toEqual(expect.arrayContaining(['职工50号', '李桂芝', '配偶', '实物', '米面油一套', '500.00']));
  });

  it('publishes a 公示 list that never holds a full name or ID number', async () => {
    const pub = await t.anonymous.get(`/api/public/campaigns/${id}/gongshi`);
    expect(pub.status).toBe(200);
    expect(pub.body.items).toHaveLength(2);
    const strings: string[] = [];
    const walk = (v: unknown) => { if (typeof v === 'string') strings.push(v); else if (v && typeof v === 'object') Object.values(v).forEach(walk); };
    walk(pub.body);
    for (const s of strings) {
      expect(s).not.toMatch(/^职工5\d号$/);
      expect(s).not.toMatch(/\d{15,}/);
    }
    expect(pub.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['职***号', '职***号']);
    expect(pub.body.items[0].idNumber).toMatch(/^\*{14}/);
    // an edition still being drawn up is not public
    const draft = await newEdition({ name: '未审批不公示' });
    expect((await t.anonymous.get(`/api/public/campaigns/${draft}/gongshi`)).status).toBe(404);
    expect((await t.anonymous.get('/api/public/campaigns')).body.items.map((i: { id: number }) => i.id)).toContain(id);
  });

  it('shows the payment on the member\'s assistance page', async () => {
    const m = await staff.post('/api/members', { orgId: t.orgs.unionA, name: '会员甲', idNumber: person(60, '1980-02-03') });
    expect(m.status).toBe(201);
    const memberId = m.body.member.id as number;
    const e = await newEdition({ name: '会员发放', kind: 'autumn_tuition', standardFen: 300_000 });
    const r = await staff.post(`/api/campaigns/editions/${e}/nominations`, { memberId, category: 'other', reason: '子女考入大学' });
    expect(r.status).toBe(201);
    expect(r.body.name).toBe('会员甲');
    await staff.post(`/api/campaigns/editions/${e}/approve`, {});
    expect((await staff.post(`/api/campaigns/recipients/${r.body.id}/distribution`, { method: 'transfer', transferRef: 'ZZ2027001', receivedBy: '会员甲' })).status).toBe(201);
    const a = await cadreA.get(`/api/members/${memberId}/assistance`);
    expect(a.status).toBe(200);
    expect(a.body.payments).toHaveLength(1);
    expect(a.body.payments[0]).toMatchObject({ editionName: '会员发放', kindLabel: '金秋助学', amountFen: 300_000, status: 'distributed', method: 'transfer' });
    expect(a.body.totals[0]).toMatchObject({ year: 2027, paidFen: 300_000 });
    expect((await cadreB.get(`/api/members/${memberId}/assistance`)).status).toBe(404);
    expect((await leader.get(`/api/members/${memberId}/assistance`)).status).toBe(403);
  });
});

describe('nominations import', () => {
  async function workbook(rows: unknown[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('提名');
    ws.addRow(['2027年送温暖提名名单']);
    ws.addRow(['序号', '姓名', '身份证号码', '所属工会', '对象类别', '困难情况']);
    rows.forEach((r) => ws.addRow(r));
    ws.addRow(['合计']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  async function upload(client: Client, editionId: number, file: Buffer, mode: string) {
    const boundary = '----campaign' + mode;
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(part('mode', mode)),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/api/campaigns/editions/${editionId}/nominations/import`, payload: body,
      headers: { cookie: client.cookie, 'x-requested-with': 'gonghui', 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }

  it('dry-runs with a per-row outcome, reports, then commits the valid rows', async () => {
    const id = await newEdition({ name: '导入' });
    expect((await nominate(cadreA, id, 70)).status).toBe(201);
    const file = await workbook([
      [1, '王 五', person(71), '甲镇某机械有限公司工会', '困难农民工', '工伤'],
      [2, '赵六', '370523197505060000', '甲镇某机械有限公司工会', '', ''],
      [3, '孙七', person(70), '', '单亲困难职工', ''],
      [4, '周八', person(72), '乙镇某化工有限公司工会', '', ''],
      [5, '吴九', person(71), '', '', ''],
    ]);
    const dry = await upload(cadreA, id, file, 'dry-run');
    expect(dry.statusCode).toBe(200);
    const body = dry.json();
    expect(body.counts).toMatchObject({ rows: 5, new: 1, unchanged: 1, error: 3, skipped: 1 });
    const byRow = Object.fromEntries(body.rows.map((r: { rowNumber: number; outcome: string; messages: string[] }) => [r.rowNumber, [r.outcome, r.messages.join('；')]]));
    expect(byRow[3]).toEqual(['new', '']);
    expect(byRow[4][0]).toBe('error');
    expect(byRow[4][1]).toContain('身份证号码：校验位错误');
    expect(byRow[5]).toEqual(['unchanged', '已在本期活动名单中']);
    expect(byRow[6][1]).toContain('所属工会');
    expect(byRow[7][1]).toContain('与第3行重复');
    expect(JSON.stringify(body.rows)).not.toContain(person(71));
    expect(await t.database.db.selectFrom('campaign_recipient').select('id').where('edition_id', '=', id).execute()).toHaveLength(1);

    const report = await upload(cadreA, id, file, 'report');
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const first = wb.worksheets[0].getRow(2).values as unknown[];
    expect(first.slice(1, 3)).toEqual([4, '错误']);

    const commit = await upload(cadreA, id, file, 'commit');
    expect(commit.statusCode).toBe(201);
    expect(commit.json()).toMatchObject({ added: 1 });
    const rows = await t.database.db.selectFrom('campaign_recipient').select(['name', 'category', 'source', 'id_number_last4']).where('edition_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => r.name)).toEqual(['职工70号', '王五']);
    expect(rows[1]).toMatchObject({ category: 'migrant', source: 'nomination', id_number_last4: person(71).slice(-4) });
    // the same file again adds nobody
    const again = await upload(cadreA, id, file, 'dry-run');
    expect(again.json().counts).toMatchObject({ new: 0, unchanged: 2 });
  });
});
