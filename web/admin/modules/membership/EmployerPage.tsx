import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { codeLabel } from '../../../../lib/code-tables';
import { employerKeys, fetchEmployer } from './api';
import { EmployerFormModal } from './EmployerFormModal';
import { UnionStatusTag } from './EmployersPage';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { t } from '../../i18n';

/** One employer: its figures, its union, and a way to its members. */
export function EmployerPage() {
  const id = Number(useParams().id) || 0;
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: employerKeys.detail(id), queryFn: () => fetchEmployer(id), enabled: id > 0 });
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const e = q.data;
  return (
    <>
      <PageHeader
        title={<Space><Link to="/employers"><ArrowLeftOutlined /></Link><span data-testid="employer-name">{e.name}</span><UnionStatusTag status={e.unionStatus} /></Space>}
        extra={can('employer:write') ? <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="employer-edit">{t.common.edit}</Button> : null}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t.employers.basic}>
            <Descriptions size="small" column={2} items={[
              { key: 'name', label: t.employers.name, children: e.name },
              { key: 'cc', label: t.employers.creditCode, children: e.creditCode ?? t.common.dash },
              { key: 'own', label: t.employers.ownership, children: codeLabel('ownership', e.ownership) },
              { key: 'ind', label: t.employers.industry, children: `${e.industry} ${codeLabel('industry', e.industry)}` },
              { key: 'org', label: t.employers.org, children: e.orgName },
              { key: 'tc', label: t.employers.townshipCode, children: e.townshipCode ?? t.common.dash },
              { key: 'addr', label: t.employers.address, children: e.address ?? t.common.dash, span: 2 },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t.employers.union}>
            {e.coveringUnion ? <Typography.Text strong data-testid="employer-union">{e.coveringUnion.name}</Typography.Text>
              : <Typography.Text type={e.hasUnion ? undefined : 'secondary'} data-testid="employer-union">{e.hasUnion ? t.employers.unionStatus.other : t.employers.noUnion}</Typography.Text>}
            {can('member:read') ? <div style={{ marginTop: 8 }}><Link to={`/members?employerId=${e.id}`}>{t.employers.viewMembers}</Link></div> : null}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t.employers.counts}>
            <Row gutter={16}>
              <Col xs={12} md={6} xl={3}><Statistic title={t.employers.employeeCount} value={e.employeeCount} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={t.employers.womenCount} value={e.womenCount} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={t.employers.migrantCount} value={e.migrantCount} /></Col>
              <Col xs={12} md={6} xl={3}><Statistic title={t.employers.dispatchedCount} value={e.dispatchedCount} /></Col>
              <Col xs={12} md={6} xl={4}><Statistic title={t.employers.platformCount} value={e.platformCount} /></Col>
              <Col xs={12} md={6} xl={4}><Statistic title={t.employers.memberCount} value={e.memberCount} /></Col>
              <Col xs={12} md={6} xl={4}><Statistic title={t.employers.womenMemberCount} value={e.womenMemberCount ?? 0} /></Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <EmployerFormModal employer={e} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
