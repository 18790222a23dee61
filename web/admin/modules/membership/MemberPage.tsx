import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, SwapOutlined, StopOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import {
  fetchMember, memberKeys, revealMemberId, setMemberStatus, startTransfer, transferKeys, transferTargets, type MemberDetail,
} from './api';
import { MemberFormModal } from './MemberFormModal';
import { MemberAppealsSection } from '../appeals/MemberAppealsSection';
import { MemberStatusTag } from './MembersPage';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { MemberAssistanceSection } from '../campaigns/MemberAssistanceSection';

/** One member: profile, union, employer, transfer history and what the member received. */
export function MemberPage() {
  const id = Number(useParams().id) || 0;
  const detail = useQuery({ queryKey: memberKeys.detail(id), queryFn: () => fetchMember(id), enabled: id > 0 });
  if (detail.isPending) return <PageLoading />;
  if (detail.error) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  return <MemberBody detail={detail.data} />;
}

function MemberBody({ detail }: { detail: MemberDetail }) {
  const { can } = useAuth();
  const { message, modal } = useNotify();
  const m = detail.member;
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const reveal = useMutation({ mutationFn: () => revealMemberId(m.id), onSuccess: (r) => setIdNumber(r.idNumber), onError: (e) => showError(e, message) });
  const active = m.status === 'active';
  const pending = detail.transfers.some((x) => x.status === 'pending');
  const writable = can('member:write');

  const actions = writable ? (
    <Space wrap>
      {active ? <Button type="primary" icon={<SwapOutlined />} disabled={pending} onClick={() => setTransferring(true)} data-testid="member-transfer">{t.members.transfer}</Button> : null}
      {active ? <Button danger icon={<StopOutlined />} disabled={pending} onClick={() => setLeaving(true)} data-testid="member-leave">{t.members.leave}</Button> : null}
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">{t.common.edit}</Button>
    </Space>
  ) : null;

  return (
    <>
      <PageHeader title={<Space><Link to="/members"><ArrowLeftOutlined /></Link>{m.name}<MemberStatusTag status={m.status} /></Space>} extra={actions} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t.members.profile} data-testid="member-profile">
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'name', label: t.members.name, children: m.name },
                { key: 'cardNo', label: t.members.cardNo, children: m.cardNo },
                {
                  key: 'id', label: t.members.idNumber,
                  children: (
                    <Space size={8} wrap>
                      <span className="gh-mono" data-testid="member-id-number">{idNumber ?? m.idNumber}</span>
                      {can('member:reveal') && !idNumber ? (
                        <a onClick={() => modal.confirm({ title: t.common.confirmTitle, content: t.members.revealIdConfirm, okText: t.common.ok, cancelText: t.common.cancel, onOk: () => reveal.mutateAsync().catch(() => undefined) })} data-testid="member-reveal-id">{t.members.revealId}</a>
                      ) : null}
                      {idNumber ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.members.revealedNote}</Typography.Text> : null}
                    </Space>
                  ),
                },
                { key: 'sex', label: t.members.sex, children: codeLabel('sex', m.sex) },
                { key: 'birth', label: t.members.birthDate, children: `${m.birthDate}（${t.members.ageValue(m.age)}）` },
                { key: 'phone', label: t.members.phone, children: m.phone ?? t.common.dash },
                { key: 'ethnicity', label: t.members.ethnicity, children: codeLabel('ethnicity', m.ethnicity) || t.common.dash },
                { key: 'education', label: t.members.education, children: codeLabel('education', m.education) || t.common.dash },
                { key: 'political', label: t.members.politicalStatus, children: codeLabel('political_status', m.politicalStatus) || t.common.dash },
                { key: 'category', label: t.members.category, children: codeLabel('worker_category', m.category) },
                { key: 'join', label: t.members.joinDate, children: m.joinDate ?? t.common.dash },
                {
                  key: 'status', label: t.members.status,
                  children: m.statusDate && !active ? t.members.statusInfo(codeLabel('member_status', m.status), m.statusDate, m.statusReason ?? '') : codeLabel('member_status', m.status),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t.members.unionCard}>
              <Typography.Text strong data-testid="member-union">{detail.union.name}</Typography.Text>
              <div><Typography.Text type="secondary">{codeLabel('org_kind', detail.union.kind)}</Typography.Text></div>
            </Card>
            <Card size="small" title={t.members.employerCard}>
              {detail.employer ? (
                <>
                  {can('employer:read') ? <Link to={`/employers/${detail.employer.id}`} data-testid="member-employer">{detail.employer.name}</Link> : <span data-testid="member-employer">{detail.employer.name}</span>}
                  {detail.employer.creditCode ? <div><Typography.Text type="secondary" className="gh-mono">{detail.employer.creditCode}</Typography.Text></div> : null}
                </>
              ) : <Typography.Text type="secondary">{t.members.noEmployer}</Typography.Text>}
            </Card>
          </Space>
        </Col>
        <Col span={24}>
          <Card size="small" title={t.members.history} data-testid="member-history">
            {detail.transfers.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.members.noHistory} /> : (
              <Timeline
                items={detail.transfers.flatMap((tr) => tr.timeline.map((s, i) => ({
                  key: `${tr.id}-${i}`,
                  color: s.step === 'accepted' ? 'green' : s.step === 'refused' || s.step === 'cancelled' ? 'gray' : 'blue',
                  content: (
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{s.label}</Typography.Text>
                        <span>{tr.from.name} → {tr.to.name}</span>
                        {i === 0 ? <Tag>{tr.statusLabel}</Tag> : null}
                      </Space>
                      <div><Typography.Text type="secondary">{formatDateTime(s.at)}{s.actor ? ` · ${s.actor}` : ''}{s.comment ? ` · ${s.comment}` : ''}</Typography.Text></div>
                    </div>
                  ),
                })))}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t.members.received}>
            <Row gutter={[16, 16]}>
              {(['assistance', 'mutualAid', 'appeals', 'honors'] as const).map((k) => (
                <Col key={k} xs={24} md={12} xl={6}>
                  <Card size="small" type="inner" title={t.members.receivedSections[k]}>
                    {k === 'appeals' ? <MemberAppealsSection memberId={m.id} /> : k === 'assistance' ? <MemberAssistanceSection memberId={m.id} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.members.receivedEmpty(t.members.receivedSections[k])} />}
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      {writable ? (
        <>
          <MemberFormModal detail={detail} open={editing} onClose={() => setEditing(false)} />
          <TransferModal detail={detail} open={transferring} onClose={() => setTransferring(false)} />
          <LeaveModal detail={detail} open={leaving} onClose={() => setLeaving(false)} />
        </>
      ) : null}
    </>
  );
}

