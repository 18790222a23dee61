import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TermEndingItem } from './api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';

/** 换届提醒: unions whose term ends within 90 days or has ended. */
export function TermsEndingPage() {
  const table = useServerTable<TermEndingItem>({ key: 'unions', url: '/api/unions/terms-ending', defaultSort: 'termEnd', initialFilters: { days: 90 } });
  const columns: TableColumnsType<TermEndingItem> = [
    { title: t.termsEnding.union, dataIndex: 'name', key: 'name', ellipsis: true, sorter: true, sortOrder: table.sortOrderFor('name') },
    { title: t.orgs.kind, dataIndex: 'kindLabel', key: 'kind', width: 150 },
    { title: t.orgs.parent, dataIndex: 'parentName', key: 'parent', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.termsEnding.chair, dataIndex: 'chairName', key: 'chair', width: 100, render: (v: string | null) => v ?? t.common.dash },
    { title: t.termsEnding.termStart, dataIndex: 'termStart', key: 'termStart', width: 110, render: (v: string | null) => v ?? t.common.dash },
    { title: t.termsEnding.termEnd, dataIndex: 'termEnd', key: 'termEnd', width: 110, sorter: true, sortOrder: table.sortOrderFor('termEnd') },
    { title: t.termsEnding.daysLeft, dataIndex: 'daysLeft', key: 'daysLeft', width: 120, render: (v: number) => <Tag color={v < 0 ? 'red' : v <= 30 ? 'orange' : 'gold'}>{t.termsEnding.days(v)}</Tag> },
  ];
  return (
    <>
      <PageHeader title={t.termsEnding.title}><Typography.Text type="secondary">{t.termsEnding.intro}</Typography.Text></PageHeader>
      <Card size="small" extra={<ExportButton url="/api/unions/terms-ending" query={table.exportQuery} />}>
        <Table<TermEndingItem> rowKey="orgId" columns={columns} {...table.tableProps} data-testid="terms-ending-table" />
      </Card>
    </>
  );
}
