import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography, DatePicker, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { legalAidStatusLabels, legalAidOutcomeLabels } from '../../../../lib/legal';
import { createLegalAid, fetchLegalAid, legalAction, legalKeys, toFen, type LegalAidDetail, type LegalAidItem } from './api';
import { aidStatusColors, codeOptions, ProviderSelect, RevealNumber, SourceTicket, StepsTimeline, yuan, CaseActionModal } from './shared';
import { useAuth } from '../../auth';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useServerTable } from '../../components/use-server-table';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const L = t.legal;
const statusOptions = Object.entries(legalAidStatusLabels).map(([value, label]) => ({ value, label }));

/** 法律援助 cases: filters, the list, and a new application. */
export function LegalAidListPage() {
  const { can } = useAuth();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const table = useServerTable<LegalAidItem>({ key: legalKeys.aid[0], url: '/api/legal/aid', defaultSort: '-appliedOn' });
  const columns: TableColumnsType<LegalAidItem> = [
    { title: L.caseNo, dataIndex: 'caseNo', key: 'caseNo', width: 170, render: (v: string, r) => <Link to={`/legal/aid/${r.id}`} data-testid={`aid-link-${r.id}`}>{v}</Link> },
    { title: L.applicant, dataIndex: 'applicantName', key: 'applicant', width: 90 },
    { title: L.employer, dataIndex: 'employerName', key: 'employer', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: L.subject, dataIndex: 'subjectLabel', key: 'subject', width: 90 },
    { title: L.workers, dataIndex: 'workersInvolved', key: 'workers', width: 80 },
    { title: L.status, key: 'status', width: 150, render: (_v, r) => <Space size={4}><Tag color={aidStatusColors[r.status]}>{r.statusLabel}</Tag>{r.reviewOverdue ? <Tag color="error">{L.overdue}</Tag> : null}</Space> },
    { title: L.appliedOn, dataIndex: 'appliedOn', key: 'appliedOn', width: 110, sorter: true, sortOrder: table.sortOrderFor('appliedOn') },
    { title: L.reviewDue, dataIndex: 'reviewDue', key: 'reviewDue', width: 110, sorter: true, sortOrder: table.sortOrderFor('reviewDue') },
    { title: L.provider, dataIndex: 'providerName', key: 'provider', width: 90, render: (v: string | null) => v ?? t.common.dash },
    { title: L.amountRecovered, dataIndex: 'amountRecoveredFen', key: 'amountRecovered', width: 130, align: 'right', render: (v: number | null) => yuan(v) },
    { title: L.sourceTicket, dataIndex: 'sourceTicketId', key: 'ticket', width: 130, render: (v: number | null) => <SourceTicket id={v} /> },
  ];
  return (
    <>
      <PageHeader title={L.menu.aid} extra={can('legal:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="aid-new">{L.newAid}</Button> : null} />
      <Card size="small">
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v) => table.applyFilters({ q: v.q?.trim() || undefined, status: v.status, overdue: v.overdue ? '1' : undefined })}>
          <Form.Item name="q"><Input allowClear placeholder={L.keyword} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder={L.status} style={{ width: 130 }} options={statusOptions} /></Form.Item>
          <Form.Item name="overdue"><Select allowClear placeholder={L.reviewDue} style={{ width: 130 }} options={[{ value: '1', label: L.overdue }]} /></Form.Item>
          <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/legal/aid" exportQuery={table.exportQuery} testId="aid-export" /></Form.Item>
        </Form>
        <Table<LegalAidItem> rowKey="id" columns={columns} {...table.tableProps} scroll={{ x: 1300 }} locale={{ emptyText: t.common.empty }} data-testid="aid-table" />
      </Card>
      <NewAidModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewAidModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: Record<string, any>) => createLegalAid({
      orgId: v.orgId, applicant: { name: v.applicantName, phone: v.phone || null, idNumber: v.idNumber || null }, employerName: v.employerName || null,
      subject: v.subject, claim: v.claim, workersInvolved: v.workersInvolved ?? 1, amountClaimedFen: toFen(v.amountClaimed),
    }),
    onSuccess: (r) => { message.success(L.created(r.caseNo)); onClose(); navigate(`/legal/aid/${r.id}`); },
    onError,
  });
  return (
    <Modal open={open} title={L.newAid} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ subject: 'wage_arrears', workersInvolved: 1 }}>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: t.common.select(L.org) }]}><OrgTreeSelect /></Form.Item>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="applicantName" label={L.applicantName} rules={[{ required: true, whitespace: true, message: t.common.required(L.applicantName) }]}><Input maxLength={50} data-testid="aid-applicant" /></Form.Item></Col>
          <Col span={8}><Form.Item name="phone" label={L.phone}><Input maxLength={20} /></Form.Item></Col>
          <Col span={8}><Form.Item name="idNumber" label={L.idNumber}><Input maxLength={20} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}><Form.Item name="employerName" label={L.employerName}><Input maxLength={100} /></Form.Item></Col>
          <Col span={8}><Form.Item name="subject" label={L.subject}><Select options={codeOptions('appeal_subject')} /></Form.Item></Col>
        </Row>
        <Form.Item name="claim" label={L.claim} rules={[{ required: true, whitespace: true, message: t.common.required(L.claim) }]}><Input.TextArea rows={3} maxLength={2000} data-testid="aid-claim" /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="workersInvolved" label={L.workers}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="amountClaimed" label={L.amountClaimed}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

