import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { fetchDibao, hardshipKeys, saveDibao } from './api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface Values { rows: { year: number; yuan: number }[] }

/** 低保标准: the monthly per-person line of each year, from which the levels are computed. */
export function HardshipSettingsPage() {
  const { can } = useAuth();
  const query = useQuery({ queryKey: hardshipKeys.dibao, queryFn: fetchDibao });
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: Values) => saveDibao(Object.fromEntries(v.rows.map((r) => [String(r.year), Math.round(r.yuan * 100)]))),
    onSuccess: async () => { message.success(t.hardship.settingsSaved); await queryClient.invalidateQueries({ queryKey: hardshipKeys.dibao }); },
    onError,
  });
  if (query.isPending) return <PageLoading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const d = query.data;
  const editable = can('hardship:approve');
  const rows = Object.entries(d.lines).map(([year, fen]) => ({ year: Number(year), yuan: fen / 100 })).sort((a, b) => a.year - b.year);
  return (
    <>
      <PageHeader title={t.hardship.settingsTitle} />
      <Card size="small" style={{ maxWidth: 640 }}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.hardship.settingsHint} />
        {d.current ? <Typography.Paragraph strong data-testid="dibao-current">{t.hardship.settingsCurrent(d.current.year, t.hardship.yuan(d.current.lineFen))}</Typography.Paragraph> : null}
        <Form form={form} name="dibao" initialValues={{ rows }} onFinish={(v) => save.mutate(v)} disabled={!editable}>
          <Form.List name="rows">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'year']} label={t.hardship.settingsYear} rules={[{ required: true }]}><InputNumber min={2000} max={2099} /></Form.Item>
                    <Form.Item name={[f.name, 'yuan']} label={t.hardship.settingsLine} rules={[{ required: true }]}><InputNumber min={100} max={10000} precision={2} data-testid={`dibao-${f.name}`} /></Form.Item>
                    {editable ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                  </Space>
                ))}
                {editable ? <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ year: d.year + 1, yuan: (d.current?.lineFen ?? 0) / 100 })}>{t.hardship.settingsAdd}</Button></Form.Item> : null}
              </>
            )}
          </Form.List>
          {editable ? <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="dibao-save">{t.common.save}</Button> : null}
        </Form>
      </Card>
    </>
  );
}
