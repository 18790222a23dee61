import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { get, type Page } from '../../api';
import { t } from '../../i18n';

interface MemberHit { id: number; name: string; idNumber: string; orgName: string; employerName: string | null }

/** A remote-search picker of members in scope (name, ID number, card number). */
export function MemberSelect({ value, onChange, onPicked, testId }: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  onPicked?: (m: MemberHit | null) => void;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['members', 'search', q],
    queryFn: () => get<Page<MemberHit>>('/api/members', { q, pageSize: 20 }),
    enabled: q.trim().length >= 1,
    staleTime: 30_000,
  });
  const items = list.data?.items ?? [];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v: number | undefined) => { onChange?.(v ?? null); onPicked?.(items.find((m) => m.id === v) ?? null); }}
      options={items.map((m) => ({ value: m.id, label: `${m.name} ${m.idNumber} · ${m.employerName ?? m.orgName}` }))}
      loading={list.isFetching}
      placeholder={t.appeals.memberSearch}
      notFoundContent={null}
      data-testid={testId}
    />
  );
}
