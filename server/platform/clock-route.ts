import { z } from 'zod';
import { accessOf, type App } from './http.js';
import { clock } from './clock.js';

/**
 * POST /api/test/clock: sets the product's date for browser tests (a 公示 period that ends
 * in five working days is tested by moving to the sixth). Registered only when
 * GONGHUI_TEST_CLOCK=1, which only the browser tests' server sets.
 */
export function registerTestClockRoute(app: App) {
  app.post('/api/test/clock', {
    config: { access: 'setting:write' },
    schema: {
      tags: ['测试'],
      summary: '（仅测试环境）设置系统日期',
      body: z.object({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }),
    },
  }, async (req) => {
    accessOf(req).requireTop('setting:write');
    if (req.body.today) clock.setToday(req.body.today);
    else clock.reset();
    return { today: clock.today(), offsetDays: clock.offsetDays };
  });
}
