import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { t } from '../i18n';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t.notFound.title}
      subTitle={t.notFound.text}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t.notFound.home}</Button>}
      data-testid="not-found"
    />
  );
}
