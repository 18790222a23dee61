import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { exportRows, toleratePoolTeardown } from './helpers.js';

let t: TestContext;
let staff: Client;
let cadreA: Client;
let cadreB: Client;
let chairA: Client;
let employerA: number;
let employerB: number;
let seq = 300;

const newMember = async (name: string, orgId = t.orgs.unionA, client?: Client) => {
  const res = await (client ?? chairA).post('/api/members', { orgId, name, idNumber: makeIdNumber('370523', '1985-08-08', ++seq), employerId: orgId === t.orgs.unionA ? employerA : employerB });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.member.id as number;
};
const memberRow = (id: number) => t.database.db.selectFrom('member').select(['org_id', 'employer_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestContext();
  toleratePoolTeardown(t);
  [staff, cadreA, cadreB, chairA] = await Promise.all([t.as('staff'), t.as('cadreA'), t.as('cadreB'), t.as('chairA')]);
  employerA = (await cadreA.post('/api/employers', { orgId: t.orgs.unionA, name: '甲镇某机械有限公司', ownership: 'private', industry: 'C', employeeCount: 50, coveringUnionId: t.orgs.unionA })).body.id;
  employerB = (await cadreB.post('/api/employers', { orgId: t.orgs.unionB, name: '乙镇某化工有限公司', ownership: 'state', industry: 'C', employeeCount: 80, coveringUnionId: t.orgs.unionB })).body.id;
});
afterAll(async () => { await t?.close(); });

