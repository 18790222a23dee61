import { get, patch, post } from '../../api';

export type UserStatus = 'active' | 'disabled' | 'locked';

export interface UserListItem {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  roleNames: string;
  status: UserStatus;
  phone: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserGrant {
  roleId: number;
  roleCode: string;
  roleName: string;
  orgId: number;
  orgName: string;
  grantedAt: string;
}

export interface UserDetail {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  status: UserStatus;
  phone: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  grants: UserGrant[];
}

export interface RoleOption {
  id: number;
  code: string;
  name: string;
  adminDuty: string | null;
}

export const userKeys = {
  all: ['users'] as const,
  detail: (id: number) => ['users', 'detail', id] as const,
  roleOptions: ['roles', 'options'] as const,
};

export const fetchUser = (id: number) => get<UserDetail>(`/api/users/${id}`);
export const createUser = (body: { username: string; displayName: string; orgId: number; phone?: string | null }) =>
  post<{ user: { id: number; username: string }; initialPassword: string }>('/api/users', body);
export const updateUser = (id: number, body: { displayName?: string; orgId?: number; phone?: string | null }) => patch(`/api/users/${id}`, body);
export const setUserStatus = (id: number, status: 'active' | 'disabled') => post(`/api/users/${id}/status`, { status });
export const resetPassword = (id: number) => post<{ initialPassword: string }>(`/api/users/${id}/reset-password`);
export const unlockUser = (id: number) => post(`/api/users/${id}/unlock`);
export const revealPhone = (id: number) => post<{ phone: string }>(`/api/users/${id}/reveal-phone`);
export const fetchRoleOptions = () => get<{ items: RoleOption[] }>('/api/roles/options').then((r) => r.items);
export const grantRole = (id: number, roleId: number, orgId: number) => post(`/api/users/${id}/grants`, { roleId, orgId });
export const revokeRole = (id: number, roleId: number, orgId: number) => post(`/api/users/${id}/grants/revoke`, { roleId, orgId });
