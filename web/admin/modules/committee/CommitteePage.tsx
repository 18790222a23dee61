import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UserAddOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import { download, get, post } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';
import { LeaveModal, MemberFormModal, TermFormModal } from './CommitteeForms';

interface TermItem { id: number; orgId: number; orgName: string; name: string; termNo: number | null; startDate: string; endDate: string | null; serving: number; standing: number; left: number }
interface Link { memberId: number; name: string; meeting: string; approvedOn: string; reason: string | null }
interface RosterMember {
  id: number; name: string; sex: string | null; unit: string | null; position: string | null; roles: string[]; standing: boolean;
  electedMeeting: string | null; electedOn: string | null; status: 'serving' | 'left'; leftOn: string | null; leftReason: string | null;
  replaces: Link | null; replacedBy: Link | null;
}
interface TermDetail { id: number; orgName: string; name: string; startDate: string; endDate: string | null; members: RosterMember[]; counts: { serving: number; standing: number; left: number } }

const keys = { detail: (id: number) => ['committee', 'term', id] as const };

/** 委员会: terms, each term's roster, 替补. */
export function CommitteePage() {
  const { can } = useAuth();
  const [termId, setTermId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const table = useServerTable<TermItem>({ key: 'committee', url: '/api/committee/terms', defaultSort: '-startDate' });
  const columns: TableColumnsType<TermItem> = [
    { title: t.committee.name, dataIndex: 'name', key: 'name', render: (v: string, r) => <a>{r.orgName} {v}</a> },
    { title: t.committee.startDate, dataIndex: 'startDate', key: 'startDate', width: 110 },
    { title: t.committee.serving, dataIndex: 'serving', key: 'serving', width: 80 },
  ];
  return (
    <>
      <PageHeader
        title={t.committee.title}
        extra={can('committee:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="committee-term-create">{t.committeeEdit.createTerm}</Button> : null}
      />
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t.committee.terms}>
            <Table<TermItem> rowKey="id" className="gh-clickable-rows" columns={columns} {...table.tableProps}
              rowClassName={(r) => (r.id === termId ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => setTermId(r.id) })} data-testid="committee-terms" />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          {termId ? <Roster termId={termId} /> : <Card size="small"><Empty description={t.committee.selectTerm} /></Card>}
        </Col>
      </Row>
      {can('committee:write') ? <TermFormModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); setTermId(id); }} /> : null}
    </>
  );
}

function rolesOf(m: RosterMember) {
  return ['chair', 'vice_chair', 'standing', 'committee', 'audit'].filter((r) => m.roles.includes(r))
    .map((r) => <Tag key={r} color={r === 'standing' ? 'red' : r === 'chair' || r === 'vice_chair' ? 'volcano' : undefined}>{t.committee.roleLabels[r]}</Tag>);
}

