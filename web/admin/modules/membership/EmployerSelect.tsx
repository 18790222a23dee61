import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { employerKeys, searchEmployers } from './api';
import { t } from '../../i18n';

/** A remote-search picker of employers, optionally narrowed to a union's subtree. */
export function EmployerSelect({ value, onChange, orgId, valueLabel, style, testId }: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  orgId?: number;
  valueLabel?: string | null;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...employerKeys.all, 'search', q, orgId ?? null],
    queryFn: () => searchEmployers(q, orgId),
    staleTime: 30_000,
  });
  const options = (list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (value && valueLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={list.isFetching}
      placeholder={t.members.employerSearch}
      style={style}
      data-testid={testId}
    />
  );
}
