import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { mediationStatusLabels } from '../../../../lib/legal';
import { createMediation, fetchMediation, legalAction, legalKeys, toFen, type MediationDetail, type MediationItem } from './api';
import { codeOptions, DeadlineTag, mediationStatusColors, ProviderSelect, RevealNumber, SourceTicket, StepsTimeline, yuan, CaseActionModal } from './shared';
import { useAuth } from '../../auth';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useServerTable } from '../../components/use-server-table';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const L = t.legal;
const statusOptions = Object.entries(mediationStatusLabels).map(([value, label]) => ({ value, label }));
const deadlineOptions = Object.entries(L.deadlineOptions).map(([value, label]) => ({ value, label }));

/** 劳动争议调解 cases, with the 15-day limit flagged on every open one. */
export function MediationListPage() {
  const { can } = useAuth();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const table = useServerTable<MediationItem>({ key: legalKeys.mediation[0], url: '/api/legal/mediation', defaultSort: '-acceptedOn' });
  const columns: TableColumnsType<MediationItem> = [
    { title: L.caseNo, dataIndex: 'caseNo', key: 'caseNo', width: 160, render: (v: string, r) => <Link to={`/legal/mediation/${r.id}`}>{v}</Link> },
    { title: L.workerName, key: 'worker', width: 110, render: (_v, r) => L.workers_(r.workerName, r.workerCount) },
    { title: L.employer, dataIndex: 'employerName', key: 'employer', ellipsis: true },
    { title: L.subject, dataIndex: 'subjectLabel', key: 'subject', width: 90 },
    { title: L.mediator, dataIndex: 'mediatorName', key: 'mediator', width: 90, render: (v: string | null) => v ?? t.common.dash },
    { title: L.acceptedOn, dataIndex: 'acceptedOn', key: 'acceptedOn', width: 110, sorter: true, sortOrder: table.sortOrderFor('acceptedOn') },
    { title: L.dueOn, dataIndex: 'dueOn', key: 'dueOn', width: 110, sorter: true, sortOrder: table.sortOrderFor('dueOn') },
    { title: L.status, key: 'status', width: 170, render: (_v, r) => <Space size={4}><Tag color={mediationStatusColors[r.status]}>{r.statusLabel}</Tag><DeadlineTag deadline={r.deadline} testId={`mediation-deadline-${r.id}`} /></Space> },
    { title: L.agreementAmount, dataIndex: 'agreementAmountFen', key: 'amount', width: 120, align: 'right', render: (v: number | null) => yuan(v) },
    { title: L.sourceTicket, dataIndex: 'sourceTicketId', key: 'ticket', width: 130, render: (v: number | null) => <SourceTicket id={v} /> },
  ];
  return (
    <>
      <PageHeader title={L.menu.mediation} extra={can('legal:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.newMediation}</Button> : null} />
      <Card size="small">
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v) => table.applyFilters({ q: v.q?.trim() || undefined, status: v.status, deadline: v.deadline })}>
          <Form.Item name="q"><Input allowClear placeholder={L.keyword} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="status"><Select allowClear placeholder={L.status} style={{ width: 130 }} options={statusOptions} /></Form.Item>
          <Form.Item name="deadline"><Select allowClear placeholder={L.deadlineFilter} style={{ width: 170 }} options={deadlineOptions} data-testid="mediation-deadline-filter" /></Form.Item>
          <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/legal/mediation" exportQuery={table.exportQuery} testId="mediation-export" /></Form.Item>
        </Form>
        <Table<MediationItem> rowKey="id" columns={columns} {...table.tableProps} scroll={{ x: 1300 }} locale={{ emptyText: t.common.empty }} data-testid="mediation-table" />
      </Card>
      <NewMediationModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewMediationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: Record<string, any>) => createMediation({
      orgId: v.orgId, worker: { name: v.workerName, phone: v.phone || null, count: v.workerCount ?? 1 }, employerName: v.employerName, employerContact: v.employerContact || null,
      subject: v.subject, claim: v.claim, amountClaimedFen: toFen(v.amountClaimed), acceptedOn: v.acceptedOn ? (v.acceptedOn as Dayjs).format('YYYY-MM-DD') : null,
    }),
    onSuccess: (r) => { message.success(L.created(r.caseNo)); onClose(); navigate(`/legal/mediation/${r.id}`); },
    onError,
  });
  return (
    <Modal open={open} title={L.newMediation} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ subject: 'labor_contract', workerCount: 1 }}>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: t.common.select(L.org) }]}><OrgTreeSelect /></Form.Item>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="workerName" label={L.workerName} rules={[{ required: true, whitespace: true, message: t.common.required(L.workerName) }]}><Input maxLength={50} /></Form.Item></Col>
          <Col span={8}><Form.Item name="phone" label={L.phone}><Input maxLength={20} /></Form.Item></Col>
          <Col span={8}><Form.Item name="workerCount" label={L.workerCount}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}><Form.Item name="employerName" label={L.employerName} rules={[{ required: true, whitespace: true, message: t.common.required(L.employerName) }]}><Input maxLength={100} /></Form.Item></Col>
          <Col span={8}><Form.Item name="employerContact" label={L.employerContact}><Input maxLength={50} /></Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="subject" label={L.subject}><Select options={codeOptions('appeal_subject')} /></Form.Item></Col>
          <Col span={8}><Form.Item name="amountClaimed" label={L.amountClaimed}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="acceptedOn" label={L.acceptedOn}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="claim" label={L.claim} rules={[{ required: true, whitespace: true, message: t.common.required(L.claim) }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = 'mediator' | 'session' | 'agreement' | 'fail' | 'withdraw' | null;

/** One mediation case: the countdown to the 15-day limit, the sessions, and its conclusion. */
export function MediationCasePage() {
  const id = Number(useParams().id) || 0;
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = useNotify();
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: [...legalKeys.mediation, 'detail', id], queryFn: () => fetchMediation(id), enabled: id > 0 });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => legalAction(`/api/legal/mediation/${id}/${path}`, body),
    onSuccess: async () => { message.success(L.done); await queryClient.invalidateQueries({ queryKey: legalKeys.mediation }); },
  });
  const toTypical = useMutation({
    mutationFn: () => legalAction(`/api/legal/mediation/${id}/typical`) as Promise<{ id: number }>,
    onSuccess: (r) => { message.success(L.typicalMade); navigate(`/legal/typical?open=${r.id}`); },
    onError: useErrorHandler(),
  });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  const canWrite = can('legal:write') && c.open;
  return (
    <>
      <PageHeader
        title={<Space><Link to="/legal/mediation"><ArrowLeftOutlined /></Link><span>{c.caseNo}</span><Tag color={mediationStatusColors[c.status]} data-testid="mediation-status">{c.statusLabel}</Tag><DeadlineTag deadline={c.deadline} testId="mediation-deadline" /></Space>}
        extra={
          <Space wrap>
            {canWrite ? <Button onClick={() => setDialog('mediator')}>{L.setMediator}</Button> : null}
            {canWrite ? <Button onClick={() => setDialog('session')}>{L.addSession}</Button> : null}
            {canWrite ? <Button type="primary" onClick={() => setDialog('agreement')}>{L.agreement}</Button> : null}
            {canWrite ? <Button danger onClick={() => setDialog('fail')}>{L.fail}</Button> : null}
            {canWrite ? <Button onClick={() => setDialog('withdraw')}>{L.withdraw}</Button> : null}
            {c.status === 'agreement' ? <Button icon={<FilePdfOutlined />} href={`/api/legal/mediation/${id}/agreement.pdf`} target="_blank" data-testid="mediation-pdf">{L.agreementPdf}</Button> : null}
            {(c.status === 'agreement' || c.status === 'failed') && can('legal:write') && !c.typicalCaseId ? <Button onClick={() => toTypical.mutate()}>{L.toTypical}</Button> : null}
            {c.typicalCaseId ? <Link to={`/legal/typical?open=${c.typicalCaseId}`}>{L.viewTypical}</Link> : null}
          </Space>
        }
      />
      {c.open ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16} align="middle">
            <Col xs={12} md={6}><Statistic title={L.acceptedOn} value={c.acceptedOn} /></Col>
            <Col xs={12} md={6}><Statistic title={L.dueOn} value={c.dueOn} /></Col>
            <Col xs={24} md={12}>
              <Alert showIcon type={c.deadline?.state === 'overdue' ? 'error' : c.deadline?.state === 'due_soon' ? 'warning' : 'info'}
                title={<span data-testid="mediation-countdown">{c.deadline ? L.daysLeft(c.deadline.daysLeft) : ''}</span>} description={L.limitNote} />
            </Col>
          </Row>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={L.basic}>
            <Descriptions size="small" column={2} items={[
              { key: 'org', label: L.org, children: c.orgName },
              { key: 'ticket', label: L.sourceTicket, children: <SourceTicket id={c.sourceTicketId} /> },
              { key: 'worker', label: L.workerName, children: L.workers_(c.worker.name, c.worker.count) },
              { key: 'phone', label: L.phone, children: <RevealNumber masked={c.worker.phone} url={`/api/legal/mediation/${id}/reveal`} field="phone" /> },
              { key: 'employer', label: L.employer, children: c.employerName },
              { key: 'contact', label: L.employerContact, children: c.employerContact ?? t.common.dash },
              { key: 'subject', label: L.subject, children: c.subjectLabel },
              { key: 'amount', label: L.amountClaimed, children: yuan(c.amountClaimedFen) },
              { key: 'mediator', label: L.mediator, children: c.mediatorName ?? t.common.dash },
              { key: 'accepted', label: L.acceptedOn, children: `${c.acceptedOn} → ${c.dueOn}` },
              { key: 'claim', label: L.claim, span: 2, children: c.claim },
              ...(c.agreementTerms ? [{ key: 'terms', label: L.agreementTerms, span: 2, children: c.agreementTerms }, { key: 'amt', label: L.agreementAmount, children: yuan(c.agreementAmountFen) }, { key: 'closed', label: L.closedOn, children: c.closedOn }] : []),
              ...(c.failureReason ? [{ key: 'fail', label: L.failureReason, span: 2, children: c.failureReason }] : []),
            ]} />
          </Card>
          <Card size="small" title={L.sessions} style={{ marginTop: 16 }}>
            <Table rowKey="id" size="small" pagination={false} dataSource={c.sessions} locale={{ emptyText: t.common.empty }} columns={[
              { title: L.heldOn, dataIndex: 'heldOn', width: 110 },
              { title: L.place, dataIndex: 'place', render: (v: string | null) => v ?? t.common.dash },
              { title: L.attendees, dataIndex: 'attendees', render: (v: string | null) => v ?? t.common.dash },
              { title: L.note, dataIndex: 'note', render: (v: string | null) => v ?? t.common.dash },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={L.timeline}><StepsTimeline steps={c.steps} /></Card>
        </Col>
      </Row>
      <MediationDialog kind={dialog} detail={c} onClose={() => setDialog(null)} onSubmit={(path, body) => act.mutateAsync({ path, body }).then(() => setDialog(null))} />
    </>
  );
}

function MediationDialog({ kind, detail, onClose, onSubmit }: { kind: Dialog; detail: MediationDetail; onClose: () => void; onSubmit: (path: string, body: unknown) => Promise<unknown> }) {
  const titles = { mediator: L.setMediator, session: L.addSession, agreement: L.agreement, fail: L.fail, withdraw: L.withdraw } as const;
  const finish = async (v: Record<string, any>) => {
    if (kind === 'mediator') await onSubmit('mediator', { providerId: v.providerId ?? null, name: v.name || null });
    if (kind === 'session') await onSubmit('sessions', { heldOn: (v.heldOn as Dayjs).format('YYYY-MM-DD'), place: v.place || null, attendees: v.attendees || null, note: v.note || null });
    if (kind === 'agreement') await onSubmit('agreement', { agreementTerms: v.agreementTerms, agreementAmountFen: toFen(v.agreementAmount) ?? 0 });
    if (kind === 'fail') await onSubmit('fail', { failureReason: v.failureReason });
    if (kind === 'withdraw') await onSubmit('withdraw', { reason: v.reason });
  };
  return (
    <CaseActionModal open={!!kind} title={kind ? `${titles[kind]} · ${detail.caseNo}` : ''} onClose={onClose} onFinish={finish}>
      {kind === 'mediator' ? (
        <>
          <Form.Item name="providerId" label={L.mediatorFromRoster}><ProviderSelect /></Form.Item>
          <Form.Item name="name" label={L.mediatorName}><Input maxLength={50} /></Form.Item>
        </>
      ) : null}
      {kind === 'session' ? (
        <>
          <Form.Item name="heldOn" label={L.heldOn} rules={[{ required: true, message: t.common.select(L.heldOn) }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="place" label={L.place}><Input maxLength={100} /></Form.Item>
          <Form.Item name="attendees" label={L.attendees}><Input maxLength={500} /></Form.Item>
          <Form.Item name="note" label={L.note}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </>
      ) : null}
      {kind === 'agreement' ? (
        <>
          <Form.Item name="agreementTerms" label={L.agreementTerms} rules={[{ required: true, whitespace: true, message: t.common.required(L.agreementTerms) }]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
          <Form.Item name="agreementAmount" label={L.agreementAmount} rules={[{ required: true, message: t.common.required(L.agreementAmount) }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
        </>
      ) : null}
      {kind === 'fail' ? (
        <Form.Item name="failureReason" label={L.failureReason} extra={L.failHint} rules={[{ required: true, whitespace: true, message: t.common.required(L.failureReason) }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      ) : null}
      {kind === 'withdraw' ? (
        <Form.Item name="reason" label={L.withdrawReason} rules={[{ required: true, whitespace: true, message: t.common.required(L.withdrawReason) }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      ) : null}
    </CaseActionModal>
  );
}
