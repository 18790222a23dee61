import { computeHardshipLevel, dibaoLineFor } from '../../../lib/hardship-level.js';
import { accessOf, actorOf, type App } from '../../platform/http.js';
import { clock } from '../../platform/clock.js';
import { currentDibaoLine, dibaoLines, householdTotals, setDibaoLines } from './hardship.service.js';
import { dibaoBody, levelPreviewBody } from './schemas.js';

const tags = ['困难职工帮扶'];

/** The 低保 line per year (county staff, root scope) and the level calculator the form uses. */
export function registerSettingRoutes(app: App) {
  const view = async () => {
    const lines = await dibaoLines(app.db);
    const year = Number(clock.today().slice(0, 4));
    return { lines, year, current: dibaoLineFor(lines, year) };
  };

  app.get('/api/hardship/settings/dibao', {
    config: { access: 'hardship:read' },
    schema: { tags, summary: '低保标准（按年度，元/人·月，以分计）' },
  }, view);

  app.put('/api/hardship/settings/dibao', {
    config: { access: 'hardship:approve' },
    schema: { tags, summary: '修改低保标准（县总工会）', body: dibaoBody },
  }, async (req) => {
    accessOf(req).requireTop('hardship:approve');
    await setDibaoLines(app.db, actorOf(req), req.body.lines);
    return view();
  });

  app.post('/api/hardship/level-preview', {
    config: { access: 'hardship:read' },
    schema: { tags, summary: '按当前低保标准试算困难类别（表单上的计算过程）', body: levelPreviewBody },
  }, async (req) => {
    const line = await currentDibaoLine(app.db);
    const totals = householdTotals(req.body.household, req.body.lines);
    return { ...computeHardshipLevel({ ...totals, dibaoLineFen: line.lineFen }), dibaoYear: line.year };
  });
}