function Roster({ termId }: { termId: number }) {
  const { can } = useAuth();
  const { message } = useNotify();
  const [replacing, setReplacing] = useState(false);
  // undefined: closed; null: 增加委员; a member: 编辑
  const [editing, setEditing] = useState<RosterMember | null | undefined>(undefined);
  const [leaving, setLeaving] = useState<RosterMember | null>(null);
  const writable = can('committee:write');
  const q = useQuery({ queryKey: keys.detail(termId), queryFn: () => get<TermDetail>(`/api/committee/terms/${termId}`) });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const serving = d.members.filter((m) => m.status === 'serving');
  const former = d.members.filter((m) => m.status === 'left');
  const base: TableColumnsType<RosterMember> = [
    { title: t.committee.memberName, dataIndex: 'name', key: 'name', width: 90 },
    { title: t.committee.sex, dataIndex: 'sex', key: 'sex', width: 56, render: (v: string | null) => codeLabel('sex', v) || t.common.dash },
    { title: t.committee.unit, dataIndex: 'unit', key: 'unit', ellipsis: true },
    { title: t.committee.roles, key: 'roles', width: 200, render: (_v, m) => rolesOf(m) },
  ];
  const currentCols: TableColumnsType<RosterMember> = [
    ...base,
    { title: t.committee.elected, key: 'elected', ellipsis: true, render: (_v, m) => [m.electedMeeting, m.electedOn].filter(Boolean).join(' ') || t.common.dash },
    { title: '', key: 'replaces', ellipsis: true, render: (_v, m) => (m.replaces ? <Typography.Text type="secondary">{t.committee.replaces(m.replaces.name)}</Typography.Text> : null) },
    ...(writable ? [{
      title: t.common.actions, key: 'actions', width: 110, fixed: 'right' as const,
      render: (_v: unknown, m: RosterMember) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setEditing(m)} data-testid={`committee-member-edit-${m.id}`}>{t.committeeEdit.edit}</Button>
          <Button type="link" size="small" danger onClick={() => setLeaving(m)} data-testid={`committee-member-leave-${m.id}`}>{t.committeeEdit.leave}</Button>
        </Space>
      ),
    }] : []),
  ];
  const formerCols: TableColumnsType<RosterMember> = [
    ...base,
    { title: t.committee.leftOn, dataIndex: 'leftOn', key: 'leftOn', width: 110 },
    { title: t.committee.leftReason, dataIndex: 'leftReason', key: 'leftReason', ellipsis: true },
    { title: '', key: 'replacedBy', ellipsis: true, render: (_v, m) => (m.replacedBy ? `${t.committee.replacedBy(m.replacedBy.name)}（${m.replacedBy.meeting}）` : null) },
  ];
  return (
    <Card
      size="small"
      title={t.committee.roster(`${d.orgName}${d.name}`)}
      extra={(
        <Space>
          {writable ? <Button icon={<UserAddOutlined />} onClick={() => setEditing(null)} data-testid="committee-member-add">{t.committeeEdit.addMember}</Button> : null}
          {writable ? <Button icon={<UserSwitchOutlined />} onClick={() => setReplacing(true)} data-testid="committee-replace">{t.committee.replace}</Button> : null}
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/committee/terms/${termId}/roster.xlsx`, undefined, 'roster.xlsx').catch((e: unknown) => showError(e, message))}>{t.committee.exportRoster}</Button>
        </Space>
      )}
    >
      <Typography.Text type="secondary">{t.committee.countsLine(d.counts.serving, d.counts.standing, d.counts.left)}</Typography.Text>
      <Tabs items={[
        { key: 'current', label: `${t.committee.current} ${serving.length}`, children: <Table<RosterMember> rowKey="id" size="small" columns={currentCols} dataSource={serving} pagination={false} data-testid="committee-current" /> },
        { key: 'former', label: `${t.committee.former} ${former.length}`, children: <Table<RosterMember> rowKey="id" size="small" columns={formerCols} dataSource={former} pagination={false} /> },
      ]} />
      <ReplaceModal termId={termId} serving={serving} open={replacing} onClose={() => setReplacing(false)} />
      {writable ? (
        <>
          <MemberFormModal termId={termId} member={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
          <LeaveModal member={leaving} onClose={() => setLeaving(null)} />
        </>
      ) : null}
    </Card>
  );
}

interface ReplaceValues { leavingMemberId: number; reason: string; meeting: string; date: Dayjs; name: string; sex?: 'M' | 'F'; unit?: string; position?: string }

function ReplaceModal({ termId, serving, open, onClose }: { termId: number; serving: RosterMember[]; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ReplaceValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: ReplaceValues) => post(`/api/committee/terms/${termId}/replacements`, {
      leavingMemberId: v.leavingMemberId, reason: v.reason, meeting: v.meeting, date: v.date.format('YYYY-MM-DD'),
      newMember: { name: v.name, sex: v.sex ?? null, unit: v.unit || null, position: v.position || null },
    }),
    onSuccess: async () => { message.success(t.committee.replaced); await queryClient.invalidateQueries({ queryKey: ['committee'] }); onClose(); },
    onError,
  });
  return (
    <Modal open={open} title={t.committee.replaceTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} width={640} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" name="replace" onFinish={(v) => save.mutate(v)} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        <Form.Item name="leavingMemberId" label={t.committee.leaving} rules={[{ required: true, message: t.common.select(t.committee.leaving) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={serving.map((m) => ({ value: m.id, label: `${m.name}${m.unit ? `（${m.unit}）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="reason" label={t.committee.reason} rules={[{ required: true, whitespace: true, message: t.common.required(t.committee.reason) }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="meeting" label={t.committee.meeting} rules={[{ required: true, whitespace: true, message: t.common.required(t.committee.meeting) }]}><Input maxLength={100} placeholder={t.committee.meetingPlaceholder} /></Form.Item>
        <Form.Item name="date" label={t.committee.date} rules={[{ required: true, message: t.common.select(t.committee.date) }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Typography.Text strong style={{ gridColumn: 'span 2', marginBottom: 8 }}>{t.committee.newMember}</Typography.Text>
        <Form.Item name="name" label={t.committee.memberName} rules={[{ required: true, whitespace: true, message: t.common.required(t.committee.memberName) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="sex" label={t.committee.sex}><Select allowClear options={[{ value: 'M', label: codeLabel('sex', 'M') }, { value: 'F', label: codeLabel('sex', 'F') }]} /></Form.Item>
        <Form.Item name="unit" label={t.committee.unit}><Input maxLength={100} /></Form.Item>
        <Form.Item name="position" label={t.committee.position}><Input maxLength={100} /></Form.Item>
      </Form>
    </Modal>
  );
}
