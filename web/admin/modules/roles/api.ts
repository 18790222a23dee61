import { del, get, patch, post } from '../../api';

export interface Role {
  id: number;
  code: string;
  name: string;
  description: string;
  builtin: boolean;
  adminDuty: 'system' | 'security' | 'audit' | null;
  permissions: string[];
  userCount: number;
}

export interface RolesResponse {
  items: Role[];
  permissionCatalog: Record<string, string>;
  allPermissions: string[];
}

export interface RoleInput {
  code: string;
  name: string;
  description: string;
  permissions: string[];
}

export const roleKeys = { all: ['roles'] as const, list: ['roles', 'list'] as const };

export const fetchRoles = () => get<RolesResponse>('/api/roles');
export const createRole = (body: RoleInput) => post<Role>('/api/roles', body);
export const updateRole = (id: number, body: Partial<Omit<RoleInput, 'code'>>) => patch<Role>(`/api/roles/${id}`, body);
export const deleteRole = (id: number) => del(`/api/roles/${id}`);
