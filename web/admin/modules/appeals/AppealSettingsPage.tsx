import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, InputNumber, Row } from 'antd';
import { appealKeys, fetchSettings, saveSettings, type AppealSettings } from './api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/status';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const tx = t.appeals;
type SettingsForm = Omit<AppealSettings, 'arrearsFen'> & { arrearsYuan: number };

/** 时限与预警设置: the working-day limits per tier and the early-warning thresholds (county staff). */
export function AppealSettingsPage() {
  const { me, can } = useAuth();
  const [form] = Form.useForm<SettingsForm>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const settings = useQuery({ queryKey: appealKeys.settings, queryFn: fetchSettings });
  // only the county level changes them (the server checks: requireTop)
  const editable = can('appeal:assign') && me.scopeOrgs.some((o) => !o.path.includes('.'));
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ ...settings.data, arrearsYuan: settings.data.arrearsFen / 100 });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: ({ arrearsYuan, ...v }: SettingsForm) => saveSettings({ ...v, arrearsFen: Math.round(arrearsYuan * 100) }),
    onSuccess: async (v) => { queryClient.setQueryData(appealKeys.settings, v); message.success(t.common.saved); },
    onError,
  });
  if (settings.error) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  const num = (name: keyof SettingsForm, label: string, min = 1, precision = 0) => (
    <Col xs={24} md={8} key={name}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t.common.required(label) }]}>
        <InputNumber min={min} precision={precision} style={{ width: '100%' }} disabled={!editable} data-testid={`settings-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <PageHeader title={tx.settingsTitle} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tx.settingsIntro} />
      {!editable ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx.settingsReadOnly} /> : null}
      <Form form={form} name="appeal-settings" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Card size="small" title={tx.limits} loading={settings.isPending} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {num('ackDays', tx.ackDays)}
            {num('limitOrdinary', tx.limitOrdinary)}
            {num('limitHard', tx.limitHard)}
            {num('limitComplex', tx.limitComplex)}
            {num('warnDays', tx.warnDays, 0)}
          </Row>
        </Card>
        <Card size="small" title={tx.thresholds} loading={settings.isPending} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {num('groupWorkers', tx.groupWorkers, 2)}
            {num('arrearsYuan', tx.arrearsYuan, 1, 2)}
            {num('repeatCount', tx.repeatCount, 2)}
            {num('repeatDays', tx.repeatDays)}
          </Row>
        </Card>
        {editable ? <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">{t.common.save}</Button> : null}
      </Form>
    </>
  );
}
