import { Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { OrgListItem } from './api';
import { kindColor, orgKindLabels } from './org-kinds';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

/** The flat, searchable list of every organization in scope, with its export. */
export function OrgListTab({ onOpen }: { onOpen: (id: number) => void }) {
  const [form] = Form.useForm<{ q?: string; kind?: string }>();
  const table = useServerTable<OrgListItem>({ key: 'orgs', url: '/api/orgs', defaultSort: 'path' });

  const columns: TableColumnsType<OrgListItem> = [
    { title: t.orgs.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderFor('name'), render: (v: string, r) => <a onClick={() => onOpen(r.id)}>{v}</a> },
    { title: t.orgs.kind, dataIndex: 'kind', key: 'kind', width: 150, sorter: true, sortOrder: table.sortOrderFor('kind'), render: (v: string, r) => <Tag color={kindColor(v)}>{r.kindLabel}</Tag> },
    { title: t.orgs.parent, dataIndex: 'parentName', key: 'parentName', render: (v: string | null) => v ?? t.common.dash },
    { title: t.orgs.regionCode, dataIndex: 'regionCode', key: 'regionCode', width: 130, render: (v: string | null) => v ?? t.common.dash },
    { title: t.orgs.path, dataIndex: 'path', key: 'path', width: 140, sorter: true, sortOrder: table.sortOrderFor('path') },
    { title: t.orgs.createdAt, dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: table.sortOrderFor('createdAt'), render: (v: string) => formatDateTime(v) },
    { title: t.common.actions, key: 'actions', width: 130, render: (_v, r) => <a onClick={() => onOpen(r.id)}>{t.orgs.viewInTree}</a> },
  ];

  return (
    <>
      <Form form={form} name="orgs-filter" layout="inline" className="gh-filters" onFinish={(v) => table.applyFilters({ q: v.q?.trim(), kind: v.kind })}>
        <Form.Item name="q" label={t.common.keyword}>
          <Input allowClear placeholder={t.orgs.searchPlaceholder} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="kind" label={t.orgs.kind}>
          <Select allowClear placeholder={t.orgs.kindAll} style={{ width: 180 }} options={Object.entries(orgKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item>
          <Space>
            <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/orgs" exportQuery={table.exportQuery} testId="orgs-export" />
          </Space>
        </Form.Item>
      </Form>
      <Table<OrgListItem>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        data-testid="orgs-table"
        locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
      />
    </>
  );
}
