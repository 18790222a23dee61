import { codeLabel } from '../../../lib/code-tables.js';
import { addDays } from '../../../lib/working-days.js';
import { accessOf, type App } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list.js';
import { clock } from '../../platform/clock.js';
import { orgInScopeOrThrow, ownedInScope } from '../../platform/scope.js';
import { escapeLike, inSubtreeOf } from '../membership/common.js';
import { archiveListItem } from './routes.js';
import { followupFilters } from './schemas.js';

const tags = ['困难职工帮扶'];

/**
 * Follow-up lists of active (建档) archives:
 *   due            年度复核 due within 30 days (next_review_due in [today, today+30])
 *   stale          not reviewed for a year (next_review_due already passed)
 *   never_assisted no campaign payment recorded yet (last_assisted_on is null: the campaign
 *                  module sets it through markAssisted)
 */
export function registerFollowupRoutes(app: App) {
  registerListRoutes(app, {
    url: '/api/hardship/followups',
    access: 'hardship:read',
    tags,
    summary: '跟进名单：due 即将年度复核（30天内）、stale 超过一年未复核、never_assisted 从未获得帮扶',
    filters: followupFilters,
    query: async (req, f) => {
      const scope = accessOf(req).require('hardship:read');
      const today = clock.today();
      let q = app.db.selectFrom('hardship_archive as a')
        .innerJoin('member as m', 'm.id', 'a.member_id')
        .innerJoin('org as o', 'o.id', 'a.org_id')
        .select([
          'a.id', 'a.archive_no', 'a.status', 'a.level', 'a.main_cause', 'a.secondary_cause', 'a.household_size', 'a.yearly_income_fen',
          'a.rigid_expense_fen', 'a.applied_at', 'a.archived_on', 'a.next_review_due', 'a.last_reviewed_on', 'a.last_assisted_on',
          'a.notice_start', 'a.notice_end', 'a.work_status', 'a.created_at', 'a.org_id',
          'm.name as worker_name', 'm.id_number_last4', 'o.name as org_name',
        ])
        .where('a.status', '=', 'archived')
        .where(ownedInScope('a.org_id', scope));
      if (f.kind === 'due') q = q.where('a.next_review_due', '>=', today).where('a.next_review_due', '<=', addDays(today, 30));
      else if (f.kind === 'stale') q = q.where('a.next_review_due', '<', today);
      else q = q.where('a.last_assisted_on', 'is', null);
      if (f.q) q = q.where('m.name', 'ilike', `%${escapeLike(f.q)}%`);
      if (f.orgId) {
        await orgInScopeOrThrow(app.db, f.orgId, scope, '组织');
        q = q.where(inSubtreeOf('o.path', f.orgId));
      }
      return q;
    },
    sortable: { nextReviewDue: 'a.next_review_due', archivedOn: 'a.archived_on', workerName: 'm.name' },
    defaultSort: 'nextReviewDue',
    tieBreaker: 'a.id',
    toItem: (r) => archiveListItem(r),
    export: {
      filename: '困难职工跟进名单',
      columns: [
        { header: '档案编号', width: 16, value: (i) => i.archiveNo },
        { header: '职工', value: (i) => i.workerName },
        { header: '身份证号', width: 22, value: (i) => i.idNumber },
        { header: '所属工会', width: 30, value: (i) => i.orgName },
        { header: '困难类别', value: (i) => codeLabel('hardship_level', i.level) },
        { header: '建档日期', width: 14, value: (i) => i.archivedOn },
        { header: '上次复核', width: 14, value: (i) => i.lastReviewedOn },
        { header: '下次复核', width: 14, value: (i) => i.nextReviewDue },
        { header: '最近帮扶', width: 14, value: (i) => i.lastAssistedOn },
      ],
    },
  });
}
