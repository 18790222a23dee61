import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Form, Row, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { fetchFigures, percent, yuan, type FigureRow } from './api';
import { FiguresChart } from './FiguresChart';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/status';
import { t } from '../../i18n';

const tx = t.appeals;

/** 诉求统计 for a subtree and a period: counts by type, subject, tier, township, employer; rates; legal services. */
export function FiguresPage() {
  const [orgId, setOrgId] = useState<number | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const q = { orgId, from: period?.[0]?.format('YYYY-MM-DD'), to: period?.[1]?.format('YYYY-MM-DD') };
  const figures = useQuery({ queryKey: ['appeal-figures', q], queryFn: () => fetchFigures(q) });
  const f = figures.data;
  const table = (title: string, rows: FigureRow[] | undefined, testId: string) => (
    <Card size="small" title={title} data-testid={testId}>
      <Table<FigureRow> rowKey="key" size="small" pagination={false} dataSource={rows ?? []}
        columns={[{ title: tx.group, dataIndex: 'label', key: 'label' }, { title: tx.count, dataIndex: 'count', key: 'count', width: 80 }, { title: tx.workers, dataIndex: 'workers', key: 'workers', width: 90 }]} />
    </Card>
  );
  return (
    <>
      <PageHeader title={tx.figuresTitle} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={tx.orgFilter}><OrgTreeSelect allowClear value={orgId} onChange={(id) => setOrgId(id)} placeholder={tx.all} style={{ width: 220 }} /></Form.Item>
          <Form.Item label={tx.period}><DatePicker.RangePicker value={period} onChange={(v) => setPeriod(v)} /></Form.Item>
          <Form.Item><ExportButton url="/api/appeal-figures" query={q} testId="figures-export" /></Form.Item>
        </Form>
      </Card>
      {figures.error ? <QueryError error={figures.error} onRetry={() => figures.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" loading={figures.isPending} data-testid="figures-totals">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.totals.total} value={f?.totals.total ?? 0} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.totals.open} value={f?.totals.open ?? 0} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.totals.overdue} value={f?.totals.overdue ?? 0} styles={{ content: { color: '#cf1322' } }} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.totals.closed} value={f?.totals.closed ?? 0} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.onTimeRate} value={percent(f?.onTimeRate)} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.satisfactionRate} value={percent(f?.satisfaction.rate)} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.legalRecovered} value={f?.legal ? yuan(f.legal.recoveredFen) : t.common.dash} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={tx.mediationRate} value={f?.legal ? percent(f.legal.mediationSuccessRate) : t.common.dash} /></Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={tx.byTownship}><FiguresChart rows={f?.byTownship ?? []} testId="figures-chart" /></Card>
        </Col>
        <Col xs={24} xl={10}>{table(tx.byEmployer, f?.byEmployer, 'figures-employers')}</Col>
        <Col xs={24} md={8}>{table(tx.byType, f?.byType, 'figures-type')}</Col>
        <Col xs={24} md={8}>{table(tx.bySubject, f?.bySubject, 'figures-subject')}</Col>
        <Col xs={24} md={8}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {table(tx.byTier, f?.byTier, 'figures-tier')}
            <Card size="small" title={tx.satisfaction}>
              <Table rowKey="key" size="small" pagination={false} dataSource={f?.satisfaction.items ?? []}
                columns={[{ title: tx.group, dataIndex: 'label', key: 'label' }, { title: tx.count, dataIndex: 'count', key: 'count', width: 80 }]} />
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
