import { del, get, patch, post, type Page } from '../../api';

export interface OrgNode {
  id: number;
  parentId: number | null;
  name: string;
  kind: string;
  path: string;
  shortName: string | null;
  regionCode: string | null;
  sortOrder: number;
  childCount: number;
}

export interface OrgListItem {
  id: number;
  name: string;
  kind: string;
  kindLabel: string;
  path: string;
  regionCode: string | null;
  parentName: string | null;
  createdAt: string;
}

export interface OrgDetail {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  short_name: string | null;
  kind: string;
  region_code: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
  ancestors: { id: number; name: string; kind: string }[];
  counts: { children: number; descendants: number; members: number; employers: number; users: number };
}

export interface OrgInput {
  parentId: number;
  name: string;
  kind: string;
  shortName?: string | null;
  regionCode?: string | null;
  sortOrder?: number;
}

export const orgKeys = {
  all: ['orgs'] as const,
  children: (parentId: number | 'root', orgScope: boolean) => ['orgs', 'children', parentId, orgScope] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
};

/** One level of the tree; no parentId: the roots of the (switcher-narrowed unless orgScope=false) scope. */
export const fetchOrgChildren = (parentId: number | undefined, orgScope = true, signal?: AbortSignal) =>
  get<{ items: OrgNode[] }>('/api/orgs/children', { parentId }, { orgScope, signal }).then((r) => r.items);

export const fetchOrg = (id: number) => get<OrgDetail>(`/api/orgs/${id}`);
export const searchOrgs = (q: string, pageSize = 20) => get<Page<OrgListItem>>('/api/orgs', { q, pageSize, sort: 'path' });
export const createOrg = (input: OrgInput) => post<OrgDetail>('/api/orgs', input);
export const updateOrg = (id: number, input: Partial<Omit<OrgInput, 'parentId'>>) => patch<OrgDetail>(`/api/orgs/${id}`, input);
export const moveOrg = (id: number, parentId: number) => post<OrgDetail>(`/api/orgs/${id}/move`, { parentId });
export const deleteOrg = (id: number) => del<{ ok: true }>(`/api/orgs/${id}`);
