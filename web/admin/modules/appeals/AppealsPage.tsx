import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, AlertOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { codeOptions } from '../membership/api';
import type { TicketItem } from './api';
import { StatusTag, TimeTag } from './common';
import { useAuth } from '../../auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { FilterActions } from '../../components/FilterActions';
import { useServerTable } from '../../components/use-server-table';
import type { Query } from '../../api';
import { t } from '../../i18n';

const tx = t.appeals;
type TabKey = 'all' | 'open' | 'dueSoon' | 'overdue' | 'supervised';
const tabFilters: Record<TabKey, Query> = {
  all: {}, open: { status: 'open' }, dueSoon: { timeStatus: 'due_soon' }, overdue: { timeStatus: 'overdue' }, supervised: { supervised: 'true', status: 'open' },
};

interface Filters { q?: string; orgId?: number; type?: string; subject?: string; tier?: string; status?: string; period?: [Dayjs, Dayjs] | null }

/** 职工诉求: every ticket in scope, with the due-soon, overdue and supervised views and the export. */
export function AppealsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [tab, setTab] = useState<TabKey>('open');
  return (
    <>
      <PageHeader
        title={tx.listTitle}
        extra={can('appeal:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/appeals/new')} data-testid="appeal-intake">{tx.intake}</Button> : null}
      />
      <Card size="small">
        <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={(Object.keys(tabFilters) as TabKey[]).map((k) => ({ key: k, label: tx.tabs[k] }))} />
        <TicketList key={tab} base={tabFilters[tab]} />
      </Card>
    </>
  );
}

function TicketList({ base }: { base: Query }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const table = useServerTable<TicketItem>({ key: 'appeals', url: '/api/appeals', defaultSort: '-acceptedOn', initialFilters: base });
  const columns: TableColumnsType<TicketItem> = [
    {
      title: tx.ticketNo, dataIndex: 'ticketNo', key: 'ticketNo', width: 190, className: 'gh-mono',
      render: (v: string, r) => <Space size={4}><a>{v}</a>{r.warningOpen ? <Tooltip title={tx.warnings}><AlertOutlined style={{ color: '#cf1322' }} /></Tooltip> : null}</Space>,
    },
    { title: tx.acceptedOn, dataIndex: 'acceptedOn', key: 'acceptedOn', width: 100, sorter: true, sortOrder: table.sortOrderFor('acceptedOn') },
    { title: tx.worker, dataIndex: 'workerName', key: 'workerName', width: 80 },
    { title: tx.type, dataIndex: 'typeLabel', key: 'type', width: 80 },
    { title: tx.subject, dataIndex: 'subjectLabel', key: 'subject', width: 80 },
    { title: tx.tier, dataIndex: 'tierLabel', key: 'tier', width: 64 },
    { title: tx.employer, dataIndex: 'employerName', key: 'employer', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: tx.workers, dataIndex: 'workersAffected', key: 'workersAffected', width: 80, sorter: true, sortOrder: table.sortOrderFor('workersAffected') },
    { title: tx.handlingOrg, key: 'handling', ellipsis: true, render: (_v, r) => r.assignedOrgName ?? r.orgName },
    { title: tx.status, key: 'status', width: 80, render: (_v, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
    { title: tx.dueOn, dataIndex: 'dueOn', key: 'dueOn', width: 100, sorter: true, sortOrder: table.sortOrderFor('dueOn') },
    {
      title: tx.timeStatus, key: 'time', width: 130,
      render: (_v, r) => (
        <Space size={2} wrap>
          <TimeTag status={r.timeStatus} label={r.timeStatusLabel} />
          {r.supervision && r.timeStatus !== 'done' ? <Tooltip title={`${r.supervision.note}`}><Tag color="volcano">{tx.supervision} {r.supervision.deadline}</Tag></Tooltip> : null}
        </Space>
      ),
    },
  ];
  const apply = (v: Filters) => table.applyFilters({
    ...base, q: v.q?.trim(), orgId: v.orgId, type: v.type, subject: v.subject, tier: v.tier, ...(v.status ? { status: v.status } : {}),
    from: v.period?.[0]?.format('YYYY-MM-DD'), to: v.period?.[1]?.format('YYYY-MM-DD'),
  });
  return (
    <>
      <Form form={form} name="appeals-filter" layout="inline" className="gh-filters" onFinish={apply}>
        <Form.Item name="q" label={t.common.keyword}><Input allowClear placeholder={tx.keywordPlaceholder} style={{ width: 220 }} data-testid="appeals-filter-q" /></Form.Item>
        <Form.Item name="orgId" label={tx.orgFilter}><OrgTreeSelect allowClear placeholder={tx.all} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="type" label={tx.type}><Select allowClear placeholder={tx.all} style={{ width: 110 }} options={codeOptions('appeal_type')} /></Form.Item>
        <Form.Item name="subject" label={tx.subject}><Select allowClear placeholder={tx.all} style={{ width: 110 }} options={codeOptions('appeal_subject')} /></Form.Item>
        <Form.Item name="tier" label={tx.tier}><Select allowClear placeholder={tx.all} style={{ width: 90 }} options={codeOptions('difficulty_tier')} /></Form.Item>
        {base.status || base.timeStatus ? null : (
          <Form.Item name="status" label={tx.status}>
            <Select allowClear placeholder={tx.all} style={{ width: 100 }} options={Object.entries(tx.statuses).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="period" label={tx.period}><DatePicker.RangePicker style={{ width: 240 }} /></Form.Item>
        <Form.Item>
          <FilterActions form={form} onReset={() => table.applyFilters(base)} exportUrl="/api/appeals" exportQuery={table.exportQuery} testId="appeals-export" />
        </Form.Item>
      </Form>
      <Table<TicketItem>
        rowKey="id"
        className="gh-clickable-rows"
        columns={columns}
        {...table.tableProps}
        onRow={(r) => ({ onClick: () => navigate(`/appeals/${r.id}`) })}
        locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
        data-testid="appeals-table"
      />
    </>
  );
}

