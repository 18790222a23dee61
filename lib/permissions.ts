// The permission catalog: every route declares one of these, every role holds a set of them.
// Modules add their permissions here so the role editor and the menu can list them.
export const permissionCatalog = {
  'org:read': '查看组织',
  'org:write': '维护组织',
  'user:read': '查看账号',
  'user:write': '管理账号',
  'role:read': '查看角色',
  'role:write': '管理角色',
  'role:grant': '授权',
  'audit:read': '查看审计日志',
  'dict:write': '维护字典',
  'setting:read': '查看系统设置',
  'setting:write': '修改系统设置',
  'member:read': '查看会员',
  'member:write': '维护会员',
  'member:reveal': '查看完整证件号码',
  'employer:read': '查看用人单位',
  'employer:write': '维护用人单位',
  'committee:read': '查看县总工会委员会',
  'committee:write': '维护县总工会委员会',
  'coverage:read': '查看建会率与入会率',
  'dashboard:read': '查看驾驶舱',
  'calendar:write': '维护工作日历（节假日与调休）',
  'hardship:read': '查看困难职工档案',
  'hardship:apply': '申报困难职工档案',
  'hardship:review': '审核困难职工档案（基层审核、入户核查）',
  'hardship:approve': '审批困难职工档案（县总工会）',
  'pairing:read': '查看结对帮扶',
  'pairing:write': '维护结对帮扶',
  'campaign:read': '查看帮扶活动',
  'campaign:write': '维护帮扶活动与名单',
  'campaign:approve': '审批帮扶名单',
  'campaign:distribute': '登记发放与签收',
  'appeal:read': '查看职工诉求',
  'appeal:write': '受理与办理职工诉求',
  'appeal:assign': '分派与督办职工诉求',
  'warning:read': '查看预警',
  'legal:read': '查看法律援助与劳动争议调解',
  'legal:write': '办理法律援助与劳动争议调解',
  'legal:approve': '审查法律援助申请',
} as const;

export type Permission = keyof typeof permissionCatalog;
/** What a route declares: a permission, or one of the two markers for routes open to all. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const allPermissions = Object.keys(permissionCatalog) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(permissionCatalog, value);
}

/** 三员分立: each administrator duty holds only its own permissions. */
export const adminDutyPermissions: Record<'system' | 'security' | 'audit', readonly Permission[]> = {
  system: ['org:read', 'org:write', 'user:read', 'user:write', 'dict:write', 'setting:read', 'setting:write'],
  security: ['org:read', 'user:read', 'role:read', 'role:write', 'role:grant'],
  audit: ['org:read', 'user:read', 'audit:read'],
};

export interface BuiltinRole {
  code: string;
  name: string;
  description: string;
  adminDuty: 'system' | 'security' | 'audit' | null;
  permissions: readonly Permission[];
}

export const builtinRoles: readonly BuiltinRole[] = [
  { code: 'sys_admin', name: '系统管理员', description: '管理账号、组织、字典和系统设置（三员之一）', adminDuty: 'system', permissions: adminDutyPermissions.system },
  { code: 'security_admin', name: '安全管理员', description: '管理角色与授权（三员之一）', adminDuty: 'security', permissions: adminDutyPermissions.security },
  { code: 'auditor', name: '安全审计员', description: '查阅审计日志与登录日志（三员之一）', adminDuty: 'audit', permissions: adminDutyPermissions.audit },
  {
    code: 'county_staff', name: '县总工会工作人员', description: '全县业务办理与审批', adminDuty: null,
    permissions: [
      'org:read', 'org:write', 'member:read', 'member:write', 'member:reveal', 'employer:read', 'employer:write', 'committee:read', 'committee:write', 'coverage:read', 'dashboard:read',
      'calendar:write', 'hardship:read', 'hardship:apply', 'hardship:review', 'hardship:approve', 'pairing:read', 'pairing:write',
      'campaign:read', 'campaign:write', 'campaign:approve', 'campaign:distribute',
      'appeal:read', 'appeal:write', 'appeal:assign', 'warning:read', 'legal:read', 'legal:write', 'legal:approve',
    ],
  },
  {
    code: 'township_cadre', name: '乡镇(街道)工会干部', description: '维护本辖区工会、用人单位和会员，初审', adminDuty: null,
    permissions: [
      'org:read', 'org:write', 'user:read', 'member:read', 'member:write', 'employer:read', 'employer:write', 'coverage:read', 'dashboard:read',
      'hardship:read', 'hardship:apply', 'hardship:review', 'pairing:read', 'pairing:write', 'campaign:read', 'campaign:write', 'campaign:distribute',
      'appeal:read', 'appeal:write', 'appeal:assign', 'warning:read', 'legal:read', 'legal:write',
    ],
  },
  {
    code: 'grassroots_chair', name: '基层工会主席/工作人员', description: '维护本工会会员，代职工申请', adminDuty: null,
    permissions: ['org:read', 'member:read', 'member:write', 'employer:read', 'hardship:read', 'hardship:apply', 'pairing:read', 'campaign:read', 'appeal:read', 'appeal:write'],
  },
  { code: 'leader', name: '县领导(只读)', description: '查看驾驶舱与统计', adminDuty: null, permissions: ['org:read', 'committee:read', 'coverage:read', 'dashboard:read', 'warning:read', 'appeal:read', 'legal:read', 'campaign:read'] },
];
