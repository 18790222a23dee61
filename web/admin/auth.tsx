import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../lib/permissions';
import { get, getCurrentOrg, setCurrentOrg, subscribeCurrentOrg, type CurrentOrg } from './api';

export interface MeGrant {
  roleCode: string;
  roleName: string;
  orgId: number;
  orgName: string;
}

export interface ScopeOrg {
  id: number;
  name: string;
  path: string;
  kind: string;
}

export interface Me {
  user: {
    id: number;
    username: string;
    displayName: string;
    orgId: number;
    orgName: string;
    mustChangePassword: boolean;
    passwordExpired: boolean;
  };
  permissions: string[];
  grants: MeGrant[];
  scopeOrgs: ScopeOrg[];
  idleTimeoutMinutes: number;
}

export const meQueryKey = ['auth', 'me'] as const;

// /auth/me always describes the whole scope: the switcher's narrowing does not apply to it
export const fetchMe = () => get<Me>('/api/auth/me', undefined, { orgScope: false, authRedirect: false });

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, retry: false, staleTime: 5 * 60_000 });
}

/** The header switcher's organization (null: the whole scope); re-renders when it changes. */
export function useCurrentOrg(): CurrentOrg | null {
  return useSyncExternalStore(subscribeCurrentOrg, getCurrentOrg);
}

export const mustChangePassword = (me: Me) => me.user.mustChangePassword || me.user.passwordExpired;

/** A path inside (or equal to) one of the scope roots: ltree paths of ids, '1.5.123'. */
export function isWithinScope(path: string, scopeOrgs: ScopeOrg[]): boolean {
  return scopeOrgs.some((s) => path === s.path || path.startsWith(`${s.path}.`));
}

/** Drops a remembered switcher selection that is not in this user's scope (another user signed in). */
export function reconcileCurrentOrg(me: Me, queryClient: QueryClient): void {
  const org = getCurrentOrg();
  if (org && !isWithinScope(org.path, me.scopeOrgs)) {
    setCurrentOrg(null);
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  }
}

export interface Auth {
  me: Me;
  can: (permission: Permission) => boolean;
  /** the federation shown in the header: the first root of the user's scope */
  federationName: string;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<Auth>(() => {
    const perms = new Set(me.permissions);
    return {
      me,
      can: (p) => perms.has(p),
      federationName: me.scopeOrgs[0]?.name ?? me.user.orgName,
    };
  }, [me]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
