import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Tx } from '../server/platform/db.js';
import type { FieldCrypto } from '../server/platform/crypto.js';
import { saveFile } from '../server/platform/files.js';
import { orgPathOf } from '../server/platform/audit.js';
import { codeLabel } from '../lib/code-tables.js';
import { eligibleArchives } from '../server/modules/hardship/hardship.exports.js';
import { quarterOf } from '../server/modules/pairing/rules.js';
import { clock } from '../server/platform/clock.js';
import type { VisitKind } from '../server/modules/pairing/tables.js';
import { mulberry32 } from './seed-random.js';

// 结对帮扶 in the demo county: the county's 第三轮 (2025-03 to 2027-12), about 150 archived
// households paired with county and township cadres or with units, their visits over 2025–2026
// (so that a realistic share has no visit in the current quarter), a few photos and results.
// Deterministic: its own mulberry32 from a fixed seed, and the archives in id order.

export interface PairingSeedContext {
  crypto: FieldCrypto;
  rootId: number;
  /** demo accounts by username (staff, daozhuang, dawang …) */
  userIds: Map<string, number>;
  /** the business date the county is seeded on; clock.today() when absent */
  today?: string;
}

export interface PairingSeedCounts { pairs: number; visits: number; notVisitedThisQuarter: number }

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), Date.now()));
/** 9:00–17:59 Shanghai on that day */
const officeTime = (iso: string) => new Date(dayOf(iso) * DAY + (1 + (dayOf(iso) % 9)) * 3_600_000 + ((dayOf(iso) * 7) % 60) * 60_000);

const COUNTY_CADRES: ReadonlyArray<readonly [string, string, string]> = [
  ['张建华', '县总工会副主席', '县总工会'], ['刘玉梅', '县总工会经费审查委员会主任', '县总工会'], ['王振东', '县总工会组织部部长', '县总工会'],
  ['陈红霞', '县总工会女职工部部长', '县总工会'], ['李国强', '县总工会权益保障部部长', '县总工会'], ['赵文静', '县总工会办公室主任', '县总工会'],
  ['孙立新', '县人社局副局长', '县人力资源和社会保障局'], ['周海燕', '县民政局社会救助科科长', '县民政局'], ['吴志刚', '县医保局待遇保障科科长', '县医疗保障局'],
  ['郑晓东', '县教体局学生资助中心主任', '县教育和体育局'], ['冯丽娟', '县财政局社保科科长', '县财政局'], ['褚宏伟', '县住建局住房保障科科长', '县住房和城乡建设局'],
];
const TOWN_POSITIONS = ['副主席', '经审委员会主任', '办公室主任', '女职工委员会主任', '组织委员', '宣传委员'];
const TOWN_SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建军', '海燕', '志强', '春梅', '立华', '晓东'];
const UNITS = [
  '县供电公司', '县农村商业银行', '县人民医院', '县自来水公司', '县邮政分公司', '县烟草专卖局', '县移动分公司', '县石化销售分公司',
  '县交通运输局', '县市场监督管理局', '县税务局', '县中医院', '胜利油田某采油厂工会', '某轮胎集团工会', '某化工集团工会',
];
const NOTES: Record<VisitKind, string[]> = {
  condolence: ['看望慰问，了解家庭近况', '与家属拉家常，询问生活困难', '节日前入户慰问'],
  goods: ['送去米、面、油等生活物资', '送去过冬棉被和取暖用品', '送去降温物品'],
  policy: ['宣讲医疗救助和低保政策', '讲解大病保险报销流程', '宣传困难职工帮扶政策'],
  employment: ['推荐到县内企业面试', '介绍参加职工技能培训', '协调公益性岗位'],
  schooling: ['了解子女就学情况，落实金秋助学', '送去学习用品'],
  medical: ['协助办理医疗救助申请', '联系医院减免部分费用'],
  other: ['协调解决房屋漏雨问题', '帮助办理残疾证'],
};
const END_REASONS = ['家庭收入稳定，已解困脱困', '职工退休，转入社区帮扶', '结对干部工作调动，另行结对'];

