import type { Permission } from '../../../lib/permissions.js';
import type { ImportKind } from './tables.js';

/** A column the import understands: its key in the mapping, its label, the headers staff write for it. */
export interface FieldDef {
  key: string;
  label: string;
  required: boolean;
  /** header texts that name this field, after normalizeHeader; the first is the template's */
  synonyms: readonly string[];
  /** one line for the template's 填写说明 sheet */
  hint?: string;
}

export const memberFields: readonly FieldDef[] = [
  { key: 'name', label: '姓名', required: true, synonyms: ['姓名', '职工姓名', '会员姓名', '名字'] },
  {
    key: 'idNumber', label: '身份证号', required: true,
    synonyms: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '身份证件号码', '证件号', '居民身份证号码'],
    hint: '请以文本格式填写（模板中本列已设为文本）；15位旧号码自动升级为18位',
  },
  { key: 'sex', label: '性别', required: false, synonyms: ['性别'], hint: '可不填，按身份证号识别；填写时须与身份证号一致' },
  { key: 'birthDate', label: '出生日期', required: false, synonyms: ['出生日期', '出生年月', '出生年月日', '生日'], hint: '可不填；填写时须与身份证号一致' },
  { key: 'phone', label: '手机号码', required: false, synonyms: ['手机号码', '手机', '手机号', '联系电话', '联系方式', '移动电话', '电话'] },
  { key: 'ethnicity', label: '民族', required: false, synonyms: ['民族'] },
  { key: 'education', label: '学历', required: false, synonyms: ['学历', '文化程度', '最高学历'] },
  { key: 'politicalStatus', label: '政治面貌', required: false, synonyms: ['政治面貌'] },
  {
    key: 'employer', label: '工作单位', required: false, synonyms: ['工作单位', '单位名称', '用人单位', '所在单位', '单位'],
    hint: '须为已登记的用人单位（导入目标工会及其下级工会登记的）；括号全角半角均可',
  },
  { key: 'union', label: '所属工会', required: false, synonyms: ['所属工会', '工会名称', '所在工会', '基层工会'], hint: '不填时为导入目标工会；须为导入目标工会或其下级工会' },
  { key: 'category', label: '职工类别', required: false, synonyms: ['职工类别', '人员类别', '用工形式', '职工类型', '人员类型'], hint: '不填为一般职工' },
  { key: 'joinDate', label: '入会日期', required: false, synonyms: ['入会日期', '入会时间', '入会年月'] },
];

export const employerFields: readonly FieldDef[] = [
  { key: 'name', label: '单位名称', required: true, synonyms: ['单位名称', '用人单位名称', '企业名称', '用人单位', '单位全称', '企业(单位)名称'] },
  { key: 'creditCode', label: '统一社会信用代码', required: false, synonyms: ['统一社会信用代码', '信用代码', '社会信用代码'], hint: '有代码的单位按代码识别，没有的按名称识别' },
  { key: 'ownership', label: '经济类型', required: false, synonyms: ['经济类型', '所有制', '经济性质', '所有制性质', '所有制类型', '单位性质'], hint: '新登记的单位必填' },
  { key: 'industry', label: '行业', required: false, synonyms: ['行业', '所属行业', '行业门类', '行业类别'], hint: '新登记的单位必填；写门类名称或字母，如“制造业”或“C”' },
  { key: 'township', label: '所在乡镇', required: false, synonyms: ['所在乡镇', '乡镇', '所在街道', '乡镇街道', '所在乡镇街道'] },
  { key: 'address', label: '地址', required: false, synonyms: ['地址', '单位地址', '注册地址', '详细地址', '经营地址'] },
  { key: 'employeeCount', label: '职工人数', required: false, synonyms: ['职工人数', '职工总数', '从业人员', '从业人员数', '员工人数', '职工数'] },
  { key: 'womenCount', label: '女职工人数', required: false, synonyms: ['女职工人数', '女职工', '女职工数'] },
  { key: 'migrantCount', label: '农民工人数', required: false, synonyms: ['农民工人数', '农民工', '农民工数'] },
  { key: 'dispatchedCount', label: '劳务派遣人数', required: false, synonyms: ['劳务派遣人数', '劳务派遣', '劳务派遣工', '派遣人数', '劳务派遣工人数'] },
  { key: 'platformCount', label: '新就业形态劳动者人数', required: false, synonyms: ['新就业形态劳动者人数', '新就业形态', '新就业形态劳动者', '新就业形态人数'] },
  { key: 'hasUnion', label: '是否建会', required: false, synonyms: ['是否建会', '已建会', '建会情况', '是否建立工会', '是否已建会'], hint: '填“是”或“否”' },
  { key: 'unionName', label: '工会名称', required: false, synonyms: ['工会名称', '所属工会', '覆盖工会', '所在工会'], hint: '本单位的工会或覆盖它的联合基层工会，须为导入目标工会或其下级工会' },
];

export const importFields: Record<ImportKind, readonly FieldDef[]> = { members: memberFields, employers: employerFields };

/** Member imports need member:write, employer imports employer:write, in the target's subtree. */
export const importPermission: Record<ImportKind, Permission> = { members: 'member:write', employers: 'employer:write' };

export const kindLabels: Record<ImportKind, string> = { members: '会员', employers: '用人单位' };

/** Columns that are recognised but never imported (序号 and the like). */
export const ignoredHeaders: readonly string[] = ['序号', '编号', 'no', 'no.', '排序', '行号'];
