// The demo county's 帮扶活动: this winter's 元旦春节送温暖 in progress (list from the hardship
// archive and from the unions' nominations, approved, part paid with receipts), and last
// year's closed editions (元旦春节送温暖, 夏送清凉, 金秋助学) paid in full. Deterministic
// (mulberry32 from the demo seed), multi-row inserts, inside the demo's one transaction.
import { sql } from 'kysely';
import type { Tx } from '../server/platform/db.js';
import { todayIso } from '../lib/validators/id-number.js';
import { orgPathOf } from '../server/platform/audit.js';
import { archiveSource, markArchiveAssisted } from '../server/modules/campaigns/hardship-port.js';
import { insertCandidates, type Candidate } from '../server/modules/campaigns/recipient.service.js';
import { mulberry32 } from './seed-random.js';

export interface CampaignSeedContext {
  seed: number;
  rootId: number;
  /** the county staff account that runs the campaigns (王丽) */
  staffUserId: number | null;
  staffName: string;
}

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const RELATIVES = ['spouse', 'child', 'parent'] as const;

interface EditionPlan {
  kind: string; year: number; name: string; fund: string; standard: number; goods: string | null;
  start: string; end: string; rule: { levels: string[]; categories: string[]; collegeChild: boolean; amountByLevel: Record<string, number> };
  /** nominated members: how many, their category and reason, amount range in yuan */
  nominations: { count: number; category: string; reason: string; min: number; max: number };
  closed: boolean;
  /** share paid (the open edition pays part) */
  paidShare: number;
}

