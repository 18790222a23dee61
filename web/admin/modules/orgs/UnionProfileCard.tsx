import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { get } from '../../api';
import { PageLoading, QueryError } from '../../components/status';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { UnionProfileModal } from './UnionProfileModal';

/** The server's profileKinds: every union kind but 工会小组 keeps a profile. */
const profileKinds = ['grassroots', 'joint_grassroots', 'township', 'industry', 'county_federation', 'city_federation', 'province_federation'] as const;
const hasProfile = (kind: string) => (profileKinds as readonly string[]).includes(kind);

export interface CommitteePerson { name: string; position?: string | null }
export interface UnionProfile {
  foundedOn: string | null;
  chairName: string | null;
  viceChairs: string[];
  committeeMembers: CommitteePerson[];
  auditCommittee: CommitteePerson[];
  womenCommittee: CommitteePerson[];
  termStart: string | null;
  termEnd: string | null;
  jointKind: 'regional' | 'sectoral' | null;
  updatedAt: string | null;
}
export interface UnionProfileResponse {
  org: { id: number; name: string; kind: string; kindLabel: string };
  profile: UnionProfile;
  memberCount: number;
  subtreeMemberCount: number;
  coveredEmployerCount: number;
  daysToTermEnd: number | null;
}

const profileKey = (orgId: number) => ['orgs', 'profile', orgId] as const;
const fetchProfile = (orgId: number) => get<UnionProfileResponse>(`/api/unions/${orgId}/profile`);

function People({ list }: { list: CommitteePerson[] }) {
  if (!list.length) return <>{t.common.dash}</>;
  return (
    <Space size={[4, 4]} wrap>
      {list.map((p, i) => <Tag key={`${p.name}-${i}`}>{p.position ? `${p.name}（${p.position}）` : p.name}</Tag>)}
    </Space>
  );
}

function TermTag({ days }: { days: number | null }) {
  if (days === null) return null;
  if (days < 0) return <Tag color="red" data-testid="union-term-expired">{t.unionProfile.expired}</Tag>;
  if (days <= 90) return <Tag color="orange" data-testid="union-term-ending">{t.unionProfile.endsIn(days)}</Tag>;
  return null;
}

/** 工会信息: the union's founding date, leaders, committees and term, with 编辑 for org:write. */
export function UnionProfileCard({ orgId, orgName, kind, writable }: { orgId: number; orgName: string; kind: string; writable: boolean }) {
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: profileKey(orgId), queryFn: () => fetchProfile(orgId), enabled: hasProfile(kind) });
  if (!hasProfile(kind)) return null;

  let body;
  let exists = false;
  if (q.isPending) body = <PageLoading />;
  else if (q.error) body = <QueryError error={q.error} onRetry={() => q.refetch()} />;
  else {
    const p = q.data.profile;
    exists = !!p.updatedAt;
    body = exists ? (
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'founded', label: t.unionProfile.foundedOn, children: p.foundedOn ?? t.common.dash },
          { key: 'chair', label: t.unionProfile.chair, children: p.chairName || t.common.dash },
          { key: 'vice', label: t.unionProfile.viceChairs, span: 2, children: p.viceChairs.length ? p.viceChairs.join(t.common.listSeparator) : t.common.dash },
          {
            key: 'term',
            label: t.unionProfile.term,
            span: 2,
            children: p.termStart || p.termEnd ? (
              <Space>
                {t.unionProfile.termRange(p.termStart ?? t.common.dash, p.termEnd ?? t.common.dash)}
                <TermTag days={q.data.daysToTermEnd} />
              </Space>
            ) : t.common.dash,
          },
          ...(kind === 'joint_grassroots'
            ? [{ key: 'joint', label: t.unionProfile.jointKind, span: 2, children: p.jointKind ? t.unionProfile.jointKinds[p.jointKind] : t.common.dash }]
            : []),
          { key: 'committee', label: `${t.unionProfile.committee}（${t.unionProfile.people(p.committeeMembers.length)}）`, span: 2, children: <People list={p.committeeMembers} /> },
          { key: 'audit', label: `${t.unionProfile.audit}（${t.unionProfile.people(p.auditCommittee.length)}）`, span: 2, children: <People list={p.auditCommittee} /> },
          { key: 'women', label: `${t.unionProfile.women}（${t.unionProfile.people(p.womenCommittee.length)}）`, span: 2, children: <People list={p.womenCommittee} /> },
          { key: 'updated', label: t.unionProfile.updatedAt, span: 2, children: <Typography.Text type="secondary">{formatDateTime(p.updatedAt)}</Typography.Text> },
        ]}
      />
    ) : (
      <Empty description={t.unionProfile.empty}>
        {writable ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)} data-testid="union-profile-fill">{t.unionProfile.fill}</Button> : null}
      </Empty>
    );
  }

  return (
    <Card
      size="small"
      title={t.unionProfile.title}
      data-testid="union-profile"
      extra={writable && exists ? <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="union-profile-edit">{t.committeeEdit.edit}</Button> : null}
    >
      {body}
      {writable && q.data ? (
        <UnionProfileModal orgId={orgId} orgName={orgName} kind={kind} profile={q.data.profile} open={editing} onClose={() => setEditing(false)} />
      ) : null}
    </Card>
  );
}
