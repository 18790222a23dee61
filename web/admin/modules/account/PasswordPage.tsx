import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Progress, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { post } from '../../api';
import { meQueryKey, mustChangePassword, useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { passwordProblem, passwordStrength } from './password-policy';
import { t } from '../../i18n';

interface FormValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const strengthColors = ['#ff4d4f', '#ff7a45', '#faad14', '#52c41a', '#389e0d'];

/** 修改密码, also the forced change after an initial or expired password. */
export function PasswordPage() {
  const { me } = useAuth();
  const forced = mustChangePassword(me);
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const change = useMutation({
    mutationFn: (v: FormValues) => post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword }, { orgScope: false }),
    onSuccess: async () => {
      message.success(t.account.changed);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      if (forced) navigate('/', { replace: true });
    },
    onError,
  });

  return (
    <div style={{ maxWidth: 560, margin: forced ? '24px auto' : undefined }}>
      <PageHeader title={forced ? t.account.forcedTitle : t.account.passwordTitle} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title={me.user.passwordExpired && !me.user.mustChangePassword ? t.account.forcedExpired : t.account.forcedInitial}
            data-testid="forced-password-notice"
          />
        ) : null}
        <Card size="small" title={t.account.policyTitle}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {t.account.policy.map((line) => <li key={line}><Typography.Text type="secondary">{line}</Typography.Text></li>)}
          </ul>
        </Card>
        <Card size="small">
          <Form form={form} name="password" layout="vertical" onFinish={(v) => change.mutate(v)} autoComplete="off" data-testid="password-form">
            <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
            <Form.Item name="oldPassword" label={t.account.oldPassword} rules={[{ required: true, message: t.common.required(t.account.oldPassword) }]}>
              <Input.Password autoComplete="current-password" maxLength={128} autoFocus />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t.account.newPassword}
              dependencies={['oldPassword']}
              rules={[
                { required: true, message: t.common.required(t.account.newPassword) },
                { max: 64 },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | undefined) => {
                    if (!v) return;
                    const problem = passwordProblem(v, me.user.username);
                    if (problem) throw new Error(problem);
                    if (v === getFieldValue('oldPassword')) throw new Error(t.account.sameAsOld);
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={64} />
            </Form.Item>
            {newPassword ? (
              <Space style={{ marginTop: -12, marginBottom: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.account.strength}</Typography.Text>
                <Progress
                  percent={(passwordStrength(newPassword) + 1) * 20}
                  steps={5}
                  size={[36, 6]}
                  showInfo={false}
                  strokeColor={strengthColors[passwordStrength(newPassword)]}
                />
              </Space>
            ) : null}
            <Form.Item
              name="confirmPassword"
              label={t.account.confirmPassword}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t.common.required(t.account.confirmPassword) },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | undefined) => {
                    if (v && v !== getFieldValue('newPassword')) throw new Error(t.account.mismatch);
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={64} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Space>
                <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">{t.account.changePassword}</Button>
                {forced ? null : <Button onClick={() => navigate(-1)}>{t.common.back}</Button>}
              </Space>
            </Form.Item>
          </Form>
        </Card>
      </Space>
    </div>
  );
}