function TransferModal({ detail, open, onClose }: { detail: MemberDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ toOrgId: number; reason?: string }>();
  const [q, setQ] = useState('');
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const targets = useQuery({ queryKey: ['transfers', 'targets', q], queryFn: () => transferTargets(q), enabled: q.trim().length >= 2 });
  const save = useMutation({
    mutationFn: (v: { toOrgId: number; reason?: string }) => startTransfer(detail.member.id, v),
    onSuccess: async () => {
      message.success(t.members.transferStarted);
      await Promise.all([queryClient.invalidateQueries({ queryKey: memberKeys.all }), queryClient.invalidateQueries({ queryKey: transferKeys.all })]);
      onClose();
    },
    onError,
  });
  return (
    <Modal open={open} title={t.members.transferTitle(detail.member.name)} onCancel={onClose} onOk={() => form.submit()} okText={t.common.ok} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="transfer" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="toOrgId" label={t.members.transferTarget} rules={[{ required: true, message: t.common.select(t.members.transferTarget) }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t.members.transferTargetPlaceholder}
            loading={targets.isFetching}
            options={(targets.data?.items ?? []).filter((o) => o.id !== detail.union.id).map((o) => ({ value: o.id, label: o.name }))}
            notFoundContent={q.trim().length < 2 ? t.members.transferTargetPlaceholder : undefined}
            data-testid="transfer-target"
          />
        </Form.Item>
        <Form.Item name="reason" label={t.members.transferReason}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LeaveModal({ detail, open, onClose }: { detail: MemberDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ status: string; date: Dayjs; reason?: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { status: string; date: Dayjs; reason?: string }) => setMemberStatus(detail.member.id, { status: v.status, date: v.date.format('YYYY-MM-DD'), reason: v.reason || null }),
    onSuccess: async () => {
      message.success(t.members.statusChanged);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
    },
    onError,
  });
  return (
    <Modal open={open} title={t.members.leaveTitle(detail.member.name)} onCancel={onClose} onOk={() => form.submit()} okText={t.common.ok} okButtonProps={{ danger: true }} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="leave" layout="vertical" initialValues={{ status: 'withdrawn', date: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="status" label={t.members.leaveStatus} rules={[{ required: true }]}>
          <Select options={[{ value: 'withdrawn', label: codeLabel('member_status', 'withdrawn') }, { value: 'deceased', label: codeLabel('member_status', 'deceased') }]} />
        </Form.Item>
        <Form.Item name="date" label={t.members.leaveDate} rules={[{ required: true, message: t.common.select(t.members.leaveDate) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t.members.leaveReason}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
