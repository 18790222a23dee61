import { useQuery } from '@tanstack/react-query';
import { List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../../api';
import { useAuth } from '../../auth';
import { PageLoading, QueryError } from '../../components/status';
import { t } from '../../i18n';
import { MemberHardshipSection } from '../hardship/MemberHardshipSection';
import { campaignKeys, yuan, type Assistance } from './api';

const tc = t.campaigns;

/** The member page's 帮扶 section: the archives (hardship's section), campaign payments and pairing visits, with totals per year. */
export function MemberAssistanceSection({ memberId }: { memberId: number }) {
  const { can } = useAuth();
  const allowed = can('hardship:read');
  const q = useQuery({ queryKey: campaignKeys.assistance(memberId), queryFn: () => get<Assistance>(`/api/members/${memberId}/assistance`), enabled: allowed });
  // the archives are the hardship module's own section; the campaigns add theirs below it
  const archives = <MemberHardshipSection memberId={memberId} />;
  if (!allowed) return archives;
  if (q.isPending) return <>{archives}<PageLoading /></>;
  if (q.error) return <>{archives}<QueryError error={q.error} onRetry={() => q.refetch()} /></>;
  const a = q.data;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="member-assistance">
      {archives}
      {!a.payments.length && !a.visits.length ? <Typography.Text type="secondary">{tc.memberNothing}</Typography.Text> : null}
      {a.paidFen > 0 ? <Typography.Text strong>{tc.memberTotalPaid(yuan(a.paidFen))}</Typography.Text> : null}
      {a.totals.map((y) => <Typography.Text key={y.year} type="secondary" style={{ fontSize: 12 }}>{tc.memberYear(y.year, yuan(y.paidFen), y.payments, y.visits)}</Typography.Text>)}
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
          {a.visits.map((v) => (
            <div key={v.visitId} data-testid={`member-visit-${v.visitId}`}>
              <Link to={`/pairing/${v.pairingId}`}>{v.date}</Link> {v.helper} · {v.kinds.join(tc.listSeparator)}{v.amountFen ? ` · ${yuan(v.amountFen)} ${tc.yuanUnit}` : ''}
            </div>
          ))}
        </div>
      ) : null}
    </Space>
  );
}
