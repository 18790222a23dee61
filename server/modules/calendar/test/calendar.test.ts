import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { workingDaysFrom } from '../calendar.service.js';

let t: TestContext;
let staff: Client;
let cadre: Client;

beforeAll(async () => {
  t = await createTestContext();
  staff = await t.as('staff');
  cadre = await t.as('cadreA');
});
afterAll(() => t.close());

describe('working-day calendar', () => {
  it('lists the statutory days of a year', async () => {
    const res = await cadre.get('/api/calendar?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.statutoryKnown).toBe(true);
    expect(res.body.days).toContainEqual({ date: '2026-10-10', working: true, name: '国庆节', source: 'statutory' });
  });

  it('county staff add next year’s holiday and due dates move with it; clearing restores them', async () => {
    expect((await staff.get('/api/calendar/working-days?from=2026-12-31&days=1')).body.date).toBe('2027-01-01');
    const set = await staff.put('/api/calendar/days/2027-01-01', { working: false, name: '元旦' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ date: '2027-01-01', working: false, name: '元旦', source: 'override' });
    expect((await staff.get('/api/calendar/working-days?from=2026-12-31&days=1')).body.date).toBe('2027-01-04');
    expect(await workingDaysFrom(t.database.db, 1, '2026-12-31')).toBe('2027-01-04');
    const year = await cadre.get('/api/calendar?year=2027');
    expect(year.body.statutoryKnown).toBe(false);
    expect(year.body.days).toEqual([{ date: '2027-01-01', working: false, name: '元旦', source: 'override' }]);

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).where('entity', '=', 'calendar_day').execute();
    expect(audit).toContainEqual({ action: 'calendar.set', summary: '2027-01-01 设为休息日（元旦）' });

    expect((await staff.delete('/api/calendar/days/2027-01-01')).status).toBe(200);
    expect((await staff.get('/api/calendar/working-days?from=2026-12-31&days=1')).body.date).toBe('2027-01-01');
  });

  it('a township cadre may not change the calendar', async () => {
    const res = await cadre.put('/api/calendar/days/2027-01-01', { working: false, name: '元旦' });
    expect(res.status).toBe(403);
  });

  it('names the bad field', async () => {
    const res = await staff.put('/api/calendar/days/2027-02-30', { working: false });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('不是有效的日期');
  });
});
