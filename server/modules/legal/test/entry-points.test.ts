import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test-support/test-app.js';
import { makeIdNumber } from '../../../../lib/validators/id-number.js';
import { clock } from '../../../platform/clock.js';
import { legalCasesOfTicket, legalFigures, openLegalAidCase, openMediationCase } from '../cases.service.js';

// The functions the appeals module calls to 转 a 12351 ticket into a case.
let t: TestContext;
const actor = { id: null, name: '12351工单' };

beforeAll(async () => { t = await createTestContext(); });
afterAll(async () => { clock.reset(); await t?.close(); });

const paths = async (org: 'root' | 'townA' | 'townB') =>
  [(await t.database.db.selectFrom('org').select('path').where('id', '=', t.orgs[org]).executeTakeFirstOrThrow()).path];

describe('entry points for the appeals module', () => {
  it('opens a legal-aid case from a ticket: numbered, encrypted, review due in working days, timeline and audit', async () => {
    clock.setToday('2026-09-29'); // a Tuesday before the National Day holiday (10-01 … 10-07)
    const idNumber = makeIdNumber('370523', '1988-04-12', 31);
    const res = await t.database.db.transaction().execute((tx) => openLegalAidCase(tx, actor, {
      orgId: t.orgs.unionA, sourceTicketId: 9001,
      applicant: { name: '王建国', phone: '13905461234', idNumber },
      employerName: '甲镇宏达机械有限公司', subject: 'wage_arrears', claim: '追讨2026年6月至8月工资', workersInvolved: 3, amountClaimedFen: 2_450_000,
    }, t.app.fieldCrypto));
    expect(res.caseNo).toBe('法援〔2026〕0001号');
    const row = await t.database.db.selectFrom('legal_aid_case').selectAll().where('id', '=', res.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'applied', source_ticket_id: 9001, applicant_phone_last4: '1234', applicant_id_last4: idNumber.slice(-4), applied_on: '2026-09-29' });
    expect(t.app.fieldCrypto.decrypt(row.applicant_id_enc!)).toBe(idNumber);
    // 5 working days from 09-29: 09-30, (holiday 10-01 … 10-07), 10-08, 10-09, 10-10 (调休 Saturday), 10-12
    expect(row.review_due).toBe('2026-10-12');
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity', '=', 'legal_aid_case').where('entity_id', '=', String(res.id)).executeTakeFirstOrThrow();
    expect(audit.summary).toContain('#9001');
  });

  it('opens a mediation case due 15 calendar days after acceptance', async () => {
    clock.setToday('2026-11-20');
    const res = await t.database.db.transaction().execute((tx) => openMediationCase(tx, actor, {
      orgId: t.orgs.unionA, sourceTicketId: 9001, worker: { name: '李秀英', count: 2 }, employerName: '甲镇宏达机械有限公司', claim: '解除劳动合同经济补偿', acceptedOn: '2026-11-18',
    }, t.app.fieldCrypto));
    expect(res.caseNo).toBe('调〔2026〕0001号');
    const row = await t.database.db.selectFrom('mediation_case').select(['due_on', 'status', 'worker_count']).where('id', '=', res.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ due_on: '2026-12-03', status: 'accepted', worker_count: 2 });
  });

  it('refuses a bad phone naming the field', async () => {
    await expect(t.database.db.transaction().execute((tx) => openLegalAidCase(tx, actor, {
      orgId: t.orgs.unionA, applicant: { name: '赵六', phone: '12345' }, claim: '工伤认定',
    }, t.app.fieldCrypto))).rejects.toMatchObject({ statusCode: 400, fields: { 'applicant.phone': expect.stringContaining('手机号码') } });
  });

  it('lists the ticket\'s cases within scope only, with their timelines', async () => {
    const county = await legalCasesOfTicket(t.database.db, await paths('root'), 9001);
    expect(county.map((c) => [c.kind, c.caseNo, c.statusLabel])).toEqual([
      ['legal_aid', '法援〔2026〕0001号', '待审查'], ['mediation', '调〔2026〕0001号', '已受理'],
    ]);
    expect(county[0].steps[0]).toMatchObject({ step: '申请', actor: '12351工单' });
    expect(await legalCasesOfTicket(t.database.db, await paths('townB'), 9001)).toEqual([]);
  });

  it('counts the figures of a period', async () => {
    const f = await legalFigures(t.database.db, await paths('root'), { from: '2026-01-01', to: '2026-12-31' });
    expect(f).toEqual({
      legalAid: { cases: 1, closed: 0, amountRecoveredFen: 0, workersBenefited: 0 },
      mediation: { cases: 1, agreements: 0, failed: 0, successRate: null },
    });
    const other = await legalFigures(t.database.db, await paths('townB'), { from: '2026-01-01', to: '2026-12-31' });
    expect(other.legalAid.cases).toBe(0);
  });
});
