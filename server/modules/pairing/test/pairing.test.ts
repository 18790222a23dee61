import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { clock } from '../../../platform/clock.js';
import { visitsOfMember } from '../pairing.service.js';
import { household, multipart, tinyPng } from './helpers.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let chairA: Client;
let roundId: number;
let cadreAUserId: number;
type Household = Awaited<ReturnType<typeof household>>;
const h = {} as Record<'a1' | 'a2' | 'a3' | 'applied' | 'b1', Household>;

beforeAll(async () => {
  t = await createTestContext();
  [staff, cadreA, cadreB, chairA] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB'), t.as('chairA')]);
  h.a1 = await household(t, t.orgs.unionA, '赵大成');
  h.a2 = await household(t, t.orgs.unionA, '钱二妹');
  h.a3 = await household(t, t.orgs.unionA, '孙三强');
  h.applied = await household(t, t.orgs.unionA, '李四海', 'applied');
  h.b1 = await household(t, t.orgs.unionB, '周五福');
  cadreAUserId = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'cadreA').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });
afterEach(() => { clock.reset(); });

const pair = (body: Record<string, unknown>, client = cadreA) => client.post('/api/pairing/pairs', {
  roundId, helperKind: 'cadre', startDate: '2025-06-01', ...body,
});
const visit = (pairId: number, body: Record<string, unknown> = {}, client = cadreA) => client.post(`/api/pairing/pairs/${pairId}/visits`, {
  visitedOn: '2025-07-01', visitParty: '测试cadreA', visitKinds: ['condolence'], ...body,
});
const upload = (client: Client, visitId: number, name: string, content: Buffer) => {
  const body = multipart('file', name, content);
  return client.request('POST', `/api/pairing/visits/${visitId}/photos`, body.payload, { 'content-type': body.contentType });
};

