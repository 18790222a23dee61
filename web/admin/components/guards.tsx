import { useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import type { Permission } from '../../../lib/permissions';
import { isApiError } from '../api';
import { AuthProvider, mustChangePassword, reconcileCurrentOrg, useAuth, useMeQuery } from '../auth';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PageLoading, QueryError } from './status';

/** Signed in, or off to /login; a password that must change first, or off to /account/password. */
export function RequireAuth() {
  const me = useMeQuery();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (me.data) reconcileCurrentOrg(me.data, queryClient);
  }, [me.data, queryClient]);

  if (me.isPending) return <PageLoading full />;
  if (me.error) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search, reason: me.error.code === 'SESSION_EXPIRED' ? me.error.message : undefined }} />;
    }
    return <div style={{ padding: 48 }}><QueryError error={me.error} onRetry={() => me.refetch()} /></div>;
  }
  if (mustChangePassword(me.data) && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }
  return (
    <AuthProvider me={me.data}>
      <Outlet />
    </AuthProvider>
  );
}

/** The page, or 无权访问 when the user lacks its permission (the server would refuse anyway), or 页面不存在 when the address carries a malformed record id. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  const { id } = useParams();
  if (!can(permission)) return <ForbiddenPage />;
  // a record's page under a mistyped address (/appeals/warnings) is not found, not a page that
  // waits forever for a record it never asks for
  if (id !== undefined && !/^[1-9]\d{0,15}$/.test(id)) return <NotFoundPage />;
  return <>{children}</>;
}