export async function seedPairing(tx: Tx, ctx: PairingSeedContext): Promise<PairingSeedCounts> {
  const rand = mulberry32(20250301);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const chance = (p: number) => rand() < p;

  const root = await tx.selectFrom('org').select(['path']).where('id', '=', ctx.rootId).executeTakeFirstOrThrow();
  const round = await tx.insertInto('pairing_round').values({
    org_id: ctx.rootId, name: '第三轮', start_date: '2025-03-01', end_date: '2027-12-31', is_current: true,
    remark: '县委、县政府部署的第三轮干部、单位结对帮扶困难职工家庭',
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('pairing_round').values({ org_id: ctx.rootId, name: '第二轮', start_date: '2021-03-01', end_date: '2024-12-31', remark: '已结束' }).execute();

  // the households: archived ones, through the hardship module's export
  const archives = await eligibleArchives(tx, { scope: [root.path] });
  if (archives.length === 0) return { pairs: 0, visits: 0, notVisitedThisQuarter: 0 };
  const towns = await tx.selectFrom('org as o').innerJoin('org as tw', (j) => j.on(sql<boolean>`nlevel(o.path) >= 2 and tw.path = subpath(o.path, 0, 2)`))
    .select(['o.id', 'tw.id as town_id', 'tw.name as town_name']).where('o.id', 'in', [...new Set(archives.map((a) => a.orgId))]).execute();
  const townOf = new Map(towns.map((r) => [r.id, { id: r.town_id, name: r.town_name }]));
  // about 150 pairs across the county: up to 40 in 稻庄镇 (the demo township), the rest elsewhere
  const isDz = (a: (typeof archives)[number]) => townOf.get(a.orgId)?.name === '稻庄镇总工会';
  const others = archives.filter((a) => !isDz(a));
  const chosen = [...archives.filter(isDz).slice(0, Math.max(40, 150 - others.length)), ...others].slice(0, 150);

  const today = ctx.today ?? clock.today();
  const quarter = quarterOf(today);
  const todayDay = dayOf(today);
  const townCadre = new Map<number, { name: string; position: string }[]>();
  const cadresOf = (townId: number, townName: string) => {
    let list = townCadre.get(townId);
    if (!list) {
      list = Array.from({ length: 4 }, (_, i) => ({ name: `${pick([...TOWN_SURNAMES])}${pick(GIVEN)}`, position: `${townName}${TOWN_POSITIONS[i % TOWN_POSITIONS.length]}` }));
      townCadre.set(townId, list);
    }
    return list;
  };
  const named = { daozhuang: ctx.userIds.get('daozhuang') ?? null, dawang: ctx.userIds.get('dawang') ?? null, staff: ctx.userIds.get('staff') ?? null };

  const pairRows = chosen.map((a, i) => {
    const town = townOf.get(a.orgId) ?? { id: ctx.rootId, name: '县总工会' };
    const startDay = chance(0.8) ? dayOf('2025-03-10') + int(0, 200) : dayOf('2025-10-01') + int(0, Math.max(0, Math.min(330, todayDay - dayOf('2025-10-01') - 60)));
    const kind = chance(0.32) ? 'unit' as const : 'cadre' as const;
    let helper: { name: string; position: string | null; unit: string | null; userId: number | null };
    if (kind === 'unit') {
      helper = { name: pick(UNITS), position: null, unit: null, userId: null };
    } else if (town.name === '稻庄镇总工会' && i % 5 === 0 && named.daozhuang) {
      helper = { name: '刘春燕', position: '稻庄镇总工会副主席', unit: '稻庄镇总工会', userId: named.daozhuang };
    } else if (town.name === '大王镇总工会' && i % 5 === 0 && named.dawang) {
      helper = { name: '孙海涛', position: '大王镇总工会副主席', unit: '大王镇总工会', userId: named.dawang };
    } else if (chance(0.45)) {
      const [name, position, unit] = pick(COUNTY_CADRES);
      helper = { name, position, unit, userId: null };
    } else {
      const c = pick(cadresOf(town.id, town.name));
      helper = { name: c.name, position: c.position, unit: town.name, userId: null };
    }
    const phone = `139${String(int(0, 99_999_999)).padStart(8, '0')}`;
    return {
      round_id: round.id, archive_id: a.archiveId, member_id: a.memberId, org_id: a.orgId,
      helper_kind: kind, helper_user_id: helper.userId, helper_name: helper.name, helper_position: helper.position, helper_unit: helper.unit,
      contact_name: kind === 'unit' ? `${pick([...TOWN_SURNAMES])}${pick(GIVEN)}` : null,
      contact_phone_enc: ctx.crypto.encrypt(phone), contact_phone_hash: ctx.crypto.blindIndex('phone', phone), contact_phone_last4: phone.slice(-4),
      start_date: isoOf(Math.max(dayOf('2025-03-01'), Math.min(startDay, todayDay - 30))),
      goals: pick([
        '每季度至少走访一次，帮助解决就医和子女上学困难',
        '帮助家庭成员实现再就业，稳定家庭收入',
        '落实医疗救助和大病保险，减轻医疗负担',
        '协调落实低保、住房保障等政策，力争两年内脱困',
      ]),
      created_by: named.staff,
      town: town.name,
      worker: a.workerName,
    };
  }).map((r) => ({ ...r, created_at: officeTime(r.start_date), updated_at: officeTime(r.start_date) }));

  const inserted = await tx.insertInto('pairing').values(pairRows.map(({ town: _town, worker: _worker, ...r }) => r)).returning(['id', 'start_date', 'helper_name', 'helper_kind']).execute();

  // visits: one most quarters from the pair's start up to today; this quarter about 55%
  const visits: Array<{ pairing_id: number; visit_date: string; visitors: string; kinds: VisitKind[]; note: string; amount_fen: number | null; recorded_by: number | null; created_at: Date }> = [];
  let dzForcedMissing = 0;
  const endRows: Array<{ id: number; ended_on: string; end_reason: string }> = [];
  const resultRows: Array<{ id: number; outcome: 'out_of_hardship' | 'improved' | 'continuing'; text: string }> = [];
  inserted.forEach((p, i) => {
    const town = pairRows[i].town;
    let q = quarterOf(p.start_date);
    let lastVisit: string | null = null;
    // a few 稻庄镇 pairs are surely not visited this quarter (the township's follow-up list)
    const skipCurrent = town === '稻庄镇总工会' && dzForcedMissing < 4;
    if (skipCurrent) dzForcedMissing++;
    for (let guard = 0; guard < 20 && q.start <= today; guard++) {
      const current = q.start === quarter.start;
      const lo = Math.max(dayOf(q.start), dayOf(p.start_date));
      const hi = Math.min(dayOf(q.end), todayDay);
      const p_visit = current ? (skipCurrent ? 0 : 0.55) : 0.85;
      if (hi >= lo && chance(p_visit)) {
        const times = !current && chance(0.25) ? 2 : 1;
        for (let k = 0; k < times; k++) {
          const kinds: VisitKind[] = [pick(['condolence', 'condolence', 'goods', 'policy'] as const)];
          if (chance(0.5)) kinds.push(pick(['goods', 'policy', 'employment', 'schooling', 'medical', 'other'] as const));
          const uniq = [...new Set(kinds)];
          const date = isoOf(int(lo, hi));
          visits.push({
            pairing_id: p.id, visit_date: date,
            visitors: p.helper_kind === 'unit' ? `${p.helper_name}工会 ${pick([...TOWN_SURNAMES])}${pick(GIVEN)}` : `${p.helper_name}、${pick([...TOWN_SURNAMES])}${pick(GIVEN)}`,
            kinds: uniq, note: uniq.map((x) => pick(NOTES[x])).join('；'),
            amount_fen: uniq.includes('goods') ? int(2, 20) * 10_000 : uniq.includes('condolence') && chance(0.4) ? int(5, 20) * 10_000 : null,
            recorded_by: named.staff,
            created_at: notAfterNow(officeTime(isoOf(Math.min(todayDay, dayOf(date) + int(0, 2))))),
          });
          if (!lastVisit || date > lastVisit) lastVisit = date;
        }
      }
      const next = isoOf(dayOf(q.end) + 1);
      q = quarterOf(next);
    }
    // results for pairs of a year or more; a few ended
    if (dayOf(p.start_date) < todayDay - 365) {
      const r = rand();
      if (r < 0.12) resultRows.push({ id: p.id, outcome: 'out_of_hardship', text: '家庭成员实现再就业，人均收入超过低保线两倍' });
      else if (r < 0.45) resultRows.push({ id: p.id, outcome: 'improved', text: '医疗费用经救助减轻，生活有所改善' });
      else if (r < 0.65) resultRows.push({ id: p.id, outcome: 'continuing', text: '病情仍需长期治疗，继续结对帮扶' });
      if (r < 0.06 && lastVisit && !skipCurrent) endRows.push({ id: p.id, ended_on: lastVisit, end_reason: pick(END_REASONS) });
    }
  });

  let visitIds: number[] = [];
  for (let i = 0; i < visits.length; i += 1000) {
    const rows = await tx.insertInto('pairing_visit').values(visits.slice(i, i + 1000)).returning('id').execute();
    visitIds = visitIds.concat(rows.map((r) => r.id));
  }
  if (resultRows.length) {
    await sql`update pairing p set result_outcome = v.outcome, result_text = v.text
      from (values ${sql.join(resultRows.map((r) => sql`(${r.id}::bigint, ${r.outcome}::text, ${r.text}::text)`))}) as v(id, outcome, text)
      where p.id = v.id`.execute(tx);
  }
  if (endRows.length) {
    await sql`update pairing p set status = 'ended', ended_on = v.ended_on, end_reason = v.reason
      from (values ${sql.join(endRows.map((r) => sql`(${r.id}::bigint, ${r.ended_on}::date, ${r.end_reason}::text)`))}) as v(id, ended_on, reason)
      where p.id = v.id`.execute(tx);
  }

  // the pairs' 操作记录, as the console would have written it
  const pairInfo = new Map(inserted.map((p, i) => [p.id, pairRows[i]]));
  const actor = { actor_id: named.staff, actor_name: '王丽(staff)' };
  const auditRows = [
    ...inserted.map((p, i) => ({ ...actor, at: pairRows[i].created_at, org_id: pairRows[i].org_id, action: 'create', entity_id: String(p.id),
      summary: `第三轮结对：${p.helper_name} 结对帮扶 ${pairRows[i].worker}家` })),
    ...visits.map((v) => ({ ...actor, at: v.created_at, org_id: pairInfo.get(v.pairing_id)!.org_id, action: 'visit', entity_id: String(v.pairing_id),
      summary: `${v.visit_date} 走访（${v.kinds.map((k) => codeLabel('pairing_visit_kind', k)).join('、')}）` })),
    ...resultRows.map((r) => ({ ...actor, at: officeTime(isoOf(todayDay - 1 - (r.id % 60))), org_id: pairInfo.get(r.id)!.org_id, action: 'result', entity_id: String(r.id),
      summary: `帮扶成效：${codeLabel('pairing_outcome', r.outcome)}（${r.text}）` })),
    ...endRows.map((r) => ({ ...actor, at: officeTime(r.ended_on), org_id: pairInfo.get(r.id)!.org_id, action: 'end', entity_id: String(r.id),
      summary: `结束结对（${pairInfo.get(r.id)!.helper_name}）：${r.end_reason}` })),
  ];
  for (let i = 0; i < auditRows.length; i += 1000) {
    await tx.insertInto('audit_log').values(auditRows.slice(i, i + 1000).map((r) => ({ ...r, entity: 'pairing', org_path: orgPathOf(r.org_id) }))).execute();
  }

  // a photo on some recent visits (a coloured placeholder picture, sealed like any upload)
  const colours: Array<[number, number, number]> = [[214, 48, 49], [9, 132, 227], [0, 184, 148], [253, 203, 110], [108, 92, 231]];
  const recent = visits.map((v, i) => ({ ...v, id: visitIds[i] })).filter((v) => v.visit_date >= '2026-01-01').slice(0, 24);
  const pairOrg = new Map(inserted.map((p, i) => [p.id, pairRows[i].org_id]));
  for (const [k, v] of recent.entries()) {
    await saveFile(tx, ctx.crypto, {
      ownerEntity: 'pairing_visit', ownerId: v.id, orgId: pairOrg.get(v.pairing_id)!, kind: 'photo',
      name: `走访照片${k + 1}.png`, content: solidPng(160, 120, colours[k % colours.length]), createdBy: named.staff,
    });
  }

  const ended = new Set(endRows.map((r) => r.id));
  const visitedNow = new Set(visits.filter((v) => v.visit_date >= quarter.start).map((v) => v.pairing_id));
  const notVisited = inserted.filter((p) => !ended.has(p.id) && !visitedNow.has(p.id)).length;
  return { pairs: inserted.length, visits: visits.length, notVisitedThisQuarter: notVisited };
}

// ---------------------------------------------------------------------------------------------
// A PNG of one colour with a lighter band: enough for a thumbnail to show that a photo is there.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    const band = y > height * 0.6 && y < height * 0.8;
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = band ? Math.min(255, r + 60) : r;
      raw[row + 2 + x * 3] = band ? Math.min(255, g + 60) : g;
      raw[row + 3 + x * 3] = band ? Math.min(255, b + 60) : b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
