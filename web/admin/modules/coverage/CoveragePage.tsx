import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Drawer, Row, Segmented, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { fetchBreakdown, fetchSummary, percent, type BreakdownRow, type Figures, type WithoutUnionItem } from './api';
import { RateChart } from './RateChart';
import { useAuth } from '../../auth';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/status';
import { useServerTable } from '../../components/use-server-table';
import type { Query } from '../../api';
import { formatNumber } from '../../format';
import { t } from '../../i18n';

type By = 'tree' | 'industry' | 'ownership';
interface Drill { title: string; filters: Query }

/** 建会入会统计: the figures of the scope, a breakdown with its chart, drill-down to the employers without a union. */
export function CoveragePage() {
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;
  // the trail of organizations drilled through: "id:name" pairs
  const trail = (params.get('trail') ?? '').split('|').filter(Boolean).map((s) => { const [id, ...name] = s.split(':'); return { id: Number(id), name: name.join(':') }; });
  const [by, setBy] = useState<By>('tree');
  const [drill, setDrill] = useState<Drill | null>(null);
  const summary = useQuery({ queryKey: ['coverage', 'summary', orgId ?? null], queryFn: () => fetchSummary(orgId) });
  const breakdown = useQuery({ queryKey: ['coverage', 'breakdown', by, orgId ?? null], queryFn: () => fetchBreakdown(by, orgId) });

  const goTo = (next: { id: number; name: string } | null, nextTrail: { id: number; name: string }[]) => {
    const p = new URLSearchParams();
    if (next) {
      p.set('orgId', String(next.id));
      p.set('trail', nextTrail.map((x) => `${x.id}:${x.name}`).join('|'));
    }
    setParams(p);
  };
  const drillInto = (row: BreakdownRow) => {
    if (by !== 'tree' || !row.orgId || row.directOnly || row.orgId === orgId) return;
    goTo({ id: row.orgId, name: row.label }, [...trail, { id: row.orgId, name: row.label }]);
  };
  const scopeName = summary.data?.org?.name ?? t.header.allScope;
  const withoutUnionOf = (row: BreakdownRow): Drill => {
    if (by === 'tree') return { title: row.label, filters: { orgId: row.orgId, directOnly: row.directOnly ? '1' : undefined } };
    return { title: `${scopeName} · ${row.label}`, filters: { orgId, [by]: row.key } };
  };

  const s = summary.data;
  const rateColumns: TableColumnsType<BreakdownRow> = [
    {
      title: t.coverage.group, dataIndex: 'label', key: 'label', ellipsis: true, width: 240, fixed: 'left',
      render: (v: string, r) => (by === 'tree' && r.orgId && !r.directOnly ? <a data-testid={`coverage-drill-${r.orgId}`}>{v}</a> : v),
    },
    { title: t.coverage.employers, dataIndex: 'employers', key: 'employers', width: 90, align: 'right', render: formatNumber },
    { title: t.coverage.unionized, dataIndex: 'unionizedEmployers', key: 'unionizedEmployers', width: 100, align: 'right', render: formatNumber },
    { title: t.coverage.unionizationRate, dataIndex: 'unionizationRate', key: 'unionizationRate', width: 90, align: 'right', render: percent },
    { title: t.coverage.employees, dataIndex: 'employees', key: 'employees', width: 100, align: 'right', render: formatNumber },
    { title: t.coverage.members, dataIndex: 'members', key: 'members', width: 90, align: 'right', render: formatNumber },
    { title: t.coverage.membershipRate, dataIndex: 'membershipRate', key: 'membershipRate', width: 90, align: 'right', render: percent },
    { title: t.coverage.migrantShort, dataIndex: 'migrantMembershipRate', key: 'migrant', width: 90, align: 'right', render: percent },
    { title: t.coverage.dispatchedShort, dataIndex: 'dispatchedMembershipRate', key: 'dispatched', width: 100, align: 'right', render: percent },
    { title: t.coverage.platformShort, dataIndex: 'platformMembershipRate', key: 'platform', width: 100, align: 'right', render: percent },
    {
      title: t.coverage.withoutUnion, key: 'without', width: 100,
      render: (_v, r) => (r.employers > r.unionizedEmployers
        ? <a onClick={(e) => { e.stopPropagation(); setDrill(withoutUnionOf(r)); }} data-testid={`coverage-without-${r.key}`}>{t.coverage.withoutUnionCount(r.employers - r.unionizedEmployers)}</a>
        : t.common.dash),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.coverage.title}
        extra={<Button icon={<ApartmentOutlined />} onClick={() => setDrill({ title: scopeName, filters: { orgId } })} data-testid="coverage-without-all">{t.coverage.withoutUnion}</Button>}
      >
        <Breadcrumb
          data-testid="coverage-trail"
          items={[
            { key: 'top', title: trail.length ? <a onClick={() => goTo(null, [])}>{t.coverage.top}</a> : t.coverage.top },
            ...trail.map((x, i) => ({
              key: String(x.id),
              title: i === trail.length - 1 ? x.name : <a onClick={() => goTo(x, trail.slice(0, i + 1))}>{x.name}</a>,
            })),
          ]}
        />
      </PageHeader>
      {summary.error ? <QueryError error={summary.error} onRetry={() => summary.refetch()} /> : null}
      <Row gutter={[16, 16]} data-testid="coverage-summary">
        <Col xs={12} lg={6}><Card size="small" loading={summary.isPending}><Statistic title={t.coverage.unionizationRate} value={percent(s?.unionizationRate)} />
          {s ? <Typography.Text type="secondary">{t.coverage.ofEmployers(s.unionizedEmployers, s.employers)}</Typography.Text> : null}</Card></Col>
        <Col xs={12} lg={6}><Card size="small" loading={summary.isPending}><Statistic title={t.coverage.membershipRate} value={percent(s?.membershipRate)} />
          {s ? <Typography.Text type="secondary">{t.coverage.ofEmployees(s.members, s.employees)}</Typography.Text> : null}</Card></Col>
        <Col xs={12} lg={6}><Card size="small" loading={summary.isPending}>
          <Row><Col span={12}><Statistic title={t.coverage.employers} value={s?.employers ?? 0} /></Col><Col span={12}><Statistic title={t.coverage.unionized} value={s?.unionizedEmployers ?? 0} /></Col></Row>
        </Card></Col>
        <Col xs={12} lg={6}><Card size="small" loading={summary.isPending}>
          <Row><Col span={12}><Statistic title={t.coverage.employees} value={s?.employees ?? 0} /></Col><Col span={12}><Statistic title={t.coverage.members} value={s?.members ?? 0} /></Col></Row>
        </Card></Col>
        <Col xs={24} lg={8}><NonPublicCard f={s?.nonPublic} loading={summary.isPending} /></Col>
        <Col xs={24} lg={16}>
          <Card size="small" loading={summary.isPending}>
            <Row gutter={16}>
              <Col span={8}><Statistic title={t.coverage.migrant} value={percent(s?.migrantMembershipRate)} />{s ? <Typography.Text type="secondary">{t.coverage.ofEmployees(s.migrantMembers, s.migrantEmployees)}</Typography.Text> : null}</Col>
              <Col span={8}><Statistic title={t.coverage.dispatched} value={percent(s?.dispatchedMembershipRate)} />{s ? <Typography.Text type="secondary">{t.coverage.ofEmployees(s.dispatchedMembers, s.dispatchedEmployees)}</Typography.Text> : null}</Col>
              <Col span={8}><Statistic title={t.coverage.platform} value={percent(s?.platformMembershipRate)} />{s ? <Typography.Text type="secondary">{t.coverage.ofEmployees(s.platformMembers, s.platformEmployees)}</Typography.Text> : null}</Col>
            </Row>
          </Card>
        </Col>
      </Row>
      {s && s.membersWithoutEmployer.members > 0 ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.coverage.withoutEmployer(s.membersWithoutEmployer.members)}</Typography.Paragraph> : null}
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={t.coverage.breakdown}
        extra={<Segmented<By> value={by} onChange={setBy} options={[{ value: 'tree', label: t.coverage.byTree }, { value: 'industry', label: t.coverage.byIndustry }, { value: 'ownership', label: t.coverage.byOwnership }]} data-testid="coverage-by" />}
      >
        {breakdown.error ? <QueryError error={breakdown.error} onRetry={() => breakdown.refetch()} /> : null}
        <RateChart rows={breakdown.data?.rows ?? []} />
        {by === 'tree' ? <Typography.Text type="secondary">{t.coverage.drillHint}</Typography.Text> : null}
        <Table<BreakdownRow>
          rowKey="key"
          size="small"
          className={by === 'tree' ? 'gh-clickable-rows' : undefined}
          loading={breakdown.isFetching}
          columns={rateColumns}
          dataSource={breakdown.data?.rows ?? []}
          pagination={false}
          scroll={{ x: 1300 }}
          onRow={(r) => ({ onClick: () => drillInto(r) })}
          summary={() => (breakdown.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t.coverage.total}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{formatNumber(breakdown.data.total.employers)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{formatNumber(breakdown.data.total.unionizedEmployers)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{percent(breakdown.data.total.unionizationRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{formatNumber(breakdown.data.total.employees)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{formatNumber(breakdown.data.total.members)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{percent(breakdown.data.total.membershipRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{percent(breakdown.data.total.migrantMembershipRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">{percent(breakdown.data.total.dispatchedMembershipRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">{percent(breakdown.data.total.platformMembershipRate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={10} />
            </Table.Summary.Row>
          ) : null)}
          data-testid="coverage-table"
        />
      </Card>
      <Drawer open={!!drill} onClose={() => setDrill(null)} size={980} title={drill ? t.coverage.withoutUnionTitle(drill.title) : ''} destroyOnHidden data-testid="without-union-drawer">
        {drill ? <WithoutUnionList filters={drill.filters} /> : null}
      </Drawer>
    </>
  );
}

function NonPublicCard({ f, loading }: { f: Figures | undefined; loading: boolean }) {
  return (
    <Card size="small" loading={loading} title={t.coverage.nonPublic}>
      <Row gutter={16}>
        <Col span={12}><Statistic title={t.coverage.unionizationRate} value={percent(f?.unionizationRate)} />{f ? <Typography.Text type="secondary">{t.coverage.ofEmployers(f.unionizedEmployers, f.employers)}</Typography.Text> : null}</Col>
        <Col span={12}><Statistic title={t.coverage.membershipRate} value={percent(f?.membershipRate)} />{f ? <Typography.Text type="secondary">{t.coverage.ofEmployees(f.members, f.employees)}</Typography.Text> : null}</Col>
      </Row>
    </Card>
  );
}

/** The drill-down: employers without a union, largest first. */
function WithoutUnionList({ filters }: { filters: Query }) {
  const { can } = useAuth();
  const url = '/api/coverage/employers-without-union';
  const table = useServerTable<WithoutUnionItem>({ key: 'coverage', url, defaultSort: '-employees', initialFilters: filters });
  const columns: TableColumnsType<WithoutUnionItem> = [
    { title: t.employers.name, dataIndex: 'name', key: 'name', ellipsis: true, sorter: true, sortOrder: table.sortOrderFor('name'),
      render: (v: string, r) => (can('employer:read') ? <Link to={`/employers/${r.id}`}>{v}</Link> : v) },
    { title: t.employers.creditCode, dataIndex: 'creditCode', key: 'creditCode', width: 180, render: (v: string | null) => v ?? t.common.dash },
    { title: t.coverage.townshipName, dataIndex: 'townshipName', key: 'township', width: 130, render: (v: string | null) => v ?? t.common.dash },
    { title: t.employers.ownership, dataIndex: 'ownershipLabel', key: 'ownership', width: 90 },
    { title: t.employers.industry, dataIndex: 'industryLabel', key: 'industry', ellipsis: true },
    { title: t.employers.employeeCount, dataIndex: 'employees', key: 'employees', width: 90, align: 'right', sorter: true, sortOrder: table.sortOrderFor('employees') },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ExportButton url={url} query={table.exportQuery} testId="without-union-export" />
      <Table<WithoutUnionItem> rowKey="id" columns={columns} {...table.tableProps} data-testid="without-union-table" />
    </Space>
  );
}
