import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { isApiError, post, setCurrentOrg } from '../api';
import { fetchMe, meQueryKey, mustChangePassword } from '../auth';
import { t } from '../i18n';

interface LoginState {
  from?: string;
  reason?: string;
}

interface Problem {
  title: string;
  detail?: string;
  type: 'error' | 'warning';
}

export function LoginPage() {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const state = (location.state ?? {}) as LoginState;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(
    state.reason ? { title: state.reason, type: 'warning' } : null,
  );

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await post('/api/auth/login', values, { authRedirect: false, orgScope: false });
      // a new session: forget the last user's organization and everything cached for them
      setCurrentOrg(null);
      queryClient.clear();
      const me = await queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe });
      if (mustChangePassword(me)) navigate('/account/password', { replace: true });
      else navigate(state.from && state.from !== '/login' ? state.from : '/', { replace: true });
    } catch (e) {
      if (!isApiError(e)) {
        setProblem({ title: (e as Error).message, type: 'error' });
      } else if (e.code === 'ACCOUNT_LOCKED') {
        setProblem({ title: t.login.locked, detail: e.message, type: 'error' });
      } else if (e.code === 'RATE_LIMITED') {
        setProblem({ title: t.login.rateLimited, detail: e.message, type: 'warning' });
      } else if (e.code === 'BAD_CREDENTIALS') {
        setProblem({ title: e.message || t.login.badCredentials, type: 'error' });
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
      } else if (e.fields) {
        form.setFields(Object.entries(e.fields).map(([name, text]) => ({ name: name as 'username' | 'password', errors: [text] })));
      } else {
        setProblem({ title: e.message, type: 'error' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gh-login">
      <div className="gh-login-brand">
        <span className="gh-logo">{t.app.logoChar}</span>
        <h1>{t.app.name}</h1>
      </div>
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0, marginBottom: 20 }}>{t.login.subtitle}</Typography.Title>
        {problem ? (
          <Alert
            type={problem.type}
            showIcon
            title={problem.title}
            description={problem.detail}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form form={form} name="login" onFinish={submit} size="large" autoComplete="on" disabled={busy} requiredMark={false}>
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t.login.usernameRequired }]}>
            <Input prefix={<UserOutlined />} placeholder={t.login.username} autoComplete="username" autoFocus maxLength={40} />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t.login.passwordRequired }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t.login.password} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={busy}>{t.login.submit}</Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, marginTop: 12 }}>
          {t.login.notice}
        </Typography.Paragraph>
      </Card>
      <div className="gh-footer" style={{ marginTop: 24 }}>{t.app.copyright}</div>
    </div>
  );
}
