import type { Permission } from '../../lib/permissions.js';
import type { Db } from './db.js';
import { forbidden } from './errors.js';
import { isWithin, minimalPaths } from './scope.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
}

export interface Grant {
  roleId: number;
  roleCode: string;
  roleName: string;
  adminDuty: 'system' | 'security' | 'audit' | null;
  permissions: ReadonlySet<string>;
  orgId: number;
  orgName: string;
  orgPath: string;
}

/**
 * What the signed-in user may do, and where. A permission reaches the subtrees of the
 * organizations where the user holds a role that carries it; the organization switcher
 * narrows that to one subtree but never widens it.
 */
export class AccessContext {
  constructor(
    readonly user: SessionUser,
    readonly grants: readonly Grant[],
    readonly currentOrgPath: string | null = null,
  ) {}

  can(permission: Permission): boolean {
    return this.grants.some((g) => g.permissions.has(permission));
  }

  permissions(): string[] {
    return [...new Set(this.grants.flatMap((g) => [...g.permissions]))].sort();
  }

  /** The subtrees (ltree paths) where `permission` holds. Empty when it holds nowhere. */
  scope(permission: Permission): string[] {
    const paths = minimalPaths(this.grants.filter((g) => g.permissions.has(permission)).map((g) => g.orgPath));
    const current = this.currentOrgPath;
    if (!current) return paths;
    // narrow each subtree to the chosen organization
    return minimalPaths(
      paths.flatMap((p) => (isWithin(current, p) ? [current] : isWithin(p, current) ? [p] : [])),
    );
  }

  /** Every subtree the user has any role in: the organization switcher's range. */
  anyScope(): string[] {
    return minimalPaths(this.grants.map((g) => g.orgPath));
  }

  require(permission: Permission): string[] {
    const paths = this.scope(permission);
    if (paths.length === 0) throw forbidden();
    return paths;
  }

  /** Deployment-wide things (settings, roles, code tables) need the permission at the tree's root. */
  requireTop(permission: Permission): void {
    if (!this.require(permission).some((p) => !p.includes('.'))) throw forbidden('此操作须由全县（根组织）范围的管理员执行');
  }

  adminDuties(): Set<string> {
    return new Set(this.grants.map((g) => g.adminDuty).filter((d): d is NonNullable<typeof d> => d !== null));
  }
}

export async function loadGrants(db: Db, userId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('org as o', 'o.id', 'ur.org_id')
    .select(['r.id as roleId', 'r.code as roleCode', 'r.name as roleName', 'r.admin_duty as adminDuty', 'r.permissions', 'o.id as orgId', 'o.name as orgName', 'o.path as orgPath'])
    .where('ur.user_id', '=', userId)
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ ...r, permissions: new Set(r.permissions) }));
}
