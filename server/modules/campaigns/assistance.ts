import { z } from 'zod';
import { accessOf, type App } from '../../platform/http.js';
import { notFound } from '../../platform/errors.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import type { Db } from '../../platform/db.js';
import { codeLabel } from '../../../lib/code-tables.js';
import { archivesOfMemberPort, visitsOfMemberPort } from './hardship-port.js';

/** Every campaign entitlement of one person (matched by the ID's blind index, so a nomination made before the member was on record counts too). */
export async function campaignPaymentsOf(db: Db, memberId: number, personHash: Buffer) {
  const rows = await db.selectFrom('campaign_recipient as r')
    .innerJoin('campaign_edition as e', 'e.id', 'r.edition_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('campaign_distribution as d', 'd.recipient_id', 'r.id')
    .select(['r.id', 'r.edition_id', 'e.name as edition_name', 'e.kind', 'e.year', 'o.name as org_name', 'r.amount_fen', 'r.status',
      'd.received_on', 'd.method', 'd.received_by', 'd.goods'])
    .where((eb) => eb.or([eb('r.member_id', '=', memberId), eb('r.person_hash', '=', personHash)]))
    .where('r.status', '<>', 'cancelled')
    .orderBy('e.year', 'desc').orderBy('e.start_date', 'desc').execute();
  return rows.map((r) => ({
    recipientId: r.id, editionId: r.edition_id, editionName: r.edition_name, kind: r.kind, kindLabel: codeLabel('campaign_kind', r.kind),
    year: r.year, orgName: r.org_name, amountFen: Number(r.amount_fen), status: r.status,
    receivedOn: r.received_on, method: r.method, receivedBy: r.received_by, goods: r.goods,
  }));
}

/** Everything one worker ever got: archives, campaign payments, pairing visits, with totals per year. */
export async function memberAssistance(db: Db, scope: ScopePaths, memberId: number, visitScope: ScopePaths = scope) {
  const member = await db.selectFrom('member').select(['id', 'name', 'id_number_hash'])
    .where('id', '=', memberId).where(ownedInScope('org_id', scope)).executeTakeFirst();
  if (!member) throw notFound('会员');
  const [archives, payments, visits] = await Promise.all([
    archivesOfMemberPort(db, scope, memberId),
    campaignPaymentsOf(db, memberId, member.id_number_hash),
    visitsOfMemberPort(db, visitScope, memberId),
  ]);
  const years = new Map<number, { year: number; paidFen: number; entitledFen: number; payments: number }>();
  for (const p of payments) {
    const y = years.get(p.year) ?? { year: p.year, paidFen: 0, entitledFen: 0, payments: 0 };
    y.entitledFen += p.amountFen;
    if (p.status === 'distributed') { y.paidFen += p.amountFen; y.payments += 1; }
    years.set(p.year, y);
  }
  const visitsByYear = new Map<number, number>();
  for (const v of visits) {
    const d = v.date;
    if (d) visitsByYear.set(Number(d.slice(0, 4)), (visitsByYear.get(Number(d.slice(0, 4))) ?? 0) + 1);
  }
  for (const [year] of visitsByYear) if (!years.has(year)) years.set(year, { year, paidFen: 0, entitledFen: 0, payments: 0 });
  const totals = [...years.values()].sort((a, b) => b.year - a.year).map((y) => ({ ...y, visits: visitsByYear.get(y.year) ?? 0 }));
  return { memberId, archives, payments, visits, totals, paidFen: payments.filter((p) => p.status === 'distributed').reduce((s, p) => s + p.amountFen, 0) };
}

export function registerAssistanceRoutes(app: App) {
  app.get('/api/members/:id/assistance', {
    config: { access: 'hardship:read' },
    schema: {
      tags: ['帮扶活动'], summary: '一人全貌：困难档案、各次帮扶活动的发放、结对走访，按年合计',
      params: z.object({ id: z.coerce.number().int().positive() }),
    },
  }, async (req) => {
    const access = accessOf(req);
    return memberAssistance(app.db, access.require('hardship:read'), req.params.id, access.scope('pairing:read'));
  });
}
