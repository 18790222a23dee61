import { useQuery } from '@tanstack/react-query';
import { Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../../api';
import { useAuth } from '../../auth';
import { PageLoading, QueryError } from '../../components/status';
import { t } from '../../i18n';
import { campaignKeys, yuan, type Assistance } from './api';

const tc = t.campaigns;

/** The member page's 帮扶 section: archives, campaign payments and pairing visits, with totals per year. */
export function MemberAssistanceSection({ memberId }: { memberId: number }) {
  const { can } = useAuth();
  const allowed = can('hardship:read');
  const q = useQuery({ queryKey: campaignKeys.assistance(memberId), queryFn: () => get<Assistance>(`/api/members/${memberId}/assistance`), enabled: allowed });
  if (!allowed) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.members.receivedEmpty(t.members.receivedSections.assistance)} />;
  if (q.isPending) return <PageLoading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  if (!a.archives.length && !a.payments.length && !a.visits.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tc.memberNothing} />;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="member-assistance">
      {a.paidFen > 0 ? <Typography.Text strong>{tc.memberTotalPaid(yuan(a.paidFen))}</Typography.Text> : null}
      {a.totals.map((y) => <Typography.Text key={y.year} type="secondary" style={{ fontSize: 12 }}>{tc.memberYear(y.year, yuan(y.paidFen), y.payments, y.visits)}</Typography.Text>)}
      {a.archives.length ? (
        <div>
          <Typography.Text type="secondary">{tc.memberArchives}</Typography.Text>
          {a.archives.map((r) => (
            <div key={r.id}><Tag color="volcano">{tc.levelLabels[r.level] ?? r.level}</Tag>{r.archiveNo ?? ''} {tc.archiveStatus[r.status] ?? r.status}</div>
          ))}
        </div>
      ) : null}
      {a.payments.length ? (
        <div>
          <Typography.Text type="secondary">{tc.memberPayments}</Typography.Text>
          <List size="small" dataSource={a.payments} renderItem={(p) => (
            <List.Item style={{ padding: '4px 0' }} data-testid={`member-payment-${p.recipientId}`}>
              <Space direction="vertical" size={0}>
                <Link to={`/campaigns/${p.editionId}`}>{p.editionName}</Link>
                <span>
                  {yuan(p.amountFen)} {tc.yuanUnit} <Tag color={p.status === 'distributed' ? 'green' : 'blue'}>{tc.recipientStatus[p.status]}</Tag>
                  {p.receivedOn ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.receivedOn} {p.method ? tc.methodLabels[p.method] : ''}</Typography.Text> : null}
                </span>
              </Space>
            </List.Item>
          )} />
        </div>
      ) : null}
      {a.visits.length ? (
        <div>
          <Typography.Text type="secondary">{tc.memberVisits}</Typography.Text>
          {a.visits.map((v, i) => <div key={v.id ?? i}>{v.visitedOn ?? v.date} {v.visitors ?? v.visitor ?? ''} {v.summary ?? v.content ?? ''}</div>)}
        </div>
      ) : null}
    </Space>
  );
}
