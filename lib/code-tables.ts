/**
 * Code tables (字典) for the enumerations used across server and web.
 * Codes are stable English snake_case identifiers (stored in the database);
 * labels are the Chinese display names. GB-coded tables (industry, ethnicity)
 * use the standard's codes.
 */

export interface CodeItem {
  code: string;
  label: string;
}

export interface CodeTable {
  code: string;
  name: string;
  items: readonly CodeItem[];
}

function table(code: string, name: string, items: ReadonlyArray<readonly [string, string]>): CodeTable {
  return { code, name, items: items.map(([c, label]) => ({ code: c, label })) };
}

/** 56 ethnic groups, GB/T 3304-1991 codes, plus 97 其他 and 98 外国血统. */
const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const tables: CodeTable[] = [
  table('org_kind', '组织类型', [
    ['county_federation', '县总工会'],
    ['township', '乡镇(街道)工会'],
    ['industry', '产业(系统)工会'],
    ['grassroots', '基层工会(单独建会)'],
    ['joint_grassroots', '联合基层工会'],
    ['group', '工会小组'],
  ]),
  table('joint_kind', '联合基层工会类型', [
    ['regional', '区域性'],
    ['sectoral', '行业性'],
  ]),
  table('ownership', '所有制', [
    ['state', '国有'],
    ['collective', '集体'],
    ['private', '私营'],
    ['foreign', '外资'],
    ['hmt', '港澳台'],
    ['individual', '个体'],
    ['social_org', '社会组织'],
    ['public_institution', '事业单位'],
    ['government', '机关'],
  ]),
  table('industry', '国民经济行业门类', [
    ['A', '农、林、牧、渔业'],
    ['B', '采矿业'],
    ['C', '制造业'],
    ['D', '电力、热力、燃气及水生产和供应业'],
    ['E', '建筑业'],
    ['F', '批发和零售业'],
    ['G', '交通运输、仓储和邮政业'],
    ['H', '住宿和餐饮业'],
    ['I', '信息传输、软件和信息技术服务业'],
    ['J', '金融业'],
    ['K', '房地产业'],
    ['L', '租赁和商务服务业'],
    ['M', '科学研究和技术服务业'],
    ['N', '水利、环境和公共设施管理业'],
    ['O', '居民服务、修理和其他服务业'],
    ['P', '教育'],
    ['Q', '卫生和社会工作'],
    ['R', '文化、体育和娱乐业'],
    ['S', '公共管理、社会保障和社会组织'],
    ['T', '国际组织'],
  ]),
  table('sex', '性别', [
    ['M', '男'],
    ['F', '女'],
  ]),
  table('ethnicity', '民族', [
    ...ETHNICITIES.map((label, i) => [String(i + 1).padStart(2, '0'), label] as const),
    ['97', '其他'],
    ['98', '外国血统'],
  ]),
  table('education', '学历', [
    ['postgraduate', '研究生'],
    ['bachelor', '大学本科'],
    ['college', '大学专科'],
    ['secondary_vocational', '中专/技校'],
    ['high_school', '高中'],
    ['junior_high', '初中'],
    ['primary', '小学及以下'],
  ]),
  table('political_status', '政治面貌', [
    ['cpc_member', '中共党员'],
    ['cpc_probationary', '中共预备党员'],
    ['cyl_member', '共青团员'],
    ['democratic_party', '民主党派'],
    ['non_party', '无党派人士'],
    ['masses', '群众'],
  ]),
  table('worker_category', '职工类别', [
    ['regular', '一般职工'],
    ['migrant', '农民工'],
    ['dispatched', '劳务派遣工'],
    ['platform', '新就业形态劳动者'],
  ]),
  table('member_status', '会员状态', [
    ['active', '在册'],
    ['transferred_out', '转出'],
    ['withdrawn', '退会'],
    ['deceased', '死亡'],
  ]),
  table('appeal_type', '诉求类型', [
    ['consultation', '咨询'],
    ['help', '求助'],
    ['complaint', '投诉'],
    ['legal_aid', '法律援助'],
    ['suggestion', '建议'],
  ]),
  table('appeal_subject', '诉求事项', [
    ['wage_arrears', '欠薪'],
    ['labor_contract', '劳动合同'],
    ['social_insurance', '社会保险'],
    ['work_injury', '工伤'],
    ['assistance', '帮扶'],
    ['other', '其他'],
  ]),
  table('difficulty_tier', '办理难度', [
    ['ordinary', '一般'],
    ['hard', '较难'],
    ['complex', '疑难'],
  ]),
  table('appeal_channel', '受理渠道', [
    ['phone', '电话(12351)'],
    ['walk_in', '来访'],
    ['letter', '来信'],
    ['portal', '网上'],
  ]),
  table('hardship_level', '困难类别', [
    ['deep', '深度困难'],
    ['relative', '相对困难'],
    ['accidental', '意外致困'],
    ['none', '不符合'],
  ]),
  table('hardship_cause', '致困原因', [
    ['illness', '患病'],
    ['disability', '残疾'],
    ['disaster', '灾害'],
    ['unemployment', '失业'],
    ['schooling', '子女就学'],
    ['accident', '意外事故'],
    ['other', '其他'],
  ]),
  table('work_status', '工作状态', [
    ['employed', '在岗'],
    ['laid_off', '下岗'],
    ['unemployed', '失业'],
    ['retired', '退休'],
    ['sick_leave', '病休'],
    ['internal_retired', '内退'],
    ['migrant', '农民工'],
  ]),
  table('hardship_health', '健康状况', [
    ['healthy', '健康'],
    ['chronic', '慢性病'],
    ['serious_illness', '重大疾病'],
    ['disabled', '残疾'],
    ['incapacitated', '丧失劳动能力'],
  ]),
  table('disability_grade', '残疾等级', [
    ['none', '无'],
    ['grade_1', '一级'],
    ['grade_2', '二级'],
    ['grade_3', '三级'],
    ['grade_4', '四级'],
  ]),
  table('hukou_kind', '户籍类型', [
    ['urban', '城镇'],
    ['rural', '农村'],
  ]),
  table('housing_kind', '住房情况', [
    ['own', '自有住房'],
    ['rented', '租房'],
    ['public_rental', '公租房'],
    ['relatives', '借住亲友'],
    ['none', '无固定住所'],
  ]),
  table('employer_condition', '单位经营状况', [
    ['normal', '正常'],
    ['difficult', '困难'],
    ['suspended', '停产半停产'],
    ['bankrupt', '破产关闭'],
    ['none', '无单位'],
  ]),
  table('household_relation', '与职工关系', [
    ['self', '本人'],
    ['spouse', '配偶'],
    ['child', '子女'],
    ['parent', '父母'],
    ['parent_in_law', '岳父母/公婆'],
    ['grandchild', '孙子女'],
    ['sibling', '兄弟姐妹'],
    ['other', '其他'],
  ]),
  table('insurance_kind', '参保情况', [
    ['none', '未参保'],
    ['employee_medical', '职工医保'],
    ['resident_medical', '居民医保'],
    ['employee_pension', '职工养老'],
    ['resident_pension', '居民养老'],
  ]),
  table('school_stage', '就学情况', [
    ['none', '未就学'],
    ['preschool', '学前'],
    ['primary', '小学'],
    ['junior', '初中'],
    ['senior', '高中'],
    ['vocational', '中职'],
    ['college_entrant', '当年考入大学'],
    ['college', '大学在读'],
    ['graduate', '研究生在读'],
  ]),
  table('finance_item', '收支项目', [
    ['pension', '养老金'],
    ['dibao', '低保金'],
    ['subsidy', '各类补贴'],
    ['rent_income', '租金收入'],
    ['farming', '种养殖收入'],
    ['other_income', '其他收入'],
    ['medical', '医疗支出'],
    ['schooling', '教育支出'],
    ['rent', '房租'],
    ['care', '护理支出'],
    ['other_expense', '其他刚性支出'],
    ['accident_cost', '意外事故支出'],
    ['disaster_loss', '灾害损失'],
  ]),
  table('hardship_document', '档案材料', [
    ['diagnosis', '诊断证明'],
    ['id_card', '身份证'],
    ['hukou_book', '户口簿'],
    ['employer_proof', '单位证明'],
    ['income_proof', '收入证明'],
    ['bill', '费用票据'],
    ['other', '其他'],
  ]),
  table('campaign_kind', '帮扶活动', [
    ['winter_warmth', '送温暖'],
    ['summer_cooling', '夏送清凉'],
    ['autumn_tuition', '金秋助学'],
    ['spring_jobs', '春送岗位'],
    ['medical_aid', '医疗救助'],
    ['temporary_aid', '临时救助'],
  ]),
  table('pairing_helper_kind', '结对帮扶方', [
    ['cadre', '干部结对'],
    ['unit', '单位结对'],
  ]),
  table('pairing_visit_kind', '走访内容', [
    ['condolence', '慰问'],
    ['goods', '送物资'],
    ['policy', '政策宣讲'],
    ['employment', '就业帮扶'],
    ['schooling', '助学'],
    ['medical', '医疗救助'],
    ['other', '其他'],
  ]),
  table('pairing_outcome', '帮扶成效', [
    ['out_of_hardship', '已脱困'],
    ['improved', '好转'],
    ['continuing', '持续帮扶'],
  ]),
  table('pairing_status', '结对状态', [
    ['active', '结对中'],
    ['ended', '已结束'],
  ]),
  table('campaign_fund_source', '帮扶资金来源', [
    ['upper_allocation', '上级工会拨款'],
    ['county_fund', '县总工会经费'],
    ['fiscal_match', '财政配套'],
    ['donation', '社会捐赠'],
    ['other', '其他'],
  ]),
  table('campaign_category', '帮扶对象类别', [
    ['model_worker', '困难劳模'],
    ['migrant', '困难农民工'],
    ['single_parent', '单亲困难职工'],
    ['serious_illness', '大病职工'],
    ['disabled', '残疾职工'],
    ['frontline', '一线职工'],
    ['other', '其他'],
  ]),
  table('mutual_aid_plan_kind', '互助保障计划', [
    ['inpatient', '住院医疗'],
    ['critical_illness', '重大疾病'],
    ['accident', '意外伤害'],
    ['women_special', '女职工特殊疾病'],
  ]),
  table('honor_level', '荣誉级别', [
    ['national', '全国'],
    ['provincial', '省级'],
    ['city', '市级'],
    ['county', '县级'],
  ]),
  table('honor_kind', '荣誉类型', [
    ['model_worker', '劳动模范'],
    ['may_day_medal', '五一劳动奖章'],
    ['pioneer_team', '工人先锋号'],
  ]),
  table('collective_contract_kind', '集体合同类型', [
    ['comprehensive', '综合'],
    ['wage', '工资专项'],
    ['women', '女职工权益专项'],
    ['safety', '劳动安全卫生专项'],
  ]),
  table('legal_stage', '法律援助办理阶段', [
    ['filing', '立案'],
    ['investigation', '调查取证'],
    ['arbitration_hearing', '仲裁开庭'],
    ['arbitration_award', '仲裁裁决'],
    ['litigation', '诉讼'],
    ['court_hearing', '法院开庭'],
    ['judgment', '判决'],
    ['enforcement', '执行'],
    ['settlement', '和解/调解'],
    ['other', '其他'],
  ]),
  table('legal_event_kind', '法治宣传形式', [
    ['lecture', '法治讲座'],
    ['consultation', '法律咨询'],
    ['into_enterprise', '送法进企业'],
    ['training', '培训'],
    ['exhibition', '展板宣传'],
    ['other', '其他'],
  ]),
  table('user_status', '账号状态', [
    ['active', '正常'],
    ['disabled', '停用'],
    ['locked', '锁定'],
  ]),
];

export const codeTables: Record<string, CodeTable> = Object.fromEntries(tables.map((t) => [t.code, t]));

/** Non-public economy (非公有制经济) ownership codes. */
export const nonPublicOwnerships = ['private', 'foreign', 'hmt', 'individual'] as const;

// code → label per table, built once for O(1) lookups.
const labelIndex = new Map<string, Map<string, string>>(
  tables.map((t) => [t.code, new Map(t.items.map((i) => [i.code, i.label]))]),
);

/** Label for a code; the code itself when unknown (old data stays readable); '' for empty. */
export function codeLabel(table: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return labelIndex.get(table)?.get(code) ?? code;
}

export function isValidCode(table: string, code: string): boolean {
  return labelIndex.get(table)?.has(code) ?? false;
}

export function codeTableList(): CodeTable[] {
  return [...tables];
}
