import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag,
  Timeline, Typography, Upload, type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, CloudUploadOutlined, DatabaseOutlined, DownloadOutlined, EditOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import { get, post, type Page } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { codeOptions, type MemberItem } from '../membership/api';
import {
  campaignKeys, sendNominationFile, toFen, yuan, type DistributionItem, type EditionDetail, type Gongshi, type ImportOutcome, type RecipientItem,
} from './api';
import { EditionFormModal, statusColors } from './CampaignsPage';

const tc = t.campaigns;

/** One edition: its rule and budget, totals against the budget, the list, approval, 签收, 公示. */
export function CampaignPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [editing, setEditing] = useState(false);
  const [nominating, setNominating] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => get<EditionDetail>(`/api/campaigns/editions/${id}`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: campaignKeys.all });
  const build = useMutation({
    mutationFn: () => post<{ eligible: number; added: number }>(`/api/campaigns/editions/${id}/build`, {}),
    onSuccess: (r) => { message.success(tc.built(r.eligible, r.added)); void refresh(); },
    onError: (e) => showError(e, message),
  });
  const close = useMutation({
    mutationFn: () => post(`/api/campaigns/editions/${id}/close`, {}),
    onSuccess: () => { message.success(tc.closed); void refresh(); },
    onError: (e) => showError(e, message),
  });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const open = d.status !== 'closed';
  const tt = d.totals;
  const usedPercent = tt.budgetFen > 0 ? Math.min(100, Math.round((tt.approvedFen / tt.budgetFen) * 1000) / 10) : 0;
  const paidPercent = tt.budgetFen > 0 ? Math.min(100, Math.round((tt.distributedFen / tt.budgetFen) * 1000) / 10) : 0;
  const rule = d.rule;
  return (
    <>
      <PageHeader
        title={<Space><Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/campaigns')} aria-label={tc.back} />{d.name}<Tag color={statusColors[d.status]} data-testid="campaign-status">{tc.statusLabels[d.status]}</Tag></Space>}
        extra={(
          <Space wrap>
            {open && d.canNominate && (rule.levels.length > 0 || rule.collegeChild) ? (
              <Button icon={<DatabaseOutlined />} loading={build.isPending} data-testid="campaign-build"
                onClick={() => modal.confirm({ title: tc.build, content: tc.buildConfirm, onOk: () => build.mutateAsync() })}>{tc.build}</Button>
            ) : null}
            {open && d.canNominate ? <Button icon={<UserAddOutlined />} onClick={() => setNominating(true)} data-testid="campaign-nominate">{tc.nominate}</Button> : null}
            {open && d.canNominate ? <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)} data-testid="campaign-import">{tc.import}</Button> : null}
            {open && d.canManage ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{tc.edit}</Button> : null}
            {open && d.canApprove ? (
              <Button danger icon={<StopOutlined />} onClick={() => modal.confirm({ title: tc.close, content: tc.closeConfirm, onOk: () => close.mutateAsync() })}>{tc.close}</Button>
            ) : null}
          </Space>
        )}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={tc.ruleTitle}>
            <Descriptions size="small" column={1} items={[
              { key: 'kind', label: tc.kind, children: `${codeLabel('campaign_kind', d.kind)} · ${d.year}` },
              { key: 'org', label: tc.org, children: d.orgName },
              { key: 'fund', label: tc.fundSource, children: codeLabel('campaign_fund_source', d.fundSource) },
              { key: 'standard', label: tc.standard, children: yuan(d.standardFen) },
              { key: 'rule', label: tc.ruleLevels, children: rule.levels.length ? rule.levels.map((l) => `${tc.levelLabels[l]}${rule.amountByLevel[l] != null ? ` ${yuan(rule.amountByLevel[l])}${tc.yuanUnit}` : ''}`).join('、') : tc.ruleNone },
              ...(rule.collegeChild ? [{ key: 'college', label: '', children: tc.ruleCollegeChild }] : []),
              ...(rule.categories.length ? [{ key: 'cat', label: tc.ruleCategories, children: rule.categories.map((c) => codeLabel('campaign_category', c)).join('、') }] : []),
              ...(d.goods ? [{ key: 'goods', label: tc.goods, children: d.goods }] : []),
              { key: 'dates', label: tc.dates, children: `${d.startDate} ~ ${d.endDate ?? ''}` },
              ...(d.remark ? [{ key: 'remark', label: tc.remark, children: d.remark }] : []),
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={tc.totals} data-testid="campaign-totals">
            <Row gutter={16}>
              <Col span={6}><Statistic title={tc.budget} value={yuan(tt.budgetFen)} /></Col>
              <Col span={6}><Statistic title={tc.totalListed} value={yuan(tt.listedFen)} suffix={<small>{tc.people(tt.recipients)}</small>} /></Col>
              <Col span={6}><Statistic title={`${tc.totalApproved} ${tc.people(tt.approved)}`} value={yuan(tt.approvedFen)} /></Col>
              <Col span={6}><Statistic title={`${tc.totalDistributed} ${tc.people(tt.distributed)}`} value={yuan(tt.distributedFen)} /></Col>
            </Row>
            <Progress percent={usedPercent} success={{ percent: paidPercent }} status={tt.remainingFen < 0 ? 'exception' : 'normal'} style={{ marginTop: 12 }} />
            <Typography.Text type="secondary" data-testid="campaign-budget-line">{tc.budgetLine(yuan(tt.approvedFen), yuan(tt.budgetFen), yuan(tt.remainingFen))}</Typography.Text>
            {tt.byOrg.length ? (
              <Table size="small" rowKey="orgId" pagination={false} scroll={{ y: 180 }} style={{ marginTop: 12 }} dataSource={tt.byOrg} columns={[
                { title: tc.byOrg, dataIndex: 'orgName', key: 'orgName' },
                { title: tc.totalRecipients, dataIndex: 'recipients', key: 'recipients', align: 'right' },
                { title: tc.totalApproved, key: 'approved', align: 'right', render: (_v, r) => `${tc.people(r.approved)} / ${yuan(r.approvedFen)}` },
                { title: tc.totalDistributed, key: 'distributed', align: 'right', render: (_v, r) => `${tc.people(r.distributed)} / ${yuan(r.distributedFen)}` },
              ]} />
            ) : null}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small">
            <Tabs items={[
              { key: 'recipients', label: tc.tabRecipients, children: <Recipients edition={d} /> },
              { key: 'distributions', label: tc.tabDistributions, children: <Distributions editionId={id} /> },
              { key: 'gongshi', label: <span data-testid="campaign-tab-gongshi">{tc.tabGongshi}</span>, children: <GongshiView editionId={id} /> },
              {
                key: 'timeline', label: tc.tabTimeline, children: d.timeline.length ? (
                  <Timeline items={d.timeline.map((s, i) => ({ key: i, content: <div><Typography.Text>{s.summary}</Typography.Text><div><Typography.Text type="secondary">{formatDateTime(s.at)}{s.actor ? ` · ${s.actor}` : ''}</Typography.Text></div></div> }))} />
                ) : <Empty description={tc.timelineEmpty} />,
              },
            ]} />
          </Card>
        </Col>
      </Row>
      {d.canManage ? <EditionFormModal open={editing} edition={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
      <NominateModal editionId={id} open={nominating} onClose={() => setNominating(false)} />
      <ImportModal editionId={id} open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function Recipients({ edition }: { edition: EditionDetail }) {
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [form] = Form.useForm();
  const [selected, setSelected] = useState<number[]>([]);
  const [receipt, setReceipt] = useState<RecipientItem | null>(null);
  const [cancelling, setCancelling] = useState<RecipientItem | null>(null);
  const table = useServerTable<RecipientItem>({ key: 'campaigns', url: '/api/campaigns/recipients', defaultSort: 'org', initialFilters: { editionId: edition.id } });
  const open = edition.status !== 'closed';
  const approve = useMutation({
    mutationFn: (ids?: number[]) => post<{ approved: number; amountFen: number }>(`/api/campaigns/editions/${edition.id}/approve`, ids ? { recipientIds: ids } : {}),
    onSuccess: (r) => { message.success(tc.approved(r.approved, yuan(r.amountFen))); setSelected([]); void queryClient.invalidateQueries({ queryKey: campaignKeys.all }); },
    onError: (e) => showError(e, message),
  });
  const pending = edition.totals.recipients - edition.totals.approved;
  const pendingFen = edition.totals.listedFen - edition.totals.approvedFen;
  const columns: TableColumnsType<RecipientItem> = [
    { title: tc.personName, dataIndex: 'name', key: 'name', width: 90, sorter: true, sortOrder: table.sortOrderFor('name') },
    { title: tc.idNumber, dataIndex: 'idNumberMasked', key: 'idNumberMasked', width: 180, className: 'gh-mono' },
    { title: tc.union, dataIndex: 'orgName', key: 'org', ellipsis: true, sorter: true, sortOrder: table.sortOrderFor('org') },
    { title: tc.source, dataIndex: 'source', key: 'source', width: 80, render: (v: string) => tc.sourceLabels[v] },
    { title: tc.level, key: 'level', width: 110, render: (_v, r) => (r.archiveLevel ? tc.levelLabels[r.archiveLevel] : r.category ? codeLabel('campaign_category', r.category) : '') },
    { title: tc.amount, dataIndex: 'amountFen', key: 'amount', width: 100, align: 'right', sorter: true, sortOrder: table.sortOrderFor('amount'), render: (v: number) => yuan(v) },
    {
      title: tc.status, key: 'status', width: 200, render: (_v, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={r.status === 'distributed' ? 'green' : r.status === 'approved' ? 'cyan' : r.status === 'cancelled' ? 'default' : 'blue'} data-testid={`recipient-status-${r.id}`}>{tc.recipientStatus[r.status]}</Tag>
          {r.receipt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tc.receiptLine(r.receipt.receivedBy, tc.relationLabels[r.receipt.relation], r.receipt.receivedOn, tc.methodLabels[r.receipt.method])}</Typography.Text> : null}
          {r.cancelReason ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.cancelReason}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t.common.actions, key: 'actions', width: 120, render: (_v, r) => (
        <Space size={4}>
          {open && edition.canDistribute && r.status === 'approved' ? <Button type="link" size="small" onClick={() => setReceipt(r)} data-testid={`recipient-distribute-${r.id}`}>{tc.distribute}</Button> : null}
          {open && edition.canNominate && (r.status === 'listed' || r.status === 'approved') ? <Button type="link" size="small" danger onClick={() => setCancelling(r)}>{tc.cancel}</Button> : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => table.applyFilters({ ...v, editionId: edition.id })} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="q"><Input placeholder={tc.filterName} allowClear style={{ width: 140 }} /></Form.Item>
        <Form.Item name="status"><Select placeholder={tc.filterStatus} allowClear style={{ width: 110 }} options={Object.entries(tc.recipientStatus).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="source"><Select placeholder={tc.filterSource} allowClear style={{ width: 110 }} options={Object.entries(tc.sourceLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="orgId"><OrgTreeSelect placeholder={tc.union} allowClear style={{ width: 220 }} /></Form.Item>
        <Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit">{t.common.search}</Button>
            <ExportButton url="/api/campaigns/recipients" query={{ ...table.exportQuery, editionId: edition.id }} testId="recipients-export" />
            {open && edition.canApprove && pending > 0 ? (
              <Button type="primary" ghost icon={<CheckOutlined />} loading={approve.isPending} data-testid="campaign-approve"
                onClick={() => modal.confirm({ title: tc.approve, content: tc.approveConfirm(pending, yuan(pendingFen)), onOk: () => approve.mutateAsync(undefined) })}>{tc.approve}</Button>
            ) : null}
            {open && edition.canApprove && selected.length > 0 ? <Button onClick={() => approve.mutate(selected)}>{tc.approveSelected(selected.length)}</Button> : null}
          </Space>
        </Form.Item>
      </Form>
      <Table<RecipientItem> rowKey="id" columns={columns} {...table.tableProps} data-testid="campaign-recipients"
        locale={{ emptyText: <Empty description={tc.noRecipients} /> }}
        rowSelection={edition.canApprove && open ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'listed' }) } : undefined} />
      <ReceiptModal recipient={receipt} goods={edition.goods} onClose={() => setReceipt(null)} />
      <CancelModal recipient={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}

interface ReceiptValues { method: string; receivedBy: string; relation: string; receivedOn: Dayjs; goods?: string; transferRef?: string; remark?: string }

/** 签收: who received it, when and how. */
function ReceiptModal({ recipient, goods, onClose }: { recipient: RecipientItem | null; goods: string | null; onClose: () => void }) {
  const [form] = Form.useForm<ReceiptValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const method = Form.useWatch('method', form);
  const save = useMutation({
    mutationFn: (v: ReceiptValues) => post(`/api/campaigns/recipients/${recipient!.id}/distribution`, {
      method: v.method, receivedBy: v.receivedBy, relation: v.relation, receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      goods: v.goods || null, transferRef: v.transferRef || null, remark: v.remark || null,
    }),
    onSuccess: () => { message.success(tc.distributed); void queryClient.invalidateQueries({ queryKey: campaignKeys.all }); onClose(); },
    onError,
  });
  return (
    <Modal open={recipient !== null} title={recipient ? tc.distributeTitle(recipient.name) : ''} destroyOnHidden onCancel={onClose} onOk={() => form.submit()}
      confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'receipt-ok' } as never}>
      {recipient ? (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="receipt-form"
          initialValues={{ method: goods ? 'goods' : 'cash', receivedBy: recipient.name, relation: 'self', receivedOn: dayjs(), goods: goods ?? undefined }}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${recipient.orgName ?? ''} · ${tc.amount} ${yuan(recipient.amountFen)}`} />
          <Form.Item name="method" label={tc.method} rules={[{ required: true }]}>
            <Select options={Object.entries(tc.methodLabels).map(([value, label]) => ({ value, label }))} data-testid="receipt-method" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="receivedBy" label={tc.receivedBy} rules={[{ required: true }]} style={{ width: '50%' }}><Input data-testid="receipt-received-by" /></Form.Item>
            <Form.Item name="relation" label={tc.relation} rules={[{ required: true }]} style={{ width: '50%' }}>
              <Select options={Object.entries(tc.relationLabels).map(([value, label]) => ({ value, label }))} data-testid="receipt-relation" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="receivedOn" label={tc.receivedOn} rules={[{ required: true }]}><DatePicker /></Form.Item>
          {method === 'goods' ? <Form.Item name="goods" label={tc.goods} rules={[{ required: true }]}><Input /></Form.Item> : null}
          {method === 'transfer' ? <Form.Item name="transferRef" label={tc.transferRef} rules={[{ required: true }]}><Input /></Form.Item> : null}
          <Form.Item name="remark" label={tc.remark}><Input /></Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

function CancelModal({ recipient, onClose }: { recipient: RecipientItem | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { reason: string }) => post(`/api/campaigns/recipients/${recipient!.id}/cancel`, v),
    onSuccess: () => { message.success(tc.cancelled); void queryClient.invalidateQueries({ queryKey: campaignKeys.all }); onClose(); },
    onError,
  });
  return (
    <Modal open={recipient !== null} title={recipient ? tc.cancelTitle(recipient.name) : ''} destroyOnHidden onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={tc.cancelReason} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface NominateValues { memberId?: number; name?: string; idNumber?: string; orgId?: number; category?: string; reason?: string; amount?: number }

function NominateModal({ editionId, open, onClose }: { editionId: number; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NominateValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const [q, setQ] = useState('');
  const memberId = Form.useWatch('memberId', form);
  const members = useQuery({
    queryKey: ['members', 'list', 'nominate', q],
    queryFn: () => get<Page<MemberItem>>('/api/members', { q, pageSize: 20, status: 'active' }),
    enabled: q.trim().length >= 1,
  });
  const save = useMutation({
    mutationFn: (v: NominateValues) => post(`/api/campaigns/editions/${editionId}/nominations`, {
      memberId: v.memberId ?? null, name: v.memberId ? null : v.name, idNumber: v.memberId ? null : v.idNumber, orgId: v.orgId ?? null,
      category: v.category ?? null, reason: v.reason || null, amountFen: toFen(v.amount),
    }),
    onSuccess: () => { message.success(tc.nominated); form.resetFields(); void queryClient.invalidateQueries({ queryKey: campaignKeys.all }); onClose(); },
    onError,
  });
  return (
    <Modal open={open} title={tc.nominateTitle} width={600} destroyOnHidden onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'nominate-ok' } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="nominate-form">
        <Form.Item name="memberId" label={tc.nominateMember}>
          <Select showSearch allowClear filterOption={false} onSearch={setQ} placeholder={tc.nominateMemberPlaceholder} loading={members.isFetching}
            data-testid="nominate-member"
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} ${m.idNumber} ${m.orgName}` }))} />
        </Form.Item>
        {!memberId ? (
          <>
            <Space.Compact block>
              <Form.Item name="name" label={tc.personName} style={{ width: '40%' }}><Input /></Form.Item>
              <Form.Item name="idNumber" label={tc.idNumber} style={{ width: '60%' }}><Input /></Form.Item>
            </Space.Compact>
            <Form.Item name="orgId" label={tc.union}><OrgTreeSelect placeholder={tc.union} allowClear /></Form.Item>
          </>
        ) : null}
        <Space.Compact block>
          <Form.Item name="category" label={tc.category} style={{ width: '50%' }}><Select allowClear options={codeOptions('campaign_category')} /></Form.Item>
          <Form.Item name="amount" label={tc.amount} style={{ width: '50%' }}><InputNumber min={0.01} precision={2} placeholder={tc.amountPlaceholder} style={{ width: '100%' }} /></Form.Item>
        </Space.Compact>
        <Form.Item name="reason" label={tc.reason}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ editionId, open, onClose }: { editionId: number; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [orgId, setOrgId] = useState<number | undefined>();
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (mode: 'dry-run' | 'commit' | 'report') => {
    if (!file) return;
    setBusy(true);
    try {
      const res = await sendNominationFile(editionId, file, mode, orgId);
      if (mode === 'report') {
        const href = URL.createObjectURL(await res.blob());
        const a = document.createElement('a');
        a.href = href;
        a.download = tc.importReportFile;
        a.click();
        setTimeout(() => URL.revokeObjectURL(href), 30_000);
      } else {
        const body = (await res.json()) as ImportOutcome;
        setResult(body);
        if (mode === 'commit') {
          message.success(tc.imported(body.added ?? 0));
          void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
        }
      }
    } catch (e) {
      showError(e, message);
    } finally {
      setBusy(false);
    }
  };
  const close = () => { setFile(null); setResult(null); onClose(); };
  return (
    <Modal open={open} title={tc.importTitle} width={860} onCancel={close} footer={(
      <Space>
        <Button onClick={close}>{t.common.close}</Button>
        <Button disabled={!file} loading={busy} onClick={() => run('dry-run')}>{tc.importDryRun}</Button>
        <Button icon={<DownloadOutlined />} disabled={!result} onClick={() => run('report')}>{tc.importReport}</Button>
        <Button type="primary" disabled={!result || result.counts.new === 0 || result.added !== undefined} loading={busy} onClick={() => run('commit')}>{tc.importCommit}</Button>
      </Space>
    )}>
      <Typography.Paragraph type="secondary">{tc.importHint}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Upload accept=".xlsx" maxCount={1} showUploadList beforeUpload={(f) => { setFile(f); setResult(null); return false; }} onRemove={() => { setFile(null); setResult(null); }}>
          <Button icon={<CloudUploadOutlined />}>{tc.importPick}</Button>
        </Upload>
        <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} placeholder={tc.union} allowClear style={{ width: 260 }} />
      </Space>
      {result ? (
        <>
          <Alert type={result.counts.error ? 'warning' : 'success'} showIcon message={tc.importCounts(result.counts)} style={{ marginBottom: 8 }} />
          <Table size="small" rowKey="rowNumber" pagination={{ pageSize: 10, size: 'small' }} dataSource={result.rows} columns={[
            { title: tc.rowNumber, dataIndex: 'rowNumber', key: 'rowNumber', width: 60 },
            { title: tc.outcome, dataIndex: 'outcome', key: 'outcome', width: 90, render: (v: string) => <Tag color={v === 'error' ? 'red' : v === 'new' ? 'green' : 'default'}>{tc.outcomeLabels[v]}</Tag> },
            { title: tc.messages, dataIndex: 'messages', key: 'messages', render: (v: string[]) => v.join('；') },
            { title: '', dataIndex: 'raw', key: 'raw', ellipsis: true, render: (v: string[]) => v.filter(Boolean).join(' | ') },
          ]} />
        </>
      ) : null}
    </Modal>
  );
}

function Distributions({ editionId }: { editionId: number }) {
  const table = useServerTable<DistributionItem>({ key: 'campaigns', url: '/api/campaigns/distributions', defaultSort: '-receivedOn', initialFilters: { editionId } });
  const columns: TableColumnsType<DistributionItem> = [
    { title: tc.personName, dataIndex: 'name', key: 'name', width: 90 },
    { title: tc.idNumber, dataIndex: 'idNumberMasked', key: 'id', width: 180, className: 'gh-mono' },
    { title: tc.union, dataIndex: 'orgName', key: 'org', ellipsis: true },
    { title: tc.amount, dataIndex: 'amountFen', key: 'amount', width: 100, align: 'right', render: (v: number) => yuan(v) },
    { title: tc.method, key: 'method', width: 160, render: (_v, r) => `${tc.methodLabels[r.method]}${r.goods ? `：${r.goods}` : ''}${r.transferRef ? `（${r.transferRef}）` : ''}` },
    { title: tc.receivedBy, key: 'by', width: 130, render: (_v, r) => `${r.receivedBy}（${tc.relationLabels[r.relation]}）` },
    { title: tc.receivedOn, dataIndex: 'receivedOn', key: 'receivedOn', width: 110, sorter: true, sortOrder: table.sortOrderFor('receivedOn') },
    { title: tc.recordedBy, dataIndex: 'recordedBy', key: 'recordedBy', width: 110 },
  ];
  return (
    <>
      <div style={{ marginBottom: 12 }}><ExportButton url="/api/campaigns/distributions" query={{ ...table.exportQuery, editionId }} testId="distributions-export" /></div>
      <Table<DistributionItem> rowKey="id" columns={columns} {...table.tableProps} data-testid="campaign-distributions" />
    </>
  );
}

function GongshiView({ editionId }: { editionId: number }) {
  const q = useQuery({ queryKey: campaignKeys.gongshi(editionId), queryFn: () => get<Gongshi>(`/api/campaigns/editions/${editionId}/gongshi`) });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon message={tc.gongshiHint} style={{ marginBottom: 12 }} />
      <Typography.Title level={5} style={{ textAlign: 'center' }}>{q.data.name}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{tc.gongshiTotal(q.data.total, yuan(q.data.totalFen))}</Typography.Paragraph>
      <Table size="small" rowKey="no" dataSource={q.data.items} pagination={{ pageSize: 50, size: 'small' }} data-testid="campaign-gongshi" columns={[
        { title: tc.gongshiNo, dataIndex: 'no', key: 'no', width: 60 },
        { title: tc.personName, dataIndex: 'name', key: 'name', width: 100 },
        { title: tc.idNumber, dataIndex: 'idNumber', key: 'idNumber', width: 190, className: 'gh-mono' },
        { title: tc.union, dataIndex: 'orgName', key: 'orgName' },
        { title: tc.level, dataIndex: 'kind', key: 'kind', width: 110 },
        { title: tc.amount, dataIndex: 'amountFen', key: 'amount', width: 110, align: 'right', render: (v: number) => yuan(v) },
      ]} />
    </>
  );
}
