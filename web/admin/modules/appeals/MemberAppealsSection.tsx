import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty, List, Space, Typography } from 'antd';
import { appealKeys, fetchMemberTickets } from './api';
import { StatusTag } from './common';
import { useAuth } from '../../auth';
import { t } from '../../i18n';

/** The member page's 职工诉求 section: the member's tickets that the caller may see. */
export function MemberAppealsSection({ memberId }: { memberId: number }) {
  const { can } = useAuth();
  const list = useQuery({ queryKey: [...appealKeys.all, 'member', memberId], queryFn: () => fetchMemberTickets(memberId), enabled: can('appeal:read') });
  const items = list.data?.items ?? [];
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.appeals.memberEmpty} />;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="member-appeals"
      renderItem={(a) => (
        <List.Item>
          <Space orientation="vertical" size={0}>
            <Space wrap><Link to={`/appeals/${a.id}`} className="gh-mono">{a.ticketNo}</Link><StatusTag status={a.status} label={a.statusLabel} /></Space>
            <Typography.Text type="secondary">{a.acceptedOn} · {a.typeLabel} · {a.subjectLabel}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
