import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api';
import { QueryError } from '../../components/status';
import { t } from '../../i18n';
import { yuan, type Gongshi } from './api';

const tc = t.campaigns;
const publicGet = <T,>(url: string) => api<T>(url, { authRedirect: false, orgScope: false });

interface PublicEdition { id: number; name: string; kind: string; year: number; orgName: string }

/** 帮扶活动公示 on the public page: the approved editions' lists, names and ID numbers masked, no phone. */
export function PublicCampaignLists() {
  const editions = useQuery({ queryKey: ['public', 'campaigns'], queryFn: () => publicGet<{ items: PublicEdition[] }>('/api/public/campaigns') });
  const [picked, setPicked] = useState<number | null>(null);
  const id = picked ?? editions.data?.items[0]?.id ?? null;
  const list = useQuery({ queryKey: ['public', 'campaigns', id], queryFn: () => publicGet<Gongshi>(`/api/public/campaigns/${id}/gongshi`), enabled: id !== null });
  if (editions.error) return <QueryError error={editions.error} onRetry={() => editions.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tc.publicIntro} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Select style={{ width: 360 }} value={id ?? undefined} loading={editions.isPending} placeholder={tc.publicPick} onChange={setPicked}
          data-testid="public-campaign-pick" options={(editions.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} · ${e.orgName}` }))} />
        {list.data ? <Typography.Text type="secondary">{tc.gongshiTotal(list.data.total, yuan(list.data.totalFen))}</Typography.Text> : null}
      </Space>
      <Table
        rowKey="no" size="small" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: tc.publicEmpty }} data-testid="public-campaign-table"
        columns={[
          { title: tc.gongshiNo, dataIndex: 'no', width: 70 },
          { title: tc.personName, dataIndex: 'name', width: 110 },
          { title: tc.idNumber, dataIndex: 'idNumber', width: 200, className: 'gh-mono' },
          { title: tc.union, dataIndex: 'orgName' },
          { title: tc.level, dataIndex: 'kind', width: 120 },
          { title: tc.amount, dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
    </>
  );
}