export async function seedCampaign(tx: Tx, ctx: CampaignSeedContext): Promise<{ editions: number; recipients: number; distributed: number; summary: string }> {
  const rand = mulberry32(ctx.seed ^ 0x5eed0ca3);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  // this winter's 元旦春节 campaign carries next year's name from October on
  const winter = Number(today.slice(5, 7)) >= 10 ? thisYear + 1 : thisYear;
  const last = winter - 1;
  const plans: EditionPlan[] = [
    {
      kind: 'winter_warmth', year: last, name: `${last}年元旦春节送温暖`, fund: 'upper_allocation', standard: 50_000, goods: '米、面、油各一份',
      start: `${last - 1}-12-15`, end: `${last}-02-10`, rule: { levels: ['deep', 'relative'], categories: ['model_worker', 'migrant'], collegeChild: false, amountByLevel: { deep: 100_000, relative: 50_000 } },
      nominations: { count: 60, category: 'migrant', reason: '困难农民工，家庭收入低', min: 500, max: 500 }, closed: true, paidShare: 1,
    },
    {
      kind: 'summer_cooling', year: last, name: `${last}年夏送清凉`, fund: 'county_fund', standard: 20_000, goods: '防暑降温用品（藿香正气水、毛巾、绿豆）',
      start: `${last}-07-01`, end: `${last}-08-31`, rule: { levels: [], categories: ['frontline'], collegeChild: false, amountByLevel: {} },
      nominations: { count: 180, category: 'frontline', reason: '高温一线作业', min: 200, max: 200 }, closed: true, paidShare: 1,
    },
    {
      kind: 'autumn_tuition', year: last, name: `${last}年金秋助学`, fund: 'fiscal_match', standard: 300_000, goods: null,
      start: `${last}-08-10`, end: `${last}-09-30`, rule: { levels: ['deep', 'relative'], categories: ['single_parent'], collegeChild: true, amountByLevel: { deep: 500_000, relative: 300_000 } },
      nominations: { count: 25, category: 'single_parent', reason: '子女考入大学，单亲家庭', min: 2000, max: 5000 }, closed: true, paidShare: 1,
    },
    {
      kind: 'winter_warmth', year: winter, name: `${winter}年元旦春节送温暖`, fund: 'upper_allocation', standard: 50_000, goods: '米、面、油各一份',
      start: addDays(today, -20), end: `${winter}-02-10`, rule: { levels: ['deep', 'relative'], categories: ['model_worker', 'migrant', 'serious_illness'], collegeChild: false, amountByLevel: { deep: 100_000, relative: 50_000 } },
      nominations: { count: 80, category: 'migrant', reason: '困难农民工，家庭收入低', min: 500, max: 500 }, closed: false, paidShare: 0.4,
    },
  ];
  const root = await tx.selectFrom('org').select(['id', 'path']).where('id', '=', ctx.rootId).executeTakeFirstOrThrow();
  const scope = [root.path];
  // the members a union nominates: active ones spread over the county, a fixed draw per edition
  const pool = await tx.selectFrom('member').select(['id', 'org_id', 'name']).where('status', '=', 'active').orderBy('id').execute();
  let recipients = 0;
  let distributed = 0;
  const parts: string[] = [];
  for (const p of plans) {
    const edition = await tx.insertInto('campaign_edition').values({
      org_id: ctx.rootId, kind: p.kind, year: p.year, name: p.name, budget_fen: 1, fund_source: p.fund, rule: JSON.stringify(p.rule),
      standard_fen: p.standard, goods: p.goods, start_date: p.start, end_date: p.end, status: 'listing', created_by: ctx.staffUserId,
    }).returning(['id', 'year', 'standard_fen', 'rule']).executeTakeFirstOrThrow();
    const full = { ...edition, org_path: root.path };
    // from the archive (the hardship module's list), then the unions' nominations
    const fromArchive = p.rule.levels.length || p.rule.collegeChild
      ? await archiveSource(tx, { scope, levels: p.rule.levels, withCollegeChild: p.rule.collegeChild || undefined })
      : [];
    await insertCandidates(tx, full, scope, fromArchive, ctx.staffUserId, null);
    const picked: Candidate[] = [];
    const hashes = new Map<number, Buffer>();
    if (pool.length) {
      const draw = new Set<number>();
      while (draw.size < Math.min(p.nominations.count, pool.length)) draw.add(int(0, pool.length - 1));
      const ids = [...draw].map((k) => pool[k].id);
      for (const m of await tx.selectFrom('member').select(['id', 'id_number_hash']).where('id', 'in', ids).execute()) hashes.set(m.id, m.id_number_hash);
      for (const k of draw) {
        const m = pool[k];
        picked.push({ archiveId: null, memberId: m.id, orgId: m.org_id, level: null, personHash: hashes.get(m.id)!, name: m.name, category: p.nominations.category, reason: p.nominations.reason });
      }
    }
    // nominations with their own amount (金秋助学 2000–5000 元), grouped by amount for the one-statement insert
    const byAmount = new Map<number, Candidate[]>();
    for (const c of picked) {
      const yuan = p.nominations.min === p.nominations.max ? p.nominations.min : int(p.nominations.min / 500, p.nominations.max / 500) * 500;
      byAmount.set(yuan * 100, [...(byAmount.get(yuan * 100) ?? []), c]);
    }
    for (const [fen, group] of byAmount) await insertCandidates(tx, { ...full, standard_fen: fen, rule: {} }, scope, group, ctx.staffUserId, null);

    const listed = await tx.selectFrom('campaign_recipient').select(['id', 'name', 'amount_fen', 'archive_id', 'source'])
      .where('edition_id', '=', edition.id).orderBy('id').execute();
    const total = listed.reduce((s, r) => s + Number(r.amount_fen), 0);
    // the budget: the list's total plus a reserve, in round ten thousands of yuan
    const budget = Math.ceil((total * 1.15) / 1_000_000) * 1_000_000 || 1_000_000;
    const approvedOn = addDays(p.start, 10);
    const approvedAt = new Date(`${approvedOn}T02:30:00Z`);
    await tx.updateTable('campaign_recipient').set({ status: 'approved', approved_by: ctx.staffUserId, approved_at: approvedAt })
      .where('edition_id', '=', edition.id).execute();
    // receipts: the person, or a relative, on a working morning after approval
    const paid = listed.filter(() => rand() < p.paidShare);
    const lastDay = p.closed ? addDays(p.end, -3) : today;
    const span = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(approvedOn)) / DAY));
    const rows = paid.map((r) => {
      const bySelf = rand() < 0.8;
      const method = p.goods && rand() < 0.7 ? 'goods' as const : rand() < 0.5 ? 'transfer' as const : 'cash' as const;
      return {
        recipient_id: r.id, edition_id: edition.id, amount_fen: Number(r.amount_fen), method,
        received_by: bySelf ? r.name : `${r.name.slice(0, 1)}${['桂芝', '秀英', '建华', '小宇', '玉兰'][int(0, 4)]}`,
        relation: bySelf ? 'self' as const : RELATIVES[int(0, 2)], received_on: addDays(approvedOn, int(1, span)),
        goods: method === 'goods' ? p.goods : null, transfer_ref: method === 'transfer' ? `GH${p.year}${String(r.id).padStart(6, '0')}` : null,
        recorded_by: ctx.staffUserId,
      };
    });
    for (let k = 0; k < rows.length; k += 1000) await tx.insertInto('campaign_distribution').values(rows.slice(k, k + 1000)).execute();
    if (rows.length) {
      await tx.updateTable('campaign_recipient').set({ status: 'distributed' })
        .where('id', 'in', sql<number>`(select recipient_id from campaign_distribution where edition_id = ${edition.id})`).execute();
    }
    const byId = new Map(rows.map((r) => [r.recipient_id, r.received_on]));
    for (const r of listed) if (r.archive_id != null && byId.has(r.id)) await markArchiveAssisted(tx, r.archive_id, byId.get(r.id)!);
    const status = p.closed ? 'closed' : rows.length ? 'distributing' : 'approved';
    await tx.updateTable('campaign_edition').set({ budget_fen: budget, status }).where('id', '=', edition.id).execute();
    // the edition's timeline
    const log = (action: string, at: Date, summary: string) => ({
      actor_id: ctx.staffUserId, actor_name: ctx.staffName, org_id: ctx.rootId, org_path: orgPathOf(ctx.rootId), action, entity: 'campaign_edition', entity_id: String(edition.id), at, summary,
    });
    const paidFen = rows.reduce((s, r) => s + r.amount_fen, 0);
    await tx.insertInto('audit_log').values([
      log('create', new Date(`${p.start}T01:00:00Z`), `新建帮扶活动 ${p.name}`),
      log('build', new Date(`${addDays(p.start, 3)}T03:00:00Z`), `${p.name} 名单：困难职工档案${fromArchive.length}户，基层工会提名${picked.length}人`),
      log('approve', approvedAt, `审批 ${p.name} 名单：${listed.length}人，${(total / 100).toFixed(2)}元（预算${(budget / 100).toFixed(2)}元）`),
      ...(p.closed ? [log('close', new Date(`${p.end}T08:00:00Z`), `结束帮扶活动 ${p.name}：发放${rows.length}人，${(paidFen / 100).toFixed(2)}元`)] : []),
    ]).execute();
    recipients += listed.length;
    distributed += rows.length;
    parts.push(`${p.name}${listed.length}人（已发放${rows.length}人）`);
  }
  return { editions: plans.length, recipients, distributed, summary: `帮扶活动${plans.length}期：${parts.join('、')}` };
}
