import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth, useCurrentOrg } from '../auth';
import { allNavItems } from '../navigation';
import { fetchOrg, orgKeys } from '../modules/orgs/api';
import { kindColor, kindLabel } from '../modules/orgs/org-kinds';
import { QueryError } from '../components/status';
import { t } from '../i18n';
import { WarningsPanel } from '../modules/appeals/WarningsPanel';

/** The figures of one organization of the scope: what is under it. */
function ScopeCounts({ orgId }: { orgId: number }) {
  const org = useQuery({ queryKey: orgKeys.detail(orgId), queryFn: () => fetchOrg(orgId) });
  if (org.error) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  const c = org.data?.counts;
  const items = [
    { key: 'children', label: t.home.children, value: c?.children },
    { key: 'descendants', label: t.home.descendants, value: c?.descendants },
    { key: 'members', label: t.home.members, value: c?.members },
    { key: 'employers', label: t.home.employers, value: c?.employers },
    { key: 'users', label: t.home.users, value: c?.users },
  ];
  return (
    <Card
      size="small"
      loading={org.isPending}
      title={org.data ? <Space>{org.data.name}<Tag color={kindColor(org.data.kind)}>{kindLabel(org.data.kind)}</Tag></Space> : null}
      data-testid="scope-counts"
    >
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} md={8} xl={4}>
            <Statistic title={i.label} value={i.value ?? 0} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function HomePage() {
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const current = useCurrentOrg();
  const scopeIds = current ? [current.id] : me.scopeOrgs.map((o) => o.id);
  const links = allNavItems.filter((i) => i.path !== '/' && (!i.permission || can(i.permission)));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="greeting">{t.home.greeting(me.user.displayName)}</Typography.Title>
        <Space orientation="vertical" size={8}>
          <Typography.Text type="secondary">{t.home.org}{t.common.colon}{me.user.orgName}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t.home.myRoles}{t.common.colon}</Typography.Text>
            {me.grants.length ? me.grants.map((g) => (
              <Tag key={`${g.roleCode}@${g.orgId}`} color="red" variant="outlined">{t.home.roleAt(g.roleName, g.orgName)}</Tag>
            )) : <Typography.Text type="warning">{t.home.noRoles}</Typography.Text>}
          </div>
          <div>
            <Typography.Text type="secondary">{t.home.scope}{t.common.colon}</Typography.Text>
            {current ? <Tag>{current.name}</Tag> : me.scopeOrgs.map((o) => <Tag key={o.id}>{o.name}</Tag>)}
          </div>
        </Space>
      </Card>

      <WarningsPanel />

      {can('org:read') && scopeIds.length ? (
        <div>
          <Typography.Title level={5}>{t.home.counts}</Typography.Title>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {scopeIds.map((id) => <ScopeCounts key={id} orgId={id} />)}
          </Space>
        </div>
      ) : null}

      <div>
        <Typography.Title level={5}>{t.home.quickLinks}</Typography.Title>
        {links.length ? (
          <Row gutter={[16, 16]} data-testid="quick-links">
            {links.map((l) => (
              <Col key={l.path} xs={24} sm={12} lg={8} xl={6}>
                <Card hoverable size="small" onClick={() => navigate(l.path)}>
                  <Card.Meta
                    avatar={<span style={{ fontSize: 22, color: '#c8161d' }}>{l.icon}</span>}
                    title={l.label}
                    description={t.home.linkDescriptions[l.path]}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        ) : <Empty description={t.common.empty} />}
      </div>
    </Space>
  );
}