describe('会员关系接转', () => {
  it('is started by the sending union towards a union outside its scope, known by name only', async () => {
    const targets = await chairA.get('/api/transfers/targets?q=化工');
    expect(targets.body.items).toEqual([{ id: t.orgs.unionB, name: '乙镇某化工有限公司工会' }]);
    const memberId = await newMember('周转');
    const res = await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB, reason: '工作调动' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending', reason: '工作调动', direction: 'outgoing', actions: ['cancel'],
      from: { id: t.orgs.unionA, name: '甲镇某机械有限公司工会', employerName: '甲镇某机械有限公司' }, to: { id: t.orgs.unionB, name: '乙镇某化工有限公司工会' },
      member: { id: memberId, name: '周转' },
    });
    expect(res.body.timeline).toEqual([expect.objectContaining({ step: 'request', actor: '测试chairA', comment: '工作调动' })]);
    // the receiver sees it as incoming, with what it needs to decide
    const incoming = await cadreB.get('/api/transfers?direction=incoming&status=pending');
    expect(incoming.body.items.map((i: { id: number }) => i.id)).toEqual([res.body.id]);
    expect(incoming.body.items[0]).toMatchObject({ direction: 'incoming', actions: ['accept', 'refuse'], member: { name: '周转', birthDate: '1985-08-08' } });
    expect(incoming.body.items[0].member.idNumber).toMatch(/^\*{14}[\dX]{4}$/);
    expect((await cadreB.get('/api/transfers?direction=outgoing')).body.items).toEqual([]);
    expect((await chairA.get('/api/transfers?direction=outgoing')).body.items.map((i: { id: number }) => i.id)).toEqual([res.body.id]);
    // the receiver cannot open the member itself until it accepts
    expect((await cadreB.get(`/api/members/${memberId}`)).status).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'org_id']).where('entity', '=', 'member_transfer').execute();
    expect(audit).toEqual([{ action: 'transfer_request', org_id: t.orgs.unionA }]);
  });

  it('refuses a second pending transfer for the same member (the database constraint decides)', async () => {
    const memberId = await newMember('吴二');
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).status).toBe(201);
    const second = await staff.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB, reason: '再次申请' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe('该会员已有一项待接收的会员关系接转，请等待接收方处理或先撤回');
    // the partial unique index itself refuses a second pending row, whoever writes it
    await expect(t.database.db.insertInto('member_transfer').values({ member_id: memberId, from_org_id: t.orgs.unionA, to_org_id: t.orgs.townB }).execute())
      .rejects.toMatchObject({ code: '23505' });
    expect((await t.database.db.selectFrom('member_transfer').select('id').where('member_id', '=', memberId).execute())).toHaveLength(1);
  });

  it('checks the receiving union', async () => {
    const memberId = await newMember('郑三');
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionA })).body.error.fields.toOrgId).toBeDefined();
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.townB })).body.error.fields.toOrgId).toContain('基层工会');
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: 999999 })).body.error.fields.toOrgId).toContain('不存在');
  });

  it('needs a reason to refuse; the refusal ends it and the member stays', async () => {
    const memberId = await newMember('王拒');
    const started = await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB });
    const id = started.body.id;
    const noReason = await cadreB.post(`/api/transfers/${id}/refuse`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBeDefined();
    const blank = await cadreB.post(`/api/transfers/${id}/refuse`, { reason: '   ' });
    expect(blank.status).toBe(400);
    // the sender cannot decide for the receiver
    expect((await chairA.post(`/api/transfers/${id}/refuse`, { reason: '自己拒绝' })).status).toBe(404);
    const refused = await cadreB.post(`/api/transfers/${id}/refuse`, { reason: '该职工未在本单位就业' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionNote: '该职工未在本单位就业', decidedBy: '测试cadreB' });
    expect(refused.body.timeline.map((s: { step: string }) => s.step)).toEqual(['request', 'refused']);
    expect(await memberRow(memberId)).toEqual({ org_id: t.orgs.unionA, employer_id: employerA, status: 'active' });
    expect((await cadreB.post(`/api/transfers/${id}/accept`, {})).status).toBe(409);
    // a refused transfer no longer blocks a new one
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).status).toBe(201);
  });

  it('may be cancelled by the sender while pending, not by the receiver', async () => {
    const memberId = await newMember('冯撤');
    const id = (await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).body.id;
    expect((await cadreB.post(`/api/transfers/${id}/cancel`, {})).status).toBe(404);
    const cancelled = await chairA.post(`/api/transfers/${id}/cancel`, { note: '填错接收单位' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', decisionNote: '填错接收单位', actions: [] });
    expect((await chairA.post(`/api/transfers/${id}/cancel`, {})).status).toBe(409);
  });

  it('moves the member on acceptance, with the new employer, and keeps the history on both sides', async () => {
    const memberId = await newMember('陈接');
    const first = (await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).body.id;
    await cadreB.post(`/api/transfers/${first}/refuse`, { reason: '材料不全' });
    const id = (await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB, reason: '调入乙镇化工' })).body.id;
    // the receiver may only tie the member to an employer it sees
    expect((await cadreB.post(`/api/transfers/${id}/accept`, { employerId: employerA })).status).toBe(404);
    expect((await chairA.post(`/api/transfers/${id}/accept`, {})).status).toBe(404);
    const accepted = await cadreB.post(`/api/transfers/${id}/accept`, { employerId: employerB, note: '同意接收' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', to: { id: t.orgs.unionB, employerName: '乙镇某化工有限公司' }, decisionNote: '同意接收' });
    expect(await memberRow(memberId)).toEqual({ org_id: t.orgs.unionB, employer_id: employerB, status: 'active' });

    // the member now belongs to townB: cadreB sees it with its whole history, chairA no longer does
    const page = await cadreB.get(`/api/members/${memberId}`);
    expect(page.status).toBe(200);
    expect(page.body.union).toMatchObject({ id: t.orgs.unionB });
    expect(page.body.transfers.map((x: { status: string }) => x.status)).toEqual(['refused', 'accepted']);
    expect(page.body.transfers[1].timeline.map((s: { step: string; actor: string }) => [s.step, s.actor])).toEqual([['request', '测试chairA'], ['accepted', '测试cadreB']]);
    expect((await chairA.get(`/api/members/${memberId}`)).status).toBe(404);
    // the sender keeps its record of the transfer
    const outgoing = await chairA.get('/api/transfers?direction=outgoing&status=accepted');
    expect(outgoing.body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await chairA.get(`/api/transfers/${id}`)).status).toBe(200);

    const audits = await t.database.db.selectFrom('audit_log').select(['action', 'entity', 'org_id'])
      .where((eb) => eb.or([eb.and([eb('entity', '=', 'member'), eb('entity_id', '=', String(memberId))]), eb.and([eb('entity', '=', 'member_transfer'), eb('entity_id', '=', String(id))])]))
      .orderBy('id').execute();
    expect(audits).toEqual([
      { action: 'create', entity: 'member', org_id: t.orgs.unionA },
      { action: 'transfer_request', entity: 'member_transfer', org_id: t.orgs.unionA },
      { action: 'transfer_accept', entity: 'member_transfer', org_id: t.orgs.unionB },
      { action: 'transfer_out', entity: 'member', org_id: t.orgs.unionA },
      { action: 'transfer_in', entity: 'member', org_id: t.orgs.unionB },
    ]);
  });

  it('leaves the employer empty when the receiver names none', async () => {
    const memberId = await newMember('孙空', t.orgs.unionB, cadreB);
    const id = (await cadreB.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionA })).body.id;
    await chairA.post(`/api/transfers/${id}/accept`, {});
    expect(await memberRow(memberId)).toEqual({ org_id: t.orgs.unionA, employer_id: null, status: 'active' });
  });

  it('blocks leaving while a transfer is pending, and transfers of members who left', async () => {
    const memberId = await newMember('钱待');
    const id = (await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).body.id;
    const leave = await chairA.post(`/api/members/${memberId}/status`, { status: 'withdrawn', date: '2024-06-01' });
    expect(leave.status).toBe(409);
    expect(leave.body.error.message).toContain('接转');
    await chairA.post(`/api/transfers/${id}/cancel`, {});
    expect((await chairA.post(`/api/members/${memberId}/status`, { status: 'withdrawn', date: '2024-06-01' })).status).toBe(200);
    expect((await chairA.post(`/api/members/${memberId}/transfers`, { toOrgId: t.orgs.unionB })).status).toBe(409);
  });

  it('keeps a township cadre to its own side: another township’s transfer answers 404', async () => {
    const memberId = await newMember('李乙', t.orgs.unionB, cadreB);
    const jointB = (await staff.post('/api/orgs', { parentId: t.orgs.townB, name: '乙镇商贸联合工会', kind: 'joint_grassroots' })).body.id;
    const id = (await cadreB.post(`/api/members/${memberId}/transfers`, { toOrgId: jointB })).body.id;
    for (const action of ['accept', 'refuse', 'cancel']) {
      expect((await cadreA.post(`/api/transfers/${id}/${action}`, { reason: '越权' })).status).toBe(404);
    }
    expect((await cadreA.get(`/api/transfers/${id}`)).status).toBe(404);
    expect((await cadreA.get('/api/transfers?pageSize=200')).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const exported = await exportRows(t, cadreA, '/api/transfers/export.xlsx');
    expect(exported.rows.flat().join()).not.toContain('李乙');
    expect((await t.database.db.selectFrom('member_transfer').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pending');
  });
});
