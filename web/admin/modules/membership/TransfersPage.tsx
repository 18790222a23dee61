import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { decideTransfer, memberKeys, transferKeys, type TransferItem } from './api';
import { EmployerSelect } from './EmployerSelect';
import { useAuth } from '../../auth';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

const statusColors: Record<string, string> = { pending: 'processing', accepted: 'success', refused: 'error', cancelled: 'default' };
type Tab = 'incoming' | 'outgoing' | 'all';

/** 会员接转: incoming ones to accept or refuse, outgoing ones to follow or cancel. */
export function TransfersPage() {
  const [tab, setTab] = useState<Tab>('incoming');
  return (
    <>
      <PageHeader title={t.transfers.title} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          items={[
            { key: 'incoming', label: t.transfers.incoming },
            { key: 'outgoing', label: t.transfers.outgoing },
            { key: 'all', label: t.transfers.all },
          ]}
        />
        <TransferList key={tab} tab={tab} />
      </Card>
    </>
  );
}

function TransferList({ tab }: { tab: Tab }) {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [q, setQ] = useState('');
  const [accepting, setAccepting] = useState<TransferItem | null>(null);
  const [refusing, setRefusing] = useState<TransferItem | null>(null);
  const table = useServerTable<TransferItem>({
    key: 'transfers', url: '/api/transfers', defaultSort: '-requestedAt',
    initialFilters: tab === 'all' ? {} : { direction: tab, ...(tab === 'incoming' ? { status: 'pending' } : {}) },
  });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: transferKeys.all }), queryClient.invalidateQueries({ queryKey: memberKeys.all })]);
  const cancel = useMutation({
    mutationFn: (tr: TransferItem) => decideTransfer(tr.id, 'cancel', {}),
    onSuccess: async () => { message.success(t.transfers.cancelled); await refresh(); },
    onError: (e) => showError(e, message),
  });

  const columns: TableColumnsType<TransferItem> = [
    { title: t.transfers.member, key: 'member', width: 110, render: (_v, r) => <Link to={`/members/${r.member.id}`}>{r.member.name}</Link> },
    { title: t.transfers.from, key: 'from', ellipsis: true, render: (_v, r) => r.from.name },
    { title: t.transfers.to, key: 'to', ellipsis: true, render: (_v, r) => r.to.name },
    { title: t.transfers.reason, dataIndex: 'reason', key: 'reason', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.transfers.status, key: 'status', width: 90, render: (_v, r) => <Tag color={statusColors[r.status]}>{r.statusLabel}</Tag> },
    { title: t.transfers.requestedAt, dataIndex: 'requestedAt', key: 'requestedAt', width: 150, sorter: true, sortOrder: table.sortOrderFor('requestedAt'), render: (v: string) => formatDateTime(v) },
    { title: t.transfers.requestedBy, dataIndex: 'requestedBy', key: 'requestedBy', width: 90, render: (v: string | null) => v ?? t.common.dash },
    { title: t.transfers.decisionNote, key: 'decision', ellipsis: true, render: (_v, r) => (r.decidedAt ? `${formatDateTime(r.decidedAt)} ${r.decidedBy ?? ''}${r.decisionNote ? ` · ${r.decisionNote}` : ''}` : t.common.dash) },
    ...(can('member:write') ? [{
      title: t.common.actions, key: 'actions', width: 150,
      render: (_v: unknown, r: TransferItem) => (
        <Space size={4}>
          {r.actions.includes('accept') ? <Button size="small" type="primary" onClick={() => setAccepting(r)} data-testid={`transfer-accept-${r.id}`}>{t.transfers.accept}</Button> : null}
          {r.actions.includes('refuse') ? <Button size="small" danger onClick={() => setRefusing(r)} data-testid={`transfer-refuse-${r.id}`}>{t.transfers.refuse}</Button> : null}
          {r.actions.includes('cancel') ? (
            <Button size="small" onClick={() => modal.confirm({ title: t.common.confirmTitle, content: t.transfers.cancelConfirm(r.member.name), okText: t.common.ok, cancelText: t.common.cancel, onOk: () => cancel.mutateAsync(r).catch(() => undefined) })}>{t.transfers.cancel}</Button>
          ) : null}
        </Space>
      ),
    }] : []),
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t.transfers.keywordPlaceholder} style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => table.applyFilters({ ...table.filters, q: v.trim() || undefined })} />
        <ExportButton url="/api/transfers" query={table.exportQuery} testId="transfers-export" />
      </Space>
      <Table<TransferItem> rowKey="id" columns={columns} {...table.tableProps} locale={{ emptyText: t.common.empty }} data-testid="transfers-table" />
      <AcceptModal transfer={accepting} onClose={() => setAccepting(null)} onDone={refresh} />
      <RefuseModal transfer={refusing} onClose={() => setRefusing(null)} onDone={refresh} />
    </>
  );
}

function AcceptModal({ transfer, onClose, onDone }: { transfer: TransferItem | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<{ employerId?: number | null; note?: string }>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { employerId?: number | null; note?: string }) => decideTransfer(transfer!.id, 'accept', { employerId: v.employerId ?? null, note: v.note || null }),
    onSuccess: async () => { message.success(t.transfers.accepted); await onDone(); onClose(); },
    onError,
  });
  return (
    <Modal open={!!transfer} title={transfer ? t.transfers.acceptTitle(transfer.member.name) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t.transfers.accept} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="accept" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="employerId" label={t.transfers.acceptEmployer} extra={t.transfers.acceptEmployerHint}>
          <EmployerSelect orgId={transfer?.to.id} />
        </Form.Item>
        <Form.Item name="note" label={t.transfers.note}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RefuseModal({ transfer, onClose, onDone }: { transfer: TransferItem | null; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { reason: string }) => decideTransfer(transfer!.id, 'refuse', v),
    onSuccess: async () => { message.success(t.transfers.refused); await onDone(); onClose(); },
    onError,
  });
  return (
    <Modal open={!!transfer} title={transfer ? t.transfers.refuseTitle(transfer.member.name) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t.transfers.refuse} okButtonProps={{ danger: true }} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="refuse" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t.transfers.refuseReason} rules={[{ required: true, whitespace: true, message: t.common.required(t.transfers.refuseReason) }]}>
          <Input.TextArea maxLength={200} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
