import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { t } from '../i18n';

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t.forbidden.title}
      subTitle={t.forbidden.text}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t.forbidden.home}</Button>}
      data-testid="forbidden"
    />
  );
}