type Dialog = 'assign' | 'refuse' | 'stage' | 'close' | null;

/** One legal-aid case: facts, review deadline, decisions, stages, closing and its timeline. */
export function LegalAidCasePage() {
  const id = Number(useParams().id) || 0;
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = useNotify();
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: [...legalKeys.aid, 'detail', id], queryFn: () => fetchLegalAid(id), enabled: id > 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: legalKeys.aid });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => legalAction(`/api/legal/aid/${id}/${path}`, body),
    onSuccess: async () => { message.success(L.done); await refresh(); },
    onError: useErrorHandler(),
  });
  const toTypical = useMutation({
    mutationFn: () => legalAction(`/api/legal/aid/${id}/typical`) as Promise<{ id: number }>,
    onSuccess: (r) => { message.success(L.typicalMade); navigate(`/legal/typical?open=${r.id}`); },
    onError: useErrorHandler(),
  });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  const canWrite = can('legal:write');
  const canApprove = can('legal:approve');
  return (
    <>
      <PageHeader
        title={<Space><Link to="/legal/aid"><ArrowLeftOutlined /></Link><span data-testid="aid-case-no">{c.caseNo}</span><Tag color={aidStatusColors[c.status]} data-testid="aid-status">{c.statusLabel}</Tag>{c.reviewOverdue ? <Tag color="error">{L.overdue}</Tag> : null}</Space>}
        extra={
          <Space wrap>
            {c.status === 'applied' && canApprove ? <Button type="primary" onClick={() => setDialog('assign')} data-testid="aid-assign">{L.assign}</Button> : null}
            {c.status === 'applied' && canApprove ? <Button danger onClick={() => setDialog('refuse')} data-testid="aid-refuse">{L.refuse}</Button> : null}
            {c.status === 'assigned' && canWrite ? <Button onClick={() => setDialog('stage')} data-testid="aid-stage">{L.addStage}</Button> : null}
            {c.status === 'assigned' && canWrite ? <Button type="primary" onClick={() => setDialog('close')} data-testid="aid-close">{L.close}</Button> : null}
            {(c.status === 'closed' || c.status === 'refused') && canWrite ? (
              <Button onClick={() => modal.confirm({ title: t.common.confirmTitle, content: L.archiveConfirm, okText: t.common.ok, cancelText: t.common.cancel, onOk: () => act.mutateAsync({ path: 'archive' }).catch(() => undefined) })} data-testid="aid-archive">{L.archive}</Button>
            ) : null}
            {c.letterNo ? <Button icon={<FilePdfOutlined />} href={`/api/legal/aid/${id}/letter.pdf`} target="_blank" data-testid="aid-letter">{L.letter}</Button> : null}
            {c.refusalReason ? <Button icon={<FilePdfOutlined />} href={`/api/legal/aid/${id}/refusal.pdf`} target="_blank">{L.refusalNotice}</Button> : null}
            {c.closedOn && canWrite && !c.typicalCaseId ? <Button onClick={() => toTypical.mutate()} loading={toTypical.isPending}>{L.toTypical}</Button> : null}
            {c.typicalCaseId ? <Link to={`/legal/typical?open=${c.typicalCaseId}`}>{L.viewTypical}</Link> : null}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={L.basic}>
            <Descriptions size="small" column={2} items={[
              { key: 'org', label: L.org, children: c.orgName },
              { key: 'ticket', label: L.sourceTicket, children: <SourceTicket id={c.sourceTicketId} /> },
              { key: 'applicant', label: L.applicant, children: <span data-testid="aid-applicant-name">{c.applicant.name}</span> },
              { key: 'phone', label: L.phone, children: <RevealNumber masked={c.applicant.phone} url={`/api/legal/aid/${id}/reveal`} field="phone" /> },
              { key: 'id', label: L.idNumber, children: <RevealNumber masked={c.applicant.idNumber} url={`/api/legal/aid/${id}/reveal`} field="id_number" /> },
              { key: 'employer', label: L.employer, children: c.employerName ?? t.common.dash },
              { key: 'subject', label: L.subject, children: c.subjectLabel },
              { key: 'workers', label: L.workers, children: c.workersInvolved },
              { key: 'amount', label: L.amountClaimed, children: yuan(c.amountClaimedFen) },
              { key: 'applied', label: L.appliedOn, children: c.appliedOn },
              { key: 'due', label: L.reviewDue, children: <Typography.Text type={c.reviewOverdue ? 'danger' : undefined} data-testid="aid-review-due">{c.reviewDue}</Typography.Text> },
              { key: 'provider', label: L.provider, children: c.provider ? `${c.provider.name}${c.provider.firm ? `（${c.provider.firm}）` : ''} ${c.letterNo ?? ''}` : t.common.dash },
              { key: 'claim', label: L.claim, span: 2, children: c.claim },
              ...(c.refusalReason ? [{ key: 'refusal', label: L.refuseReason, span: 2, children: c.refusalReason }] : []),
              ...(c.closedOn ? [
                { key: 'outcome', label: L.outcome, children: c.outcomeLabel },
                { key: 'closedOn', label: L.closedOn, children: c.closedOn },
                { key: 'recovered', label: L.amountRecovered, children: <span data-testid="aid-recovered">{yuan(c.amountRecoveredFen)}</span> },
                { key: 'benefited', label: L.workersBenefited, children: c.workersBenefited },
                { key: 'report', label: L.closingReport, span: 2, children: c.closingReport },
              ] : []),
            ]} />
          </Card>
          <Card size="small" title={L.stages} style={{ marginTop: 16 }}>
            <Table rowKey="id" size="small" pagination={false} dataSource={c.stages} locale={{ emptyText: t.common.empty }} columns={[
              { title: L.heldOn, dataIndex: 'heldOn', width: 110 },
              { title: L.stageKind, dataIndex: 'kindLabel', width: 110 },
              { title: L.place, dataIndex: 'place', render: (v: string | null) => v ?? t.common.dash },
              { title: L.note, dataIndex: 'note', render: (v: string | null) => v ?? t.common.dash },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={L.timeline}><StepsTimeline steps={c.steps} /></Card>
        </Col>
      </Row>
      <AidDialog kind={dialog} detail={c} onClose={() => setDialog(null)} onSubmit={(path, body) => act.mutateAsync({ path, body }).then(() => setDialog(null))} />
    </>
  );
}

function AidDialog({ kind, detail, onClose, onSubmit }: { kind: Dialog; detail: LegalAidDetail; onClose: () => void; onSubmit: (path: string, body: unknown) => Promise<unknown> }) {
  const titles = { assign: L.assign, refuse: L.refuse, stage: L.addStage, close: L.close } as const;
  const finish = async (v: Record<string, any>) => {
    if (kind === 'assign') await onSubmit('assign', { providerId: v.providerId, comment: v.comment || null });
    if (kind === 'refuse') await onSubmit('refuse', { reason: v.reason });
    if (kind === 'stage') await onSubmit('stages', { kind: v.kind, heldOn: (v.heldOn as Dayjs).format('YYYY-MM-DD'), place: v.place || null, note: v.note || null });
    if (kind === 'close') await onSubmit('close', { outcome: v.outcome, amountRecoveredFen: toFen(v.amountRecovered) ?? 0, workersBenefited: v.workersBenefited, closingReport: v.closingReport });
  };
  return (
    <CaseActionModal open={!!kind} title={kind ? `${titles[kind]} · ${detail.caseNo}` : ''} danger={kind === 'refuse'} okTestId="aid-dialog-ok" initialValues={{ outcome: 'won', workersBenefited: detail.workersInvolved, kind: 'filing' }} onClose={onClose} onFinish={finish}>
      {kind === 'assign' ? (
        <>
          <Form.Item name="providerId" label={L.provider} rules={[{ required: true, message: t.common.select(L.provider) }]}><ProviderSelect testId="aid-provider-select" /></Form.Item>
          <Form.Item name="comment" label={L.comment}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </>
      ) : null}
      {kind === 'refuse' ? (
        <Form.Item name="reason" label={L.refuseReason} rules={[{ required: true, whitespace: true, message: t.common.required(L.refuseReason) }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      ) : null}
      {kind === 'stage' ? (
        <>
          <Form.Item name="kind" label={L.stageKind} rules={[{ required: true }]}><Select options={codeOptions('legal_stage')} /></Form.Item>
          <Form.Item name="heldOn" label={L.heldOn} rules={[{ required: true, message: t.common.select(L.heldOn) }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="place" label={L.place}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label={L.note}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </>
      ) : null}
      {kind === 'close' ? (
        <>
          <Form.Item name="outcome" label={L.outcome}><Select options={Object.entries(legalAidOutcomeLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="amountRecovered" label={L.amountRecovered} rules={[{ required: true, message: t.common.required(L.amountRecovered) }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={12}><Form.Item name="workersBenefited" label={L.workersBenefited} rules={[{ required: true }]}><InputNumber min={0} max={100000} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Form.Item name="closingReport" label={L.closingReport} rules={[{ required: true, whitespace: true, message: t.common.required(L.closingReport) }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        </>
      ) : null}
    </CaseActionModal>
  );
}
