import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Card, Form, Input, Table, Tabs } from 'antd';
import type { ArchiveItem } from './api';
import { archiveColumns } from './HardshipArchivesPage';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';

type Kind = 'due' | 'stale' | 'never_assisted';

/** 跟进名单: archives due for the yearly review, overdue, or never assisted. */
export function HardshipFollowupsPage() {
  const [kind, setKind] = useState<Kind>('due');
  return (
    <>
      <PageHeader title={t.hardship.followupTitle} />
      <Card size="small">
        <Tabs activeKey={kind} onChange={(k) => setKind(k as Kind)} items={(['due', 'stale', 'never_assisted'] as const).map((k) => ({ key: k, label: t.hardship.followupKinds[k] }))} />
        {kind === 'never_assisted' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.hardship.followupHint} /> : null}
        <FollowupList key={kind} kind={kind} />
      </Card>
    </>
  );
}

function FollowupList({ kind }: { kind: Kind }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<{ q?: string; orgId?: number }>();
  const table = useServerTable<ArchiveItem>({ key: 'hardship', url: '/api/hardship/followups', defaultSort: 'nextReviewDue', initialFilters: { kind } });
  const columns = archiveColumns(table.sortOrderFor).filter((c) => c.key !== 'status' && c.key !== 'archiveNo');
  columns.push({ title: t.hardship.lastAssistedOn, dataIndex: 'lastAssistedOn', key: 'lastAssistedOn', width: 104, render: (v: string | null) => v ?? t.common.dash });
  return (
    <>
      <Form form={form} name={`followups-${kind}`} layout="inline" className="gh-filters" onFinish={(v) => table.applyFilters({ kind, q: v.q?.trim(), orgId: v.orgId })}>
        <Form.Item name="q" label={t.common.keyword}><Input allowClear placeholder={t.hardship.keywordPlaceholder} style={{ width: 140 }} /></Form.Item>
        <Form.Item name="orgId" label={t.hardship.union}><OrgTreeSelect allowClear placeholder={t.hardship.all} style={{ width: 220 }} /></Form.Item>
        <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({ kind })} exportUrl="/api/hardship/followups" exportQuery={table.exportQuery} testId="followups-export" /></Form.Item>
      </Form>
      <Table<ArchiveItem> rowKey="id" className="gh-clickable-rows" columns={columns} {...table.tableProps}
        onRow={(r) => ({ onClick: () => navigate(`/hardship/archives/${r.id}`) })} locale={{ emptyText: t.common.empty }} data-testid="followups-table" scroll={{ x: 1000 }} />
    </>
  );
}
