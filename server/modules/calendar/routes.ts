import { z } from 'zod';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { clock } from '../../platform/clock.js';
import { isRealDate } from '../../../lib/validators/id-number.js';
import { statutoryDataUntil } from '../../../lib/working-days.js';
import { setCalendarDay, workingCalendar, yearCalendar } from './calendar.service.js';

const tags = ['工作日历'];
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isRealDate, '不是有效的日期');

export function registerCalendarRoutes(app: App) {
  app.get('/api/calendar', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '一年中的节假日、调休工作日和本地调整',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    },
  }, async (req) => {
    const today = clock.today();
    const year = req.query.year ?? Number(today.slice(0, 4));
    return { year, today, statutoryDataUntil, statutoryKnown: year <= statutoryDataUntil, days: await yearCalendar(app.db, year) };
  });

  app.get('/api/calendar/working-days', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '从某日起第 n 个工作日',
      querystring: z.object({ from: date.optional(), days: z.coerce.number().int().min(0).max(365) }),
    },
  }, async (req) => {
    const from = req.query.from ?? clock.today();
    return { from, days: req.query.days, date: (await workingCalendar(app.db)).addWorkingDays(from, req.query.days) };
  });

  app.put('/api/calendar/days/:date', {
    config: { access: 'calendar:write' },
    schema: {
      tags,
      summary: '把某日设为休息日或工作日（本地调整，覆盖国家安排）',
      params: z.object({ date }),
      body: z.object({
        working: z.boolean({ error: '请选择工作日或休息日' }),
        name: z.string().trim().max(30, '不能超过30个字').nullish().transform((v) => (v ? v : null)),
      }),
    },
  }, async (req) => {
    // one calendar for the whole deployment: only a root-level grant may change it
    accessOf(req).requireTop('calendar:write');
    return setCalendarDay(app.db, actorOf(req), req.params.date, req.body);
  });

  app.delete('/api/calendar/days/:date', {
    config: { access: 'calendar:write' },
    schema: { tags, summary: '取消某日的本地调整，恢复国家安排', params: z.object({ date }) },
  }, async (req) => {
    accessOf(req).requireTop('calendar:write');
    return setCalendarDay(app.db, actorOf(req), req.params.date, null);
  });
}
