// The one way the console talks to the server: JSON over fetch with the session cookie, the
// CSRF header on every write, and the organization switcher's X-Org-Id on every request.

import { t } from './i18n';

export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A page of a server-side list: `{ items, total, page, pageSize }`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- the organization switcher's selection ------------------------------------------------

export interface CurrentOrg {
  id: number;
  name: string;
  path: string;
}

const ORG_KEY = 'gonghui.admin.org';
const orgListeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cachedOrg: CurrentOrg | null = null;

/** The switcher's organization, or null for the whole scope; the same object until it changes. */
export function getCurrentOrg(): CurrentOrg | null {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(ORG_KEY);
  } catch {
    return null;
  }
  if (raw === cachedRaw) return cachedOrg;
  cachedRaw = raw;
  cachedOrg = null;
  try {
    const v = raw ? (JSON.parse(raw) as Partial<CurrentOrg>) : null;
    if (v && typeof v.id === 'number' && typeof v.name === 'string' && typeof v.path === 'string') cachedOrg = v as CurrentOrg;
  } catch {
    // a damaged entry counts as none
  }
  return cachedOrg;
}

export function setCurrentOrg(org: CurrentOrg | null): void {
  if (org) localStorage.setItem(ORG_KEY, JSON.stringify(org));
  else localStorage.removeItem(ORG_KEY);
  for (const fn of orgListeners) fn();
}

// another tab of the console switched: this one follows, so its header and its requests agree
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === ORG_KEY) for (const fn of orgListeners) fn();
  });
}

export function subscribeCurrentOrg(fn: () => void): () => void {
  orgListeners.add(fn);
  return () => orgListeners.delete(fn);
}

// ---- what happens when the session is gone or a password must be changed ------------------

type Redirect = (to: '/login' | '/account/password', reason: string) => void;
let redirect: Redirect = (to) => {
  if (window.location.pathname !== to) window.location.assign(to);
};

/** The app installs a router-aware handler (keeps the SPA, clears the cache). */
export function setRedirectHandler(fn: Redirect): void {
  redirect = fn;
}

// the last time the server saw us: the idle-timeout hint counts from here
let lastActivity = Date.now();
export const lastServerActivity = () => lastActivity;

// ---- requests --------------------------------------------------------------------------

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** false: do not narrow to the switcher's organization (the switcher itself, /auth/me) */
  orgScope?: boolean;
  /** false: a 401 is the caller's business (the login form), no redirect */
  authRedirect?: boolean;
  signal?: AbortSignal;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function headersFor(opts: RequestOptions, json: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  if (json) headers.set('Content-Type', 'application/json');
  if (opts.method && opts.method !== 'GET') headers.set('X-Requested-With', 'gonghui');
  if (opts.orgScope !== false) {
    const org = getCurrentOrg();
    if (org) headers.set('X-Org-Id', String(org.id));
  }
  return headers;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = {};
  try {
    body = (await res.json()) as ApiErrorBody;
  } catch {
    // not JSON (a proxy's error page): fall through to a generic message
  }
  const e = body.error ?? {};
  return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? t.errors.http(res.status), e.fields);
}

function handleAuth(err: ApiError, opts: RequestOptions): void {
  if (opts.authRedirect === false) return;
  if (err.status === 401) redirect('/login', err.message);
  else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') redirect('/account/password', err.message);
}

async function send(url: string, opts: RequestOptions): Promise<Response> {
  const hasBody = opts.body !== undefined;
  // an upload goes as multipart (the browser sets its boundary); everything else as JSON
  const form = opts.body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url + toQueryString(opts.query), {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers: headersFor(opts, hasBody && !form),
      body: form ? (opts.body as FormData) : hasBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', t.errors.network);
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    handleAuth(err, opts);
    throw err;
  }
  lastActivity = Date.now();
  return res;
}

export async function api<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(url, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await res.json() : await res.text()) as T;
}

export const get = <T>(url: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'method'> = {}) =>
  api<T>(url, { ...opts, query });
export const post = <T>(url: string, body?: unknown, opts: Omit<RequestOptions, 'body' | 'method'> = {}) =>
  api<T>(url, { ...opts, method: 'POST', body: body ?? {} });
export const put = <T>(url: string, body: unknown) => api<T>(url, { method: 'PUT', body });
export const patch = <T>(url: string, body: unknown) => api<T>(url, { method: 'PATCH', body });
export const del = <T>(url: string) => api<T>(url, { method: 'DELETE' });
/** A multipart POST (file uploads), with the same headers and error handling as every other write. */
export const postForm = (url: string, form: FormData) => send(url, { method: 'POST', body: form });

// ---- downloads -------------------------------------------------------------------------

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed name: use the plain one
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file (an export.xlsx) with the same headers as the table's own requests, so the
 * export covers exactly the organization the switcher narrows to, then saves it from a blob.
 */
export async function download(url: string, query?: Query, fallbackName = 'export.xlsx'): Promise<void> {
  const res = await send(url, { query });
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filenameFrom(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // give the browser time to start the save before the blob goes
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
