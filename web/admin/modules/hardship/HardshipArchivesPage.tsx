import { useNavigate } from 'react-router';
import { Button, Card, Form, Input, InputNumber, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { codeLabel } from '../../../../lib/code-tables';
import { codeOptions } from '../membership/api';
import { levelColors, statusColors, type ArchiveItem } from './api';
import { useAuth } from '../../auth';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';

interface Filters { q?: string; orgId?: number; status?: string; level?: string; cause?: string; year?: number }

export function LevelTag({ level }: { level: string }) {
  return <Tag color={levelColors[level]}>{codeLabel('hardship_level', level)}</Tag>;
}
export function StatusTag({ status }: { status: string }) {
  return <Tag color={statusColors[status]}>{t.hardship.statuses[status] ?? status}</Tag>;
}

export const archiveColumns = (sortOrderFor: (f: string) => 'ascend' | 'descend' | null): TableColumnsType<ArchiveItem> => [
  { title: t.hardship.archiveNo, dataIndex: 'archiveNo', key: 'archiveNo', width: 130, sorter: true, sortOrder: sortOrderFor('archiveNo'), render: (v: string | null) => v ?? t.common.dash },
  { title: t.hardship.worker, dataIndex: 'workerName', key: 'workerName', width: 90, sorter: true, sortOrder: sortOrderFor('workerName'), render: (v: string) => <a>{v}</a> },
  { title: t.members.idNumber, dataIndex: 'idNumber', key: 'idNumber', width: 170, className: 'gh-mono' },
  { title: t.hardship.union, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
  { title: t.hardship.level, dataIndex: 'level', key: 'level', width: 96, render: (v: string) => <LevelTag level={v} /> },
  { title: t.hardship.status, dataIndex: 'status', key: 'status', width: 100, render: (v: string) => <StatusTag status={v} /> },
  { title: t.hardship.mainCause, dataIndex: 'mainCause', key: 'mainCause', width: 90, render: (v: string) => codeLabel('hardship_cause', v) },
  { title: t.hardship.householdSize, dataIndex: 'householdSize', key: 'householdSize', width: 80, render: (v: number) => t.hardship.persons(v) },
  { title: t.hardship.archivedOn, dataIndex: 'archivedOn', key: 'archivedOn', width: 104, sorter: true, sortOrder: sortOrderFor('archivedOn'), render: (v: string | null) => v ?? t.common.dash },
  { title: t.hardship.nextReviewDue, dataIndex: 'nextReviewDue', key: 'nextReviewDue', width: 104, sorter: true, sortOrder: sortOrderFor('nextReviewDue'), render: (v: string | null) => v ?? t.common.dash },
];

/** 困难职工档案: every archive and application in scope, filtered, exported (masked). */
export function HardshipArchivesPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const navigate = useNavigate();
  const table = useServerTable<ArchiveItem>({ key: 'hardship', url: '/api/hardship/archives', defaultSort: '-createdAt' });
  return (
    <>
      <PageHeader
        title={t.hardship.title}
        extra={can('hardship:apply') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/hardship/new')} data-testid="hardship-create">{t.hardship.create}</Button> : null}
      />
      <Card size="small">
        <Form form={form} name="hardship-filter" layout="inline" className="gh-filters"
          onFinish={(v) => table.applyFilters({ q: v.q?.trim(), orgId: v.orgId, status: v.status, level: v.level, cause: v.cause, year: v.year })}>
          <Form.Item name="q" label={t.common.keyword}><Input allowClear placeholder={t.hardship.keywordPlaceholder} style={{ width: 140 }} data-testid="hardship-filter-q" /></Form.Item>
          <Form.Item name="orgId" label={t.hardship.union}><OrgTreeSelect allowClear placeholder={t.hardship.all} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="status" label={t.hardship.status}>
            <Select allowClear placeholder={t.hardship.all} style={{ width: 120 }} options={Object.entries(t.hardship.statuses).map(([value, label]) => ({ value, label }))} data-testid="hardship-filter-status" />
          </Form.Item>
          <Form.Item name="level" label={t.hardship.level}><Select allowClear placeholder={t.hardship.all} style={{ width: 110 }} options={codeOptions('hardship_level')} /></Form.Item>
          <Form.Item name="cause" label={t.hardship.mainCause}><Select allowClear placeholder={t.hardship.all} style={{ width: 110 }} options={codeOptions('hardship_cause')} /></Form.Item>
          <Form.Item name="year" label={t.hardship.year}><InputNumber min={2000} max={2100} style={{ width: 90 }} /></Form.Item>
          <Form.Item>
            <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/hardship/archives" exportQuery={table.exportQuery} testId="hardship-export" />
          </Form.Item>
        </Form>
        <Table<ArchiveItem>
          rowKey="id"
          className="gh-clickable-rows"
          columns={archiveColumns(table.sortOrderFor)}
          {...table.tableProps}
          onRow={(r) => ({ onClick: () => navigate(`/hardship/archives/${r.id}`) })}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
          data-testid="hardship-table"
          scroll={{ x: 1100 }}
        />
      </Card>
    </>
  );
}
