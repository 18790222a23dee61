import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { api } from '../../api';
import { levelColors } from './api';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { QueryError } from '../../components/status';
import { t } from '../../i18n';

interface Notice { id: number; workerName: string; unionName: string; level: string; levelLabel: string; noticeStart: string; noticeEnd: string }

const publicGet = <T,>(url: string) => api<T>(url, { authRedirect: false, orgScope: false });
const publicPost = <T,>(url: string, body: unknown) => api<T>(url, { method: 'POST', body, authRedirect: false, orgScope: false });

/** 困难职工建档公示: masked names, the union, the level and the period; anyone may object. */
export function PublicHardshipNotices() {
  const query = useQuery({ queryKey: ['public', 'hardship'], queryFn: () => publicGet<{ today: string; items: Notice[] }>('/api/public/hardship/notices') });
  const [objecting, setObjecting] = useState<Notice | null>(null);
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.hardship.publicIntro} />
      <Table<Notice>
        rowKey="id"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t.hardship.publicEmpty }}
        data-testid="public-hardship-table"
        columns={[
          { title: t.hardship.publicWorker, dataIndex: 'workerName', width: 120 },
          { title: t.hardship.publicUnion, dataIndex: 'unionName' },
          { title: t.hardship.publicLevel, dataIndex: 'levelLabel', width: 110, render: (v: string, r) => <Tag color={levelColors[r.level]}>{v}</Tag> },
          { title: t.hardship.publicPeriod, key: 'period', width: 220, render: (_v, r) => t.hardship.range(r.noticeStart, r.noticeEnd) },
          { title: '', key: 'object', width: 110, render: (_v, r) => <Button size="small" onClick={() => setObjecting(r)} data-testid={`public-object-${r.id}`}>{t.hardship.publicObject}</Button> },
        ]}
      />
      <ObjectionModal notice={objecting} onClose={() => setObjecting(null)} />
    </>
  );
}

function ObjectionModal({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  const [form] = Form.useForm<{ content: string; contact?: string }>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const send = useMutation({
    mutationFn: (v: { content: string; contact?: string }) => publicPost(`/api/public/hardship/notices/${notice!.id}/objections`, { content: v.content, contact: v.contact || null }),
    onSuccess: () => { message.success(t.hardship.publicSent); onClose(); },
    onError: (e) => (form ? onError(e) : showError(e, message)),
  });
  return (
    <Modal open={!!notice} title={notice ? t.hardship.publicObjectTitle(notice.workerName) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t.hardship.publicSend} cancelText={t.common.cancel} confirmLoading={send.isPending} destroyOnHidden forceRender>
      <Form form={form} name="public-objection" layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="content" label={t.hardship.publicContent} rules={[{ required: true, whitespace: true, message: t.common.required(t.hardship.publicContent) }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="contact" label={t.hardship.publicContact} extra={<Typography.Text type="secondary">{t.hardship.publicContactHint}</Typography.Text>}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
