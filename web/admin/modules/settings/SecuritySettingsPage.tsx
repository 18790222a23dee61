import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Space } from 'antd';
import { get, put } from '../../api';
import { meQueryKey, useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface SecuritySettings {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  passwordMaxAgeDays: number;
  logRetentionDays: number;
}

type Field = keyof SecuritySettings;

// the server's limits (server/platform/settings.ts), shown beside each field
const fields: { section: string; items: { name: Field; min: number; max: number; unit: string; atLeast?: boolean }[] }[] = [
  {
    section: t.settings.session,
    items: [
      { name: 'idleTimeoutMinutes', min: 5, max: 120, unit: t.settings.minutes },
      { name: 'absoluteTimeoutHours', min: 1, max: 24, unit: t.settings.hours },
    ],
  },
  {
    section: t.settings.lockout,
    items: [
      { name: 'lockoutThreshold', min: 3, max: 10, unit: t.settings.times },
      { name: 'lockoutMinutes', min: 5, max: 1440, unit: t.settings.minutes },
    ],
  },
  { section: t.settings.password, items: [{ name: 'passwordMaxAgeDays', min: 30, max: 365, unit: t.settings.days }] },
  { section: t.settings.logs, items: [{ name: 'logRetentionDays', min: 180, max: 3650, unit: t.settings.days, atLeast: true }] },
];

const settingsKey = ['settings', 'security'] as const;

/** 安全设置 (等保): session, lockout, password and log-retention limits. */
export function SecuritySettingsPage() {
  const { can } = useAuth();
  const writable = can('setting:write');
  const [form] = Form.useForm<SecuritySettings>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => get<{ value: SecuritySettings; defaults: SecuritySettings }>('/api/settings/security') });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.value);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: SecuritySettings) => put('/api/settings/security', v),
    onSuccess: async () => {
      message.success(t.common.saved);
      await queryClient.invalidateQueries({ queryKey: settingsKey });
      // the idle timeout the header watches comes with who-am-I
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError,
  });

  if (settings.isPending) return <PageLoading />;
  if (settings.error) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  const defaults = settings.data.defaults;

  return (
    <>
      <PageHeader title={t.settings.title} />
      <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 960 }}>
        <Alert type="info" showIcon title={t.settings.intro} />
        {writable ? null : <Alert type="warning" showIcon title={t.settings.readonly} />}
        <Form form={form} name="security-settings" layout="vertical" disabled={!writable} onFinish={(v) => save.mutate(v)} data-testid="security-settings-form">
          <Row gutter={[16, 16]}>
            {fields.map((group) => (
              <Col key={group.section} xs={24} md={12}>
                <Card size="small" title={group.section} style={{ height: '100%' }}>
                  {group.items.map((f) => (
                    <Form.Item
                      key={f.name}
                      name={f.name}
                      label={t.settings[f.name]}
                      extra={t.settings.hintLine(t.settings.hints[f.name], f.atLeast ? t.settings.atLeast(f.min, f.unit) : t.settings.range(f.min, f.max, f.unit), t.settings.defaultValue(defaults[f.name], f.unit))}
                      rules={[
                        { required: true, message: t.common.required(t.settings[f.name]) },
                        { type: 'number', min: f.min, max: f.max, message: t.settings.invalid(t.settings[f.name], f.atLeast ? t.settings.atLeast(f.min, f.unit) : t.settings.range(f.min, f.max, f.unit)) },
                      ]}
                    >
                      {/* no min/max here: an out-of-range value is shown as an error, never silently clamped */}
                      <InputNumber precision={0} suffix={f.unit} style={{ width: 200 }} />
                    </Form.Item>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
          {writable ? (
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">{t.common.save}</Button>
              <Button onClick={() => form.setFieldsValue(defaults)}>{t.settings.restoreDefaults}</Button>
              <Button onClick={() => form.setFieldsValue(settings.data.value)}>{t.common.reset}</Button>
            </Space>
          ) : null}
        </Form>
      </Space>
    </>
  );
}
