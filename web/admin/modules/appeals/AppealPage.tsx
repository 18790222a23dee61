import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { appealKeys, fetchAssignees, fetchTicket, revealTicket, takeStep, yuan, type StepAction, type TicketDetail } from './api';
import { StatusTag, TimeTag } from './common';
import { MemberSelect } from './MemberSelect';
import { useAuth } from '../../auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

const tx = t.appeals;

/** One ticket: what was asked, its time limits, its timeline, warnings, the transferred case, and the steps the caller may take. */
export function AppealPage() {
  const id = Number(useParams().id) || 0;
  const detail = useQuery({ queryKey: appealKeys.detail(id), queryFn: () => fetchTicket(id), enabled: id > 0 });
  if (detail.isPending) return <PageLoading />;
  if (detail.error) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  return <AppealBody ticket={detail.data} />;
}

const actionOrder: StepAction[] = ['assign', 'reassign', 'progress', 'reply', 'visit', 'close', 'transfer', 'return', 'supervise'];

function AppealBody({ ticket: a }: { ticket: TicketDetail }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = useNotify();
  const [acting, setActing] = useState<StepAction | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealTicket(a.id, 'phone'), onSuccess: (r) => setPhone(r.value), onError: (e) => showError(e, message) });

  const actions = (
    <Space wrap>
      {actionOrder.filter((k) => a.actions.includes(k)).map((k) => (
        <Button key={k} type={k === 'assign' || k === 'close' || k === 'reply' ? 'primary' : 'default'} danger={k === 'return'} onClick={() => setActing(k)} data-testid={`appeal-action-${k}`}>
          {tx.actions[k]}
        </Button>
      ))}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={<Space><a onClick={() => navigate('/appeals')} aria-label={tx.back}><ArrowLeftOutlined /></a><span className="gh-mono" data-testid="appeal-no">{a.ticketNo}</span><StatusTag status={a.status} label={a.statusLabel} /><TimeTag status={a.timeStatus} label={a.timeStatusLabel} /></Space>}
        extra={actions}
      />
      {a.warnings.filter((w) => w.open).map((w) => (
        <Alert key={w.id} type="error" showIcon style={{ marginBottom: 12 }} title={w.title} description={`${w.detail ?? ''} · ${w.ruleLabels.join(t.common.separator)}`} data-testid="appeal-warning" />
      ))}
      {a.supervision && a.timeStatus !== 'done' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx.supervised(a.supervision.by ?? '', a.supervision.deadline ?? '')} description={a.supervision.note} data-testid="appeal-supervision" />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={tx.detail} data-testid="appeal-detail">
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'type', label: tx.type, children: a.typeLabel },
                { key: 'subject', label: tx.subject, children: a.subjectLabel },
                { key: 'tier', label: tx.tier, children: a.tierLabel },
                { key: 'channel', label: tx.channel, children: a.channelLabel },
                { key: 'workers', label: tx.workers, children: tx.workersUnit(a.workersAffected) },
                { key: 'amount', label: tx.amount, children: a.amountFen == null ? t.common.dash : yuan(a.amountFen) },
                { key: 'employer', label: tx.employer, children: a.employerId ? <Link to={`/employers/${a.employerId}`}>{a.employerName}</Link> : (a.employerName ?? t.common.dash) },
                { key: 'worker', label: tx.worker, children: a.memberId ? <Link to={`/members/${a.memberId}`}>{a.workerName}</Link> : a.workerName },
                {
                  key: 'phone', label: tx.phone, children: (
                    <Space>
                      <span className="gh-mono">{phone ?? a.phone ?? t.common.dash}</span>
                      {a.phone && !phone && can('appeal:write') ? <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => reveal.mutate()}>{tx.reveal}</Button> : null}
                    </Space>
                  ),
                },
                { key: 'id', label: tx.idNumberView, children: <span className="gh-mono">{a.idNumber ?? t.common.dash}</span> },
                { key: 'desk', label: tx.desk, children: a.orgName },
                { key: 'handling', label: tx.handlingOrg, children: a.assignedOrgName ? `${a.assignedOrgName}${a.assigneeName ? `（${a.assigneeName}）` : ''}` : t.common.dash },
                { key: 'accepted', label: tx.acceptedOn, children: a.acceptedOn },
                { key: 'ack', label: tx.ackDueOn, children: a.ackDueOn },
                { key: 'due', label: tx.dueOn, children: <span data-testid="appeal-due">{a.dueOn}</span> },
                { key: 'sat', label: tx.satisfaction, children: a.satisfactionLabel ?? t.common.dash },
                { key: 'content', label: tx.content, span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.content}</Typography.Paragraph> },
                ...(a.reply ? [{ key: 'reply', label: tx.reply, span: 2, children: a.reply }] : []),
                ...(a.visitNote ? [{ key: 'visitNote', label: tx.visitNote, span: 2, children: a.visitNote }] : []),
              ]}
            />
          </Card>
          {a.transferTarget ? <TransferCard ticket={a} /> : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={tx.timeline} data-testid="appeal-timeline">
            <Timeline
              items={a.timeline.map((s) => ({
                color: s.step === 'return' ? 'red' : s.step === 'supervise' ? 'orange' : s.step === 'close' ? 'green' : 'blue',
                content: (
                  <div data-testid={`timeline-${s.step}`}>
                    <Space wrap><Typography.Text strong>{s.label}</Typography.Text><Tag>{s.statusLabel}</Tag></Space>
                    <div><Typography.Text type="secondary">{formatDateTime(s.at)} · {s.actor}</Typography.Text></div>
                    {s.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{s.comment}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
          {a.warnings.length ? (
            <Card size="small" title={tx.warnings} style={{ marginTop: 16 }}>
              {a.warnings.map((w) => (
                <div key={w.id} style={{ marginBottom: 8 }}>
                  <Space wrap><Tag color={w.open ? 'red' : 'default'}>{w.open ? tx.warningOpen : tx.warningAcked}</Tag><Link to={`/appeal-warnings?id=${w.id}`}>{w.title}</Link></Space>
                  <div><Typography.Text type="secondary">{formatDateTime(w.raisedAt)}{w.acknowledgedBy ? ` · ${tx.acked(w.acknowledgedBy, formatDateTime(w.acknowledgedAt))}` : ''}{w.ackNote ? ` · ${w.ackNote}` : ''}</Typography.Text></div>
                </div>
              ))}
            </Card>
          ) : null}
        </Col>
      </Row>
      <StepModal ticket={a} action={acting} onClose={() => setActing(null)} />
    </>
  );
}

/** The case the ticket became (legal aid, mediation, hardship) and its progress, so the whole chain shows here. */
function TransferCard({ ticket }: { ticket: TicketDetail }) {
  const target = ticket.transferTarget!;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={<Space>{tx.transfer}<Tag color="magenta">{tx.transferKinds[target.kind] ?? target.kind}</Tag>{target.no ? <span className="gh-mono">{target.no}</span> : null}{target.statusLabel ? <Tag>{target.statusLabel}</Tag> : null}</Space>}
      extra={target.url ? <Link to={target.url}>{tx.transferOpen}</Link> : null}
      data-testid="appeal-transfer"
    >
      {target.summary ? <Typography.Paragraph>{target.summary}</Typography.Paragraph> : null}
      {target.amountRecoveredFen != null ? <Typography.Paragraph strong data-testid="appeal-transfer-recovered">{tx.recovered(yuan(target.amountRecoveredFen))}</Typography.Paragraph> : null}
      {target.chain.length ? (
        <Timeline
          items={target.chain.map((s, i) => ({
            key: i,
            content: (
              <div data-testid="chain-step">
                <Typography.Text strong>{s.label}</Typography.Text>
                <div><Typography.Text type="secondary">{formatDateTime(s.at)}{s.actor ? ` · ${s.actor}` : ''}</Typography.Text></div>
                {s.comment ? <div>{s.comment}</div> : null}
              </div>
            ),
          }))}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx.chain} />}
    </Card>
  );
}

interface StepForm {
  orgId?: number;
  assigneeId?: number | null;
  comment?: string;
  reply?: string;
  satisfaction?: string;
  deadline?: Dayjs;
  kind?: string;
  memberId?: number | null;
}

function StepModal({ ticket, action, onClose }: { ticket: TicketDetail; action: StepAction | null; onClose: () => void }) {
  const [form] = Form.useForm<StepForm>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form);
  const assignees = useQuery({ queryKey: ['appeals', 'assignees', orgId], queryFn: () => fetchAssignees(orgId!), enabled: !!orgId && (action === 'assign' || action === 'reassign') });
  const save = useMutation({
    mutationFn: (v: StepForm) => takeStep(ticket.id, action!, {
      ...(action === 'assign' || action === 'reassign' ? { orgId: v.orgId, assigneeId: v.assigneeId ?? null } : {}),
      ...(action === 'reply' ? { reply: v.reply } : {}),
      ...(action === 'visit' ? { satisfaction: v.satisfaction } : {}),
      ...(action === 'supervise' ? { deadline: v.deadline?.format('YYYY-MM-DD') } : {}),
      ...(action === 'transfer' ? { kind: v.kind, memberId: v.memberId ?? null } : {}),
      ...(action === 'reply' ? {} : { comment: v.comment || null }),
    }),
    onSuccess: async (next) => {
      message.success(tx.done(tx.actions[action!]));
      queryClient.setQueryData(appealKeys.detail(ticket.id), next);
      await queryClient.invalidateQueries({ queryKey: appealKeys.all });
      onClose();
    },
    onError,
  });
  if (!action) return null;
  const commentLabel = action === 'return' ? tx.returnReason : action === 'progress' ? tx.progressNote : action === 'supervise' ? tx.superviseNote : action === 'visit' ? tx.visitNote : tx.comment;
  const commentRequired = action === 'return' || action === 'progress' || action === 'supervise';
  return (
    <Modal open title={tx.actionTitle(tx.actions[action], ticket.ticketNo)} onCancel={onClose} onOk={() => form.submit()} okText={tx.actions[action]} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'step-ok' } as Record<`data-${string}`, string>}>
      <Form form={form} name={`appeal-${action}`} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'legal_aid' }}>
        {action === 'assign' || action === 'reassign' ? (
          <>
            <Form.Item name="orgId" label={tx.assignOrg} extra={tx.assignHint} rules={[{ required: true, message: t.common.select(tx.assignOrg) }]}>
              <OrgTreeSelect data-testid="step-org" />
            </Form.Item>
            <Form.Item name="assigneeId" label={tx.assigneeOptional}>
              <Select allowClear options={(assignees.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.orgName}` }))} loading={assignees.isFetching} />
            </Form.Item>
          </>
        ) : null}
        {action === 'reply' ? (
          <Form.Item name="reply" label={tx.reply} rules={[{ required: true, whitespace: true, message: t.common.required(tx.reply) }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="step-reply" />
          </Form.Item>
        ) : null}
        {action === 'visit' ? (
          <Form.Item name="satisfaction" label={tx.satisfaction} rules={[{ required: true, message: t.common.select(tx.satisfaction) }]}>
            <Radio.Group options={Object.entries(tx.satisfactions).map(([value, label]) => ({ value, label }))} data-testid="step-satisfaction" />
          </Form.Item>
        ) : null}
        {action === 'supervise' ? (
          <Form.Item name="deadline" label={tx.deadline} rules={[{ required: true, message: t.common.select(tx.deadline) }]}>
            <DatePicker />
          </Form.Item>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Form.Item name="kind" label={tx.transferKind} rules={[{ required: true }]}>
              <Radio.Group options={Object.entries(tx.transferKinds).map(([value, label]) => ({ value, label }))} data-testid="step-transfer-kind" />
            </Form.Item>
            {kind === 'hardship' && !ticket.memberId ? (
              <Form.Item name="memberId" label={tx.transferMember} rules={[{ required: true, message: t.common.select(tx.transferMember) }]}><MemberSelect /></Form.Item>
            ) : null}
          </>
        ) : null}
        {action !== 'reply' ? (
          <Form.Item name="comment" label={commentLabel} rules={commentRequired ? [{ required: true, whitespace: true, message: t.common.required(commentLabel) }] : []}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="step-comment" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
