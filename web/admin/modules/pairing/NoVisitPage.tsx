import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { codeOptions, fetchSummary, pairingKeys, type NoVisitSummary, type PairItem } from './api';
import { pairColumns, RoundSelect } from './PairsPage';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';

interface Filters { roundId?: number; township?: number; helperKind?: string; q?: string }
type TownshipRow = NoVisitSummary['townships'][number];

/** 本季度未走访: active pairs with no visit in the current calendar quarter, by township. */
export function NoVisitPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const table = useServerTable<PairItem>({ key: 'pairing', url: '/api/pairing/no-visit', defaultSort: 'lastVisit' });
  const roundId = table.filters.roundId as number | undefined;
  const summary = useQuery({ queryKey: [...pairingKeys.summary, roundId ?? null], queryFn: () => fetchSummary(roundId) });
  const s = summary.data;

  const townshipColumns: TableColumnsType<TownshipRow> = [
    { title: t.pairing.township, dataIndex: 'townshipName', key: 'township', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.pairing.summaryActive, dataIndex: 'active', key: 'active', align: 'right', width: 70 },
    { title: t.pairing.summaryVisited, dataIndex: 'visited', key: 'visited', align: 'right', width: 70 },
    { title: t.pairing.summaryNotVisited, dataIndex: 'notVisited', key: 'notVisited', align: 'right', width: 70,
      render: (v: number, r) => (v > 0 && r.townshipId ? (
        <Button type="link" size="small" data-testid={`novisit-township-${r.townshipId}`}
          onClick={() => { form.setFieldsValue({ township: r.townshipId! }); table.applyFilters({ ...table.filters, township: r.townshipId }); }}>{v}</Button>
      ) : v) },
    { title: t.pairing.summaryRate, key: 'rate', align: 'right', width: 76, render: (_v, r) => (r.active ? `${((r.visited / r.active) * 100).toFixed(1)}%` : t.common.dash) },
  ];

  return (
    <>
      <PageHeader title={t.pairing.noVisitTitle} />
      <Card size="small" title={s ? s.quarter.label : t.common.loading} data-testid="novisit-summary" style={{ marginBottom: 16 }}>
        {s ? (
          <Row gutter={[24, 12]}>
            <Col xs={24} lg={8}>
              <Row gutter={8}>
                <Col span={8}><Statistic title={t.pairing.summaryActive} value={s.total.active} /></Col>
                <Col span={8}><Statistic title={t.pairing.summaryVisited} value={s.total.visited} /></Col>
                <Col span={8}><Statistic title={t.pairing.summaryNotVisited} value={s.total.notVisited} valueStyle={{ color: s.total.notVisited ? '#cf1322' : undefined }} /></Col>
              </Row>
              <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t.pairing.noVisitHint(s.quarter.label, s.quarter.start, s.today)} />
            </Col>
            <Col xs={24} lg={16}>
              <Table<TownshipRow> rowKey={(r) => String(r.townshipId)} size="small" pagination={false} columns={townshipColumns} dataSource={s.townships}
                scroll={{ y: 220 }} locale={{ emptyText: t.common.empty }} data-testid="novisit-townships" />
            </Col>
          </Row>
        ) : null}
      </Card>
      <Card size="small">
        <Form form={form} name="novisit-filter" layout="inline" className="gh-filters" onFinish={(v) => table.applyFilters({ ...v, q: v.q?.trim() })}>
          <Form.Item name="roundId" label={t.pairing.round}><RoundSelect allowClear style={{ width: 150 }} /></Form.Item>
          <Form.Item name="township" label={t.pairing.township}><OrgTreeSelect allowClear placeholder={t.pairing.any} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="helperKind" label={t.pairing.helperKind}><Select allowClear placeholder={t.pairing.any} style={{ width: 110 }} options={codeOptions('pairing_helper_kind')} /></Form.Item>
          <Form.Item name="q" label={t.pairing.keyword}><Input allowClear placeholder={t.pairing.keywordPlaceholder} style={{ width: 160 }} /></Form.Item>
          <Form.Item>
            <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/pairing/no-visit" exportQuery={table.exportQuery} testId="novisit-export" />
          </Form.Item>
        </Form>
        <Table<PairItem> rowKey="id" className="gh-clickable-rows" columns={pairColumns(table.sortOrderFor, false)} {...table.tableProps}
          onRow={(r) => ({ onClick: () => navigate(`/pairing/${r.id}`), 'data-testid': `novisit-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }} data-testid="novisit-table" />
      </Card>
    </>
  );
}
