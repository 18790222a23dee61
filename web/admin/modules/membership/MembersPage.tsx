import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { codeLabel } from '../../../../lib/code-tables';
import { codeOptions, type MemberItem } from './api';
import { MemberFormModal } from './MemberFormModal';
import { useAuth } from '../../auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

interface Filters { q?: string; orgId?: number; category?: string; status?: string }

export function MemberStatusTag({ status }: { status: string }) {
  const color = status === 'active' ? 'green' : status === 'transferred_out' ? 'blue' : 'default';
  return <Tag color={color}>{codeLabel('member_status', status)}</Tag>;
}

function ageOf(birthDate: string): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const now = new Date();
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age -= 1;
  return age;
}

/** 会员管理: find members in scope, register one, export the roster. */
export function MembersPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [reveal, setReveal] = useState(false);
  const employerId = Number(useSearchParams()[0].get('employerId')) || undefined;
  const table = useServerTable<MemberItem>({ key: 'members', url: '/api/members', defaultSort: '-createdAt', initialFilters: { employerId } });

  const columns: TableColumnsType<MemberItem> = [
    { title: t.members.name, dataIndex: 'name', key: 'name', width: 90, sorter: true, sortOrder: table.sortOrderFor('name'), render: (v: string) => <a>{v}</a> },
    { title: t.members.sex, dataIndex: 'sex', key: 'sex', width: 56, render: (v: string) => codeLabel('sex', v) },
    {
      title: t.members.age, dataIndex: 'birthDate', key: 'age', width: 64,
      render: (v: string) => <Tooltip title={v}>{ageOf(v)}</Tooltip>,
    },
    { title: t.members.idNumber, dataIndex: 'idNumber', key: 'idNumber', width: 180, className: 'gh-mono' },
    { title: t.members.phone, dataIndex: 'phone', key: 'phone', width: 120, render: (v: string | null) => v ?? t.common.dash },
    { title: t.members.union, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    { title: t.members.employer, dataIndex: 'employerName', key: 'employerName', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.members.category, dataIndex: 'category', key: 'category', width: 130, render: (v: string) => codeLabel('worker_category', v) },
    { title: t.members.status, dataIndex: 'status', key: 'status', width: 70, render: (v: string) => <MemberStatusTag status={v} /> },
    { title: t.members.joinDate, dataIndex: 'joinDate', key: 'joinDate', width: 110, sorter: true, sortOrder: table.sortOrderFor('joinDate'), render: (v: string | null) => v ?? t.common.dash },
  ];

  return (
    <>
      <PageHeader
        title={t.members.title}
        extra={can('member:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">{t.members.create}</Button> : null}
      />
      <Card size="small">
        <Form
          form={form}
          name="members-filter"
          layout="inline"
          className="gh-filters"
          onFinish={(v) => table.applyFilters({ employerId, q: v.q?.trim(), orgId: v.orgId, category: v.category, status: v.status })}
        >
          <Form.Item name="q" label={t.common.keyword}>
            <Input allowClear placeholder={t.members.keywordPlaceholder} style={{ width: 240 }} data-testid="members-filter-q" />
          </Form.Item>
          <Form.Item name="orgId" label={t.members.union}>
            <OrgTreeSelect allowClear placeholder={t.members.unionAll} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="category" label={t.members.category}>
            <Select allowClear placeholder={t.members.categoryAll} style={{ width: 150 }} options={codeOptions('worker_category')} />
          </Form.Item>
          <Form.Item name="status" label={t.members.status}>
            <Select allowClear placeholder={t.members.statusAll} style={{ width: 110 }} options={codeOptions('member_status')} />
          </Form.Item>
          <Form.Item>
            <Space>
              <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/members" exportQuery={{ ...table.exportQuery, reveal: reveal ? 1 : undefined }} testId="members-export" />
              {can('member:reveal') ? (
                <Tooltip title={t.members.revealExportHint}>
                  <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="members-export-reveal">{t.members.revealExport}</Checkbox>
                </Tooltip>
              ) : null}
            </Space>
          </Form.Item>
        </Form>
        <Table<MemberItem>
          rowKey="id"
          className="gh-clickable-rows"
          columns={columns}
          {...table.tableProps}
          onRow={(r) => ({ onClick: () => navigate(`/members/${r.id}`) })}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
          data-testid="members-table"
        />
      </Card>
      <MemberFormModal detail={null} open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/members/${id}`)} />
    </>
  );
}
