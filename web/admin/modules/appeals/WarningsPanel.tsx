import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { appealKeys, fetchWarnings } from './api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

const tx = t.appeals;

/**
 * The home page's 预警 card: open warnings in the caller's scope, polled every 30 s so a group
 * appeal taken at the 12351 desk shows on a leader's open page without a reload.
 */
export function WarningsPanel() {
  const { can } = useAuth();
  const allowed = can('warning:read');
  const open = useQuery({
    queryKey: [...appealKeys.warnings, 'panel'],
    queryFn: () => fetchWarnings(true, 10),
    enabled: allowed,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
  if (!allowed) return null;
  const items = open.data?.items ?? [];
  return (
    <Card
      size="small"
      loading={open.isPending}
      title={<Space><AlertOutlined style={{ color: '#cf1322' }} />{tx.panelTitle}<Badge count={open.data?.total ?? 0} /></Space>}
      extra={<Link to="/appeal-warnings">{tx.panelMore}</Link>}
      data-testid="warnings-panel"
    >
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(w) => (
            <List.Item data-testid="warnings-panel-item">
              <List.Item.Meta
                title={<Space wrap><Tag color="red">{tx.warningOpen}</Tag><Link to={`/appeal-warnings?id=${w.id}`}>{w.title}</Link></Space>}
                description={<Typography.Text type="secondary">{w.detail}{w.detail ? ' · ' : ''}{w.ruleLabels.join(t.common.separator)} · {formatDateTime(w.raisedAt)}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx.panelEmpty} />}
    </Card>
  );
}
