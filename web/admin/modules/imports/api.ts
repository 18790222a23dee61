import { postForm, download, get, post, put, type Page } from '../../api';

export type ImportKind = 'members' | 'employers';
export type Outcome = 'new' | 'update' | 'unchanged' | 'error' | 'transfer_suggested';

export interface Counts {
  rows: number; new: number; update: number; unchanged: number; error: number; transfer_suggested: number; skipped: number;
  skippedByReason: Record<string, number>;
}

export interface Batch {
  id: string;
  kind: ImportKind;
  kindLabel: string;
  orgId: number;
  orgName: string | null;
  fileName: string;
  status: 'uploaded' | 'mapped' | 'validating' | 'dry_run' | 'committing' | 'committed' | 'failed';
  statusLabel: string;
  sheets: { name: string; rows: number | null }[];
  sheetName: string;
  headerRow: number;
  headers: { column: number; letter: string; text: string; field: string | null }[];
  mapping: Record<string, number>;
  fields: { key: string; label: string; required: boolean }[];
  missing: string[];
  preview: string[][];
  counts: Counts | null;
  message: string | null;
  jobId: string | null;
  sameFileAs?: { id: string; committedAt: string | null } | null;
}

export interface BatchListItem {
  id: string; fileName: string; orgName: string; status: string; statusLabel: string; counts: Counts | null;
  createdBy: string | null; createdAt: string; committedAt: string | null;
}

export interface RowResult {
  rowNumber: number; outcome: Outcome; outcomeLabel: string; messages: string[]; cells: string[]; targetId: number | null; currentUnion: string | null;
}

const base = (kind: ImportKind) => `/api/imports/${kind}`;

/** multipart POST: the file and the target union; same headers as the JSON requests. */
export async function uploadImport(kind: ImportKind, file: File, orgId: number | undefined): Promise<Batch> {
  const body = new FormData();
  if (orgId) body.append('orgId', String(orgId));
  body.append('file', file, file.name);
  const res = await postForm(base(kind), body);
  return (await res.json()) as Batch;
}

export const fetchBatch = (kind: ImportKind, id: string) => get<Batch>(`${base(kind)}/${id}`);
export const saveMapping = (kind: ImportKind, id: string, mapping: Record<string, number | null>) => put<Batch>(`${base(kind)}/${id}/mapping`, { mapping });
export const startDryRun = (kind: ImportKind, id: string) => post<{ jobId: string }>(`${base(kind)}/${id}/dry-run`);
export const startCommit = (kind: ImportKind, id: string) => post<{ jobId: string }>(`${base(kind)}/${id}/commit`);
export const fetchRows = (kind: ImportKind, id: string, outcome: Outcome | undefined, page: number, pageSize: number) =>
  get<Page<RowResult>>(`${base(kind)}/${id}/rows`, { outcome, page, pageSize });
export const downloadReport = (kind: ImportKind, id: string) => download(`${base(kind)}/${id}/report.xlsx`, undefined, 'report.xlsx');
export const downloadTemplate = (kind: ImportKind) => download(`${base(kind)}/template.xlsx`, undefined, 'template.xlsx');
export const batchesUrl = base;
