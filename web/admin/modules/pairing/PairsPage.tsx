import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { codeOptions, fetchRounds, pairingKeys, yuan, type PairItem } from './api';
import { useAuth } from '../../auth';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';

interface Filters { roundId?: number; township?: number; status?: string; helperKind?: string; q?: string }

export function PairStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={status === 'active' ? 'green' : 'default'}>{label}</Tag>;
}

/** The round filter: the rounds the caller sees, the current one first. */
export function RoundSelect(props: { value?: number; onChange?: (v: number | undefined) => void; allowClear?: boolean; placeholder?: string; style?: React.CSSProperties; id?: string; 'data-testid'?: string }) {
  const rounds = useQuery({ queryKey: pairingKeys.rounds, queryFn: fetchRounds, staleTime: 60_000 });
  return (
    <Select allowClear={props.allowClear} placeholder={props.placeholder ?? t.pairing.any} style={props.style} id={props.id} data-testid={props['data-testid']}
      value={props.value} onChange={props.onChange} loading={rounds.isPending}
      options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}${r.isCurrent ? `（${t.pairing.currentRound}）` : ''}` }))} />
  );
}

/** 结对帮扶: every pair in scope, filtered, exported. */
export function PairsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const table = useServerTable<PairItem>({ key: 'pairing', url: '/api/pairing/pairs', defaultSort: '-startDate' });
  const columns = pairColumns(table.sortOrderFor);

  return (
    <>
      <PageHeader
        title={t.pairing.title}
        extra={can('pairing:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/pairing/new')} data-testid="pairing-create">{t.pairing.create}</Button> : null}
      />
      <Card size="small">
        <Form form={form} name="pairs-filter" layout="inline" className="gh-filters" onFinish={(v) => table.applyFilters({ ...v, q: v.q?.trim() })}>
          <Form.Item name="roundId" label={t.pairing.round}><RoundSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="township" label={t.pairing.township}><OrgTreeSelect allowClear placeholder={t.pairing.any} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="status" label={t.pairing.status}><Select allowClear placeholder={t.pairing.any} style={{ width: 100 }} options={codeOptions('pairing_status')} /></Form.Item>
          <Form.Item name="helperKind" label={t.pairing.helperKind}><Select allowClear placeholder={t.pairing.any} style={{ width: 110 }} options={codeOptions('pairing_helper_kind')} data-testid="pairs-filter-kind" /></Form.Item>
          <Form.Item name="q" label={t.pairing.keyword}><Input allowClear placeholder={t.pairing.keywordPlaceholder} style={{ width: 180 }} /></Form.Item>
          <Form.Item>
            <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/pairing/pairs" exportQuery={table.exportQuery} testId="pairs-export" />
          </Form.Item>
        </Form>
        <Table<PairItem> rowKey="id" className="gh-clickable-rows" columns={columns} {...table.tableProps}
          onRow={(r) => ({ onClick: () => navigate(`/pairing/${r.id}`), 'data-testid': `pair-row-${r.id}` } as React.HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }} data-testid="pairs-table" />
      </Card>
    </>
  );
}

/** The columns both lists of pairs share. */
export function pairColumns(sortOrderFor: (f: string) => 'ascend' | 'descend' | null, withStatus = true): TableColumnsType<PairItem> {
  const columns: TableColumnsType<PairItem> = [
    { title: t.pairing.worker, dataIndex: 'workerName', key: 'workerName', width: 100, sorter: true, sortOrder: sortOrderFor('workerName'), render: (v: string) => <a>{v}</a> },
    { title: t.pairing.township, dataIndex: 'townshipName', key: 'townshipName', width: 120, ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: t.pairing.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true, sorter: true, sortOrder: sortOrderFor('orgName') },
    { title: t.pairing.helperKind, dataIndex: 'helperKindLabel', key: 'helperKind', width: 90 },
    { title: t.pairing.helper, key: 'helperName', width: 150, ellipsis: true, sorter: true, sortOrder: sortOrderFor('helperName'),
      render: (_v, r) => <span title={[r.helperName, r.helperPosition].filter(Boolean).join(' · ')}>{r.helperName}</span> },
    { title: t.pairing.startDate, dataIndex: 'startDate', key: 'startDate', width: 110, sorter: true, sortOrder: sortOrderFor('startDate') },
    { title: t.pairing.visitCount, dataIndex: 'visitCount', key: 'visitCount', width: 76, align: 'right' },
    { title: t.pairing.lastVisit, dataIndex: 'lastVisit', key: 'lastVisit', width: 110, sorter: true, sortOrder: sortOrderFor('lastVisit'), render: (v: string | null) => v ?? t.pairing.neverVisited },
    { title: t.pairing.amountYuan, dataIndex: 'amountFen', key: 'amountFen', width: 90, align: 'right', render: (v: number) => (v ? yuan(v) : t.common.dash) },
    ...(withStatus ? [
      { title: t.pairing.outcome, dataIndex: 'resultOutcomeLabel', key: 'outcome', width: 90, render: (v: string | null) => v ?? t.common.dash },
      { title: t.pairing.status, key: 'status', width: 80, render: (_v: unknown, r: PairItem) => <PairStatusTag status={r.status} label={r.statusLabel} /> },
    ] : []),
  ];
  // the no-visit list is about who has not been visited: the amounts stay on the full list
  return withStatus ? columns : columns.filter((c) => c.key !== 'amountFen');
}
