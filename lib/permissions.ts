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
    permissions: ['org:read', 'org:write', 'member:read', 'member:write', 'member:reveal', 'employer:read', 'employer:write', 'committee:read', 'committee:write', 'coverage:read', 'dashboard:read'],
  },
  {
    code: 'township_cadre', name: '乡镇(街道)工会干部', description: '维护本辖区工会、用人单位和会员，初审', adminDuty: null,
    permissions: ['org:read', 'org:write', 'user:read', 'member:read', 'member:write', 'employer:read', 'employer:write', 'coverage:read', 'dashboard:read'],
  },
  {
    code: 'grassroots_chair', name: '基层工会主席/工作人员', description: '维护本工会会员，代职工申请', adminDuty: null,
    permissions: ['org:read', 'member:read', 'member:write', 'employer:read'],
  },
  { code: 'leader', name: '县领导(只读)', description: '查看驾驶舱与统计', adminDuty: null, permissions: ['org:read', 'committee:read', 'coverage:read', 'dashboard:read'] },
];