describe('rounds', () => {
  it('the county opens 第三轮 as its current round; a township cadre sees it', async () => {
    const res = await staff.post('/api/pairing/rounds', { name: '第三轮', startDate: '2025-03-01', endDate: '2027-12-31', isCurrent: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ org_id: t.orgs.root, name: '第三轮', is_current: true });
    roundId = res.body.id;
    const seen = await cadreA.get('/api/pairing/rounds');
    expect(seen.body.items.map((r: { name: string }) => r.name)).toContain('第三轮');
    const dup = await staff.post('/api/pairing/rounds', { name: '第三轮', startDate: '2025-03-01' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('同名结对轮次');
  });

  it('one current round per organizing federation: making another current retires the first', async () => {
    const second = await staff.post('/api/pairing/rounds', { name: '第二轮', startDate: '2021-03-01', endDate: '2024-12-31' });
    expect(second.status).toBe(201);
    expect((await staff.patch(`/api/pairing/rounds/${second.body.id}`, { isCurrent: true })).status).toBe(200);
    const rows = await t.database.db.selectFrom('pairing_round').select(['name', 'is_current']).orderBy('id').execute();
    expect(rows).toEqual([{ name: '第三轮', is_current: false }, { name: '第二轮', is_current: true }]);
    expect((await staff.patch(`/api/pairing/rounds/${roundId}`, { isCurrent: true })).status).toBe(200);
    // a township cadre cannot change the county's round: it is not theirs (404)
    expect((await cadreA.patch(`/api/pairing/rounds/${roundId}`, { remark: '改' })).status).toBe(404);
  });
});

describe('pair creation rules', () => {
  let firstId: number;

  it('pairs an archived household with a cadre: scope owner is the filing union, phone sealed, audited', async () => {
    const res = await pair({ archiveId: h.a1.archiveId, helperUserId: cadreAUserId, helperPosition: '副主席', helperUnit: '甲镇总工会', contactPhone: '13905461234', goals: '帮助配偶就医，子女完成学业' });
    expect(res.status).toBe(201);
    firstId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'active', household: { archiveId: h.a1.archiveId, memberId: h.a1.memberId, workerName: '赵大成', orgId: t.orgs.unionA },
      helper: { kind: 'cadre', name: '测试cadreA', position: '副主席', contactPhone: '*******1234' },
    });
    const row = await t.database.db.selectFrom('pairing').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
    expect(row.org_id).toBe(t.orgs.unionA);
    expect(row.member_id).toBe(h.a1.memberId);
    expect(row.contact_phone_last4).toBe('1234');
    expect(row.contact_phone_enc!.toString('latin1')).not.toContain('13905461234');
    const logged = await t.database.db.selectFrom('audit_log').select('summary').where('entity', '=', 'pairing').where('entity_id', '=', String(firstId)).execute();
    expect(logged.map((l) => l.summary).join()).toContain('赵大成');
  });

  it('refuses a household that is not archived', async () => {
    const res = await pair({ archiveId: h.applied.archiveId, helperName: '王干部' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('只能为已建档的困难职工家庭结对');
    expect(await t.database.db.selectFrom('pairing').select('id').where('archive_id', '=', h.applied.archiveId).execute()).toEqual([]);
  });

  it('one active pair per household per round → 409, in the service and in the database', async () => {
    const res = await pair({ archiveId: h.a1.archiveId, helperName: '王干部' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('已有结对');
    // the partial unique index holds even when the service's check is bypassed
    const row = await t.database.db.selectFrom('pairing').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(t.database.db.insertInto('pairing').values({ ...copy, created_at: new Date(), updated_at: new Date() }).execute())
      .rejects.toMatchObject({ code: '23505' });
  });

  it('refuses a household outside the caller\'s scope, bad dates and a unit without a name, naming the field', async () => {
    const outside = await pair({ archiveId: h.b1.archiveId, helperName: '王干部' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields.archiveId).toContain('困难职工档案');
    const future = await pair({ archiveId: h.a2.archiveId, helperName: '王干部', startDate: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields.startDate).toMatch(/^开始日期：/);
    const early = await pair({ archiveId: h.a2.archiveId, helperName: '王干部', startDate: '2024-01-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.startDate).toContain('第三轮');
    const unnamed = await pair({ archiveId: h.a2.archiveId, helperKind: 'unit' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields.helperName).toContain('单位名称');
    const phone = await pair({ archiveId: h.a2.archiveId, helperName: '王干部', contactPhone: '12345' });
    expect(phone.status).toBe(400);
    expect(phone.body.error.fields.contactPhone).toContain('手机号码');
  });

  it('a unit pairs too (单位结对); a grassroots chair reads pairs but cannot make one', async () => {
    const unit = await pair({ archiveId: h.a2.archiveId, helperKind: 'unit', helperName: '县人力资源和社会保障局', contactName: '办公室', contactPhone: '13905469999' });
    expect(unit.status).toBe(201);
    expect(unit.body.helper).toMatchObject({ kind: 'unit', kindLabel: '单位结对', name: '县人力资源和社会保障局', position: null });
    expect((await chairA.get(`/api/pairing/pairs/${unit.body.id}`)).status).toBe(200);
    expect((await pair({ archiveId: h.a3.archiveId, helperName: '王干部' }, chairA)).status).toBe(403);
  });

  it('after the pair ends, the household may be paired again in the same round', async () => {
    const ended = await cadreA.post(`/api/pairing/pairs/${firstId}/end`, { endedOn: '2025-12-31', endReason: '干部岗位调整', resultOutcome: 'improved', resultText: '配偶病情稳定' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedOn: '2025-12-31', result: { outcome: 'improved', outcomeLabel: '好转' } });
    const again = await pair({ archiveId: h.a1.archiveId, helperName: '钱干部', startDate: '2026-01-05' });
    expect(again.status).toBe(201);
    const twice = await cadreA.post(`/api/pairing/pairs/${firstId}/end`, { endedOn: '2025-12-31', endReason: '再次' });
    expect(twice.status).toBe(409);
    // a visit to an ended pair is refused
    const late = await visit(firstId, { visitedOn: '2026-01-10' });
    expect(late.status).toBe(409);
  });
});

describe('visits and photos', () => {
  let pairId: number;
  let visitId: number;
  let photoId: number;

  beforeAll(async () => {
    const res = await pair({ archiveId: h.a3.archiveId, helperName: '孙干部', startDate: '2025-06-01' });
    pairId = res.body.id;
  });

  it('refuses a visit dated in the future, naming 走访日期, and one before the pair began', async () => {
    const tomorrow = new Date(Date.parse(`${clock.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await visit(pairId, { visitedOn: tomorrow });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain('走访日期');
    expect(future.body.error.fields.visitedOn).toBe('走访日期：不能晚于今天');
    const early = await visit(pairId, { visitedOn: '2025-05-31' });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.visitedOn).toContain('结对开始日期');
    const noKinds = await visit(pairId, { visitKinds: [] });
    expect(noKinds.status).toBe(400);
    expect(noKinds.body.error.message).toContain('走访内容');
    const badAmount = await visit(pairId, { amountFen: -5 });
    expect(badAmount.status).toBe(400);
    expect(await t.database.db.selectFrom('pairing_visit').select('id').where('pairing_id', '=', pairId).execute()).toEqual([]);
  });

  it('records a visit with goods worth 500.00 元 and shows it on the pair\'s timeline', async () => {
    const res = await visit(pairId, { visitedOn: '2025-07-01', visitKinds: ['condolence', 'goods'], amountFen: 50000, note: '送米面油' });
    expect(res.status).toBe(201);
    visitId = res.body.id;
    const detail = await cadreA.get(`/api/pairing/pairs/${pairId}`);
    expect(detail.body.visits).toEqual([expect.objectContaining({ id: visitId, visitDate: '2025-07-01', kindLabels: ['慰问', '送物资'], amountFen: 50000, note: '送米面油', photos: [] })]);
    expect(detail.body.timeline.map((s: { comment: string }) => s.comment).join()).toContain('2025-07-01 走访');
  });

  it('uploads a photo (sealed at rest) and serves it back as the image it was', async () => {
    const res = await upload(cadreA, visitId, '入户走访.png', tinyPng);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '入户走访.png', mime: 'image/png', size: tinyPng.length });
    photoId = res.body.id;
    const stored = await t.database.db.selectFrom('stored_file').selectAll().where('id', '=', photoId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ owner_entity: 'pairing_visit', owner_id: visitId, org_id: t.orgs.unionA });
    expect(Buffer.from(stored.content).includes(tinyPng.subarray(0, 8))).toBe(false);
    const got = await t.app.inject({ method: 'GET', url: `/api/pairing/photos/${photoId}`, headers: { cookie: chairA.cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(tinyPng)).toBe(true);
    const detail = await cadreA.get(`/api/pairing/pairs/${pairId}`);
    expect(detail.body.visits[0].photos).toEqual([expect.objectContaining({ id: photoId, name: '入户走访.png' })]);
  });

  it('refuses what is not a JPG or PNG image, and a photo over 5MB', async () => {
    const text = await upload(cadreA, visitId, 'photo.png', Buffer.from('not an image at all'));
    expect(text.status).toBe(400);
    expect(text.body.error.fields.file).toContain('JPG 或 PNG');
    const pdf = await upload(cadreA, visitId, 'scan.pdf', Buffer.from('%PDF-1.7\n%…'));
    expect(pdf.status).toBe(400);
    const big = Buffer.concat([tinyPng, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(cadreA, visitId, 'big.png', big);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.fields.file).toContain('5MB');
    const count = await t.database.db.selectFrom('stored_file').select('id').where('owner_entity', '=', 'pairing_visit').where('owner_id', '=', visitId).execute();
    expect(count).toHaveLength(1);
  });

  it('another township gets 404 for the pair, its photo, its upload and its rows in lists and exports', async () => {
    expect((await cadreB.get(`/api/pairing/pairs/${pairId}`)).status).toBe(404);
    expect((await cadreB.get(`/api/pairing/photos/${photoId}`)).status).toBe(404);
    expect((await cadreB.delete(`/api/pairing/photos/${photoId}`)).status).toBe(404);
    expect((await upload(cadreB, visitId, 'x.png', tinyPng)).status).toBe(404);
    expect((await visit(pairId, {}, cadreB)).status).toBe(404);
    const list = await cadreB.get('/api/pairing/pairs?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(0);
    const noVisit = await cadreB.get('/api/pairing/no-visit?pageSize=100');
    expect(noVisit.body.total).toBe(0);
    const exported = await cadreB.get('/api/pairing/pairs/export.xlsx');
    expect(exported.status).toBe(200);
    expect(exported.raw).not.toContain('孙三强');
    // a township filter outside the scope is a 404, as its records would be
    expect((await cadreB.get(`/api/pairing/pairs?township=${t.orgs.townA}`)).status).toBe(404);
  });

  it('a photo is deleted by the pair\'s keepers, audited', async () => {
    const extra = await upload(cadreA, visitId, 'second.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]));
    expect(extra.status).toBe(201);
    expect(extra.body.mime).toBe('image/jpeg');
    expect((await cadreA.delete(`/api/pairing/photos/${extra.body.id}`)).status).toBe(200);
    expect((await cadreA.get(`/api/pairing/photos/${extra.body.id}`)).status).toBe(404);
    const logged = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'pairing').where('entity_id', '=', String(pairId)).execute();
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'visit', 'photo', 'photo_delete']));
  });

  it('the member page reads the household\'s visits through visitsOfMember, within scope', async () => {
    const paths = await t.database.db.selectFrom('org').select(['id', 'path']).execute();
    const pathOf = (id: number) => paths.find((p) => p.id === id)!.path;
    const seen = await visitsOfMember(t.database.db, [pathOf(t.orgs.townA)], h.a3.memberId);
    expect(seen).toEqual([expect.objectContaining({ date: '2025-07-01', helper: '孙干部', kinds: ['慰问', '送物资'], amountFen: 50000, round: '第三轮' })]);
    expect(await visitsOfMember(t.database.db, [pathOf(t.orgs.townB)], h.a3.memberId)).toEqual([]);
  });

  it('records the results and ends the pair; an end before the last visit is refused', async () => {
    const result = await cadreA.put(`/api/pairing/pairs/${pairId}/result`, { resultOutcome: 'out_of_hardship', resultText: '妻子再就业，家庭收入超过低保线两倍' });
    expect(result.status).toBe(200);
    expect(result.body.result).toEqual({ outcome: 'out_of_hardship', outcomeLabel: '已脱困', text: '妻子再就业，家庭收入超过低保线两倍' });
    const early = await cadreA.post(`/api/pairing/pairs/${pairId}/end`, { endedOn: '2025-06-30', endReason: '已脱困' });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.endedOn).toContain('最近一次走访');
    const noReason = await cadreA.post(`/api/pairing/pairs/${pairId}/end`, { endedOn: '2025-08-01', endReason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('结束原因');
  });
});

describe('lists and the no-visit-this-quarter list at quarter edges', () => {
  let edgeId: number;

  beforeAll(async () => {
    const res = await pair({ archiveId: h.a2.archiveId, helperName: '边界干部', startDate: '2025-06-01' }, staff);
    // a2 already has the unit pair: end it first, then pair again
    if (res.status === 409) {
      const existing = await staff.get(`/api/pairing/pairs?q=${encodeURIComponent('钱二妹')}&status=active`);
      await staff.post(`/api/pairing/pairs/${existing.body.items[0].id}/end`, { endedOn: '2025-06-01', endReason: '改为干部结对' });
      edgeId = (await pair({ archiveId: h.a2.archiveId, helperName: '边界干部', startDate: '2025-06-01' }, staff)).body.id;
    } else {
      edgeId = res.body.id;
    }
  });

  const noVisitIds = async () => (await cadreA.get('/api/pairing/no-visit?pageSize=200')).body.items.map((i: { id: number }) => i.id) as number[];

  it('a visit on the quarter\'s last day counts for that quarter only', async () => {
    clock.setToday('2026-09-30');
    expect(await noVisitIds()).toContain(edgeId);
    expect((await visit(edgeId, { visitedOn: '2026-09-30' }, staff)).status).toBe(201);
    expect(await noVisitIds()).not.toContain(edgeId);
    const summary = await cadreA.get('/api/pairing/no-visit/summary');
    expect(summary.body.quarter).toEqual({ label: '2026年第3季度', start: '2026-07-01', end: '2026-09-30' });
    expect(summary.body.townships).toEqual([expect.objectContaining({ townshipId: t.orgs.townA, townshipName: '甲镇总工会' })]);
    expect(summary.body.total.visited).toBe(1);

    clock.setToday('2026-10-01');
    expect(await noVisitIds()).toContain(edgeId);
    const q4 = await cadreA.get('/api/pairing/no-visit/summary');
    expect(q4.body.quarter.label).toBe('2026年第4季度');
    expect(q4.body.total.visited).toBe(0);
  });

  it('a visit on the first day of a quarter takes the pair off the list until the next quarter', async () => {
    clock.setToday('2026-10-01');
    expect((await visit(edgeId, { visitedOn: '2026-10-01' }, staff)).status).toBe(201);
    expect(await noVisitIds()).not.toContain(edgeId);
    clock.setToday('2026-12-31');
    expect(await noVisitIds()).not.toContain(edgeId);
    clock.setToday('2027-01-01');
    expect(await noVisitIds()).toContain(edgeId);
    const row = (await cadreA.get('/api/pairing/no-visit?pageSize=200')).body.items.find((i: { id: number }) => i.id === edgeId);
    expect(row).toMatchObject({ workerName: '钱二妹', townshipName: '甲镇总工会', lastVisit: '2026-10-01', visitCount: 2 });
  });

  it('ended pairs never appear on the no-visit list', async () => {
    const ended = (await cadreA.get('/api/pairing/pairs?status=ended&pageSize=100')).body.items.map((i: { id: number }) => i.id);
    expect(ended.length).toBeGreaterThan(0);
    const listed = await noVisitIds();
    for (const id of ended) expect(listed).not.toContain(id);
  });

  it('filters the pairs list and exports it with masked phones', async () => {
    const units = await cadreA.get('/api/pairing/pairs?helperKind=unit&pageSize=100');
    expect(units.body.items.every((i: { helperKind: string }) => i.helperKind === 'unit')).toBe(true);
    expect(units.body.total).toBeGreaterThan(0);
    const byName = await cadreA.get(`/api/pairing/pairs?q=${encodeURIComponent('边界')}`);
    expect(byName.body.items.map((i: { id: number }) => i.id)).toEqual([edgeId]);
    const town = await staff.get(`/api/pairing/pairs?township=${t.orgs.townA}&roundId=${roundId}&pageSize=100`);
    expect(town.body.total).toBe((await staff.get('/api/pairing/pairs?pageSize=100')).body.total);
    const res = await t.app.inject({ method: 'GET', url: '/api/pairing/pairs/export.xlsx', headers: { cookie: staff.cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).join('|'));
    expect(rows[0]).toContain('结对干部(单位)');
    const unitRow = rows.find((r) => r.includes('县人力资源和社会保障局'))!;
    expect(unitRow).toContain('*******9999');
    expect(unitRow).not.toContain('13905469999');
    const noVisit = await staff.get('/api/pairing/no-visit/export.xlsx');
    expect(noVisit.status).toBe(200);
  });

  it('reveals a contact phone in full only through the audited path', async () => {
    const res = await cadreA.post(`/api/pairing/pairs/${edgeId}/reveal-phone`);
    expect(res.status).toBe(404); // no phone on this pair
    const unit = (await cadreA.get('/api/pairing/pairs?helperKind=unit&pageSize=1')).body.items[0];
    const shown = await cadreA.post(`/api/pairing/pairs/${unit.id}/reveal-phone`);
    expect(shown.body).toEqual({ phone: '13905469999' });
    const logged = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'pairing').where('entity_id', '=', String(unit.id)).where('action', '=', 'reveal').execute();
    expect(logged).toHaveLength(1);
  });
});
