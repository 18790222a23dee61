import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Form, Input, Modal, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { acknowledgeWarning, appealKeys, fetchWarning, yuan, type WarningItem } from './api';
import { useAuth } from '../../auth';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

const tx = t.appeals;

/** 预警: open ones first; each opens with its tickets and can be acknowledged with a note. */
export function WarningsPage() {
  const [tab, setTab] = useState<'open' | 'all'>('open');
  const [params, setParams] = useSearchParams();
  const shown = Number(params.get('id')) || null;
  return (
    <>
      <PageHeader title={tx.warningsTitle} />
      <Card size="small">
        <Tabs activeKey={tab} onChange={(k) => setTab(k as 'open' | 'all')} items={[{ key: 'open', label: tx.warningOpen }, { key: 'all', label: tx.all }]} />
        <WarningList key={tab} open={tab === 'open' ? 'true' : undefined} onOpen={(id) => setParams({ id: String(id) })} />
      </Card>
      <WarningDrawer id={shown} onClose={() => setParams({})} />
    </>
  );
}

function WarningList({ open, onOpen }: { open?: string; onOpen: (id: number) => void }) {
  const table = useServerTable<WarningItem>({ key: 'appeal-warnings', url: '/api/appeal-warnings', defaultSort: '-raisedAt', initialFilters: { open } });
  const columns: TableColumnsType<WarningItem> = [
    { title: tx.warnings, dataIndex: 'title', key: 'title', render: (v: string, r) => <Space><Tag color={r.open ? 'red' : 'default'}>{r.open ? tx.warningOpen : tx.warningAcked}</Tag><a>{v}</a></Space> },
    { title: t.common.detail, dataIndex: 'detail', key: 'detail', ellipsis: true },
    { title: tx.warningRules, key: 'rules', width: 200, render: (_v, r) => r.ruleLabels.join(t.common.separator) },
    { title: tx.warningTickets, dataIndex: 'ticketCount', key: 'ticketCount', width: 90 },
    { title: tx.raisedAt, dataIndex: 'raisedAt', key: 'raisedAt', width: 150, sorter: true, sortOrder: table.sortOrderFor('raisedAt'), render: (v: string) => formatDateTime(v) },
    { title: tx.warningAcked, key: 'ack', ellipsis: true, render: (_v, r) => (r.acknowledgedBy ? `${tx.acked(r.acknowledgedBy, formatDateTime(r.acknowledgedAt))}${r.ackNote ? ` · ${r.ackNote}` : ''}` : t.common.dash) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}><ExportButton url="/api/appeal-warnings" query={table.exportQuery} testId="warnings-export" /></Space>
      <Table<WarningItem> rowKey="id" className="gh-clickable-rows" columns={columns} {...table.tableProps} onRow={(r) => ({ onClick: () => onOpen(r.id) })} locale={{ emptyText: t.common.empty }} data-testid="warnings-table" />
    </>
  );
}

function WarningDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { can } = useAuth();
  const [acking, setAcking] = useState(false);
  const detail = useQuery({ queryKey: [...appealKeys.warnings, 'detail', id], queryFn: () => fetchWarning(id!), enabled: !!id });
  const w = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={640} title={w?.title} extra={w?.open && can('appeal:assign') ? <Button type="primary" onClick={() => setAcking(true)} data-testid="warning-ack">{tx.acknowledge}</Button> : null}>
      {w ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{w.detail}</Typography.Text>
          <Typography.Text type="secondary">{w.ruleLabels.join(t.common.separator)} · {formatDateTime(w.raisedAt)}</Typography.Text>
          {w.acknowledgedBy ? <Typography.Text type="success">{tx.acked(w.acknowledgedBy, formatDateTime(w.acknowledgedAt))}{w.ackNote ? ` · ${w.ackNote}` : ''}</Typography.Text> : null}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={w.tickets}
            columns={[
              { title: tx.ticketNo, dataIndex: 'ticketNo', key: 'no', render: (v: string, r) => <Link to={`/appeals/${r.id}`}>{v}</Link> },
              { title: tx.worker, dataIndex: 'workerName', key: 'worker' },
              { title: tx.workers, dataIndex: 'workersAffected', key: 'workers' },
              { title: tx.amount, dataIndex: 'amountFen', key: 'amount', render: (v: number | null) => yuan(v) },
              { title: tx.status, dataIndex: 'status', key: 'status', render: (v: string) => tx.statuses[v] ?? v },
              { title: tx.acceptedOn, dataIndex: 'acceptedOn', key: 'on' },
            ]}
          />
        </Space>
      ) : null}
      {w ? <AckModal id={w.id} open={acking} onClose={() => setAcking(false)} /> : null}
    </Drawer>
  );
}

function AckModal({ id, open, onClose }: { id: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { note?: string }) => acknowledgeWarning(id, v.note || null),
    onSuccess: async () => { message.success(tx.ackDone); await queryClient.invalidateQueries({ queryKey: appealKeys.warnings }); onClose(); },
    onError,
  });
  return (
    <Modal open={open} title={tx.ackTitle} onCancel={onClose} onOk={() => form.submit()} okText={tx.acknowledge} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={tx.ackNote}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
