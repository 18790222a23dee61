import { Alert, Button, Result, Spin } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { t } from '../i18n';

export function PageLoading({ full }: { full?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: full ? '100vh' : 240 }}>
      <Spin size="large" />
    </div>
  );
}

/** A failed query, in place of what it should have shown, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={t.errors.loadFailed}
      description={(error as Error)?.message}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t.common.retry}</Button> : undefined}
    />
  );
}

/** What a route shows when its page throws (a failed chunk after a deploy, a bug). */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : (error as Error)?.message;
  return (
    <Result
      status="error"
      title={t.errors.pageCrashed}
      subTitle={<>{t.errors.pageCrashedHint}<br />{detail}</>}
      extra={<Button type="primary" onClick={() => window.location.reload()}>{t.errors.reload}</Button>}
    />
  );
}
