import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { get } from '../../api';
import { AuditDiff } from './AuditDiff';
import { rangeToQuery, type DateRange } from './date-range';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

interface AuditItem {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string | null;
  ip: string | null;
  orgName: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  org_id: number | null;
  org_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

interface Filters {
  range?: DateRange;
  actor?: string;
  entity?: string;
  action?: string;
  q?: string;
}

const actionLabel = (a: string) => t.audit.actions[a] ?? a;
const entityLabel = (e: string) => t.audit.entities[e] ?? e;
const actionColor = (a: string) => (a === 'delete' || a === 'revoke' || a === 'disable' ? 'red' : a === 'create' || a === 'grant' ? 'green' : a === 'reveal' ? 'orange' : 'blue');


/** 审计日志: who changed what and when, read-only; open one to see before and after. */
export function AuditPage() {
  const [form] = Form.useForm<Filters>();
  const navigate = useNavigate();
  const openId = Number(useParams().id) || null;
  const table = useServerTable<AuditItem>({ key: 'audit', url: '/api/audit', defaultSort: '-at' });

  // the drawer has its own address; the list (and its filters) stays mounted under it
  const open = (id: number | null) => navigate(id ? `/audit/${id}` : '/audit');

  const columns: TableColumnsType<AuditItem> = [
    { title: t.audit.at, dataIndex: 'at', key: 'at', width: 160, sorter: true, sortOrder: table.sortOrderFor('at'), render: (v: string) => formatDateTime(v, true) },
    { title: t.audit.actor, dataIndex: 'actorName', key: 'actorName', width: 170, ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.audit.action, dataIndex: 'action', key: 'action', width: 100, render: (v: string) => <Tag color={actionColor(v)}>{actionLabel(v)}</Tag> },
    { title: t.audit.entity, dataIndex: 'entity', key: 'entity', width: 100, render: (v: string) => entityLabel(v) },
    { title: t.audit.entityId, dataIndex: 'entityId', key: 'entityId', width: 100, ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.audit.summary, dataIndex: 'summary', key: 'summary', ellipsis: true },
    { title: t.audit.org, dataIndex: 'orgName', key: 'orgName', width: 160, ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.audit.ip, dataIndex: 'ip', key: 'ip', width: 120, render: (v: string | null) => v ?? t.common.dash },
  ];

  return (
    <>
      <PageHeader title={t.audit.title} />
      <Card size="small">
        <Form
          form={form}
          name="audit-filter"
          layout="inline"
          className="gh-filters"
          onFinish={(v) => table.applyFilters({ ...rangeToQuery(v.range), actor: v.actor?.trim(), entity: v.entity, action: v.action, q: v.q?.trim() })}
        >
          <Form.Item name="range" label={t.common.dateRange}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
          </Form.Item>
          <Form.Item name="actor" label={t.audit.actor}>
            <Input allowClear placeholder={t.audit.actorPlaceholder} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="entity" label={t.audit.entity}>
            <Select allowClear placeholder={t.common.all} style={{ width: 130 }} options={Object.entries(t.audit.entities).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="action" label={t.audit.action}>
            <Select allowClear placeholder={t.common.all} style={{ width: 130 }} options={Object.entries(t.audit.actions).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="q" label={t.common.keyword}>
            <Input allowClear placeholder={t.audit.keywordPlaceholder} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/audit" exportQuery={table.exportQuery} testId="audit-export" />
            </Space>
          </Form.Item>
        </Form>
        <Table<AuditItem>
          rowKey="id"
          className="gh-clickable-rows"
          columns={columns}
          {...table.tableProps}
          onRow={(r) => ({ onClick: () => open(r.id) })}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
          data-testid="audit-table"
        />
      </Card>
      <Drawer open={!!openId} onClose={() => open(null)} size={820} title={t.audit.detailTitle} destroyOnHidden data-testid="audit-drawer">
        {openId ? <AuditDetail id={openId} /> : null}
      </Drawer>
    </>
  );
}

function AuditDetail({ id }: { id: number }) {
  const row = useQuery({ queryKey: ['audit', 'detail', id], queryFn: () => get<AuditRow>(`/api/audit/${id}`) });
  if (row.isPending) return <PageLoading />;
  if (row.error) return <QueryError error={row.error} onRetry={() => row.refetch()} />;
  const r = row.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'at', label: t.audit.at, children: formatDateTime(r.at, true) },
          { key: 'actor', label: t.audit.actor, children: r.actor_name ?? t.common.dash },
          { key: 'action', label: t.audit.action, children: <Tag color={actionColor(r.action)}>{actionLabel(r.action)}</Tag> },
          { key: 'entity', label: t.audit.entity, children: `${entityLabel(r.entity)}${r.entity_id ? ` #${r.entity_id}` : ''}` },
          { key: 'org', label: t.audit.org, children: r.org_name ?? t.common.dash },
          { key: 'ip', label: t.audit.ip, children: r.ip ?? t.common.dash },
          { key: 'summary', label: t.audit.summary, span: 2, children: r.summary ?? t.common.dash },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t.audit.changes}</Typography.Title>
        <AuditDiff before={r.before} after={r.after} />
      </div>
    </Space>
  );
}
