import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { codeLabel } from '../../../../lib/code-tables';
import { codeOptions, type EmployerItem } from './api';
import { EmployerFormModal } from './EmployerFormModal';
import { useAuth } from '../../auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { formatNumber } from '../../format';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

interface Filters { q?: string; creditCode?: string; ownership?: string; industry?: string; township?: number; hasUnion?: string; nonPublic?: string }

export function UnionStatusTag({ status }: { status: string }) {
  return <Tag color={status === 'none' ? 'default' : status === 'joint' ? 'blue' : 'green'}>{t.employers.unionStatus[status] ?? status}</Tag>;
}

const yesNo = [{ value: 'true', label: t.common.yes }, { value: 'false', label: t.common.no }];

/** 用人单位: find employers in scope, register one, export. */
export function EmployersPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const table = useServerTable<EmployerItem>({ key: 'employers', url: '/api/employers', defaultSort: 'name' });

  const columns: TableColumnsType<EmployerItem> = [
    { title: t.employers.name, dataIndex: 'name', key: 'name', ellipsis: true, sorter: true, sortOrder: table.sortOrderFor('name'), render: (v: string) => <a>{v}</a> },
    { title: t.employers.creditCode, dataIndex: 'creditCode', key: 'creditCode', width: 180, render: (v: string | null) => v ?? t.common.dash },
    { title: t.employers.ownership, dataIndex: 'ownership', key: 'ownership', width: 90, render: (v: string) => codeLabel('ownership', v) },
    { title: t.employers.industry, dataIndex: 'industry', key: 'industry', ellipsis: true, render: (v: string) => codeLabel('industry', v) },
    { title: t.employers.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    { title: t.employers.employeeCount, dataIndex: 'employeeCount', key: 'employeeCount', width: 90, align: 'right', sorter: true, sortOrder: table.sortOrderFor('employeeCount'), render: formatNumber },
    { title: t.employers.memberCount, dataIndex: 'memberCount', key: 'memberCount', width: 90, align: 'right', render: formatNumber },
    { title: t.employers.hasUnion, dataIndex: 'unionStatus', key: 'unionStatus', width: 100, render: (v: string) => <UnionStatusTag status={v} /> },
  ];

  return (
    <>
      <PageHeader
        title={t.employers.title}
        extra={can('employer:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employer-create">{t.employers.create}</Button> : null}
      />
      <Card size="small">
        <Form form={form} name="employers-filter" layout="inline" className="gh-filters"
          onFinish={(v) => table.applyFilters({ ...v, q: v.q?.trim(), creditCode: v.creditCode?.trim() })}>
          <Form.Item name="q" label={t.employers.name}><Input allowClear placeholder={t.employers.keywordPlaceholder} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="creditCode" label={t.employers.creditCode}><Input allowClear style={{ width: 190 }} /></Form.Item>
          <Form.Item name="ownership" label={t.employers.ownership}><Select allowClear placeholder={t.employers.any} style={{ width: 110 }} options={codeOptions('ownership')} /></Form.Item>
          <Form.Item name="industry" label={t.employers.industry}><Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t.employers.any} style={{ width: 180 }} options={codeOptions('industry')} /></Form.Item>
          <Form.Item name="township" label={t.employers.township}><OrgTreeSelect allowClear placeholder={t.employers.any} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="hasUnion" label={t.employers.hasUnionField}><Select allowClear placeholder={t.employers.any} style={{ width: 80 }} options={yesNo} /></Form.Item>
          <Form.Item name="nonPublic" label={t.employers.nonPublic}><Select allowClear placeholder={t.employers.any} style={{ width: 80 }} options={yesNo} /></Form.Item>
          <Form.Item>
            <Space>
              <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/employers" exportQuery={table.exportQuery} testId="employers-export" />
            </Space>
          </Form.Item>
        </Form>
        <Table<EmployerItem> rowKey="id" className="gh-clickable-rows" columns={columns} {...table.tableProps}
          onRow={(r) => ({ onClick: () => navigate(`/employers/${r.id}`) })}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }} data-testid="employers-table" />
      </Card>
      <EmployerFormModal employer={null} open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/employers/${id}`)} />
    </>
  );
}
