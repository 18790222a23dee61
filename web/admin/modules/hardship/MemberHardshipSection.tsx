import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Space, Typography } from 'antd';
import { codeLabel } from '../../../../lib/code-tables';
import { fetchMemberArchives, hardshipKeys } from './api';
import { LevelTag, StatusTag } from './HardshipArchivesPage';
import { useAuth } from '../../auth';
import { t } from '../../i18n';

/** The member page's 帮扶 section: the member's 困难职工档案 (self-contained; campaigns add their own below). */
export function MemberHardshipSection({ memberId }: { memberId: number }) {
  const { can } = useAuth();
  const query = useQuery({ queryKey: hardshipKeys.member(memberId), queryFn: () => fetchMemberArchives(memberId), enabled: can('hardship:read') });
  if (!can('hardship:read')) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.hardship.memberNone} />;
  const items = query.data?.items ?? [];
  const active = items.some((i) => !['rejected', 'resolved', 'exited'].includes(i.status));
  return (
    <div data-testid="member-hardship">
      <Typography.Text type="secondary">{t.hardship.memberSection}</Typography.Text>
      <List
        size="small"
        loading={query.isPending}
        dataSource={items}
        locale={{ emptyText: t.hardship.memberNone }}
        renderItem={(a) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Space wrap><Link to={`/hardship/archives/${a.id}`}>{a.archiveNo ?? `#${a.id}`}</Link><LevelTag level={a.level} /><StatusTag status={a.status} /></Space>
              <Typography.Text type="secondary">{codeLabel('hardship_cause', a.mainCause)}{a.archivedOn ? ` · ${t.hardship.archivedOn} ${a.archivedOn}` : ''}{a.lastAssistedOn ? ` · ${t.hardship.lastAssistedOn} ${a.lastAssistedOn}` : ''}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {can('hardship:apply') && !active && !query.isPending ? <Link to={`/hardship/new?memberId=${memberId}`}><Button size="small">{t.hardship.memberApply}</Button></Link> : null}
    </div>
  );
}
