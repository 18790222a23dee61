import { useState } from 'react';
import { Empty, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { fieldLabels } from '../../../../lib/i18n/zh-cn';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

type Json = unknown;

interface DiffRow {
  key: string;
  label: string;
  before: Json;
  after: Json;
  changed: boolean;
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const labelOf = (key: string) => fieldLabels[key] ?? fieldLabels[camel(key)] ?? key;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function show(v: Json) {
  if (v === undefined) return <Typography.Text type="secondary">{t.common.dash}</Typography.Text>;
  if (v === null || v === '') return <Typography.Text type="secondary">{t.common.none}</Typography.Text>;
  if (typeof v === 'boolean') return v ? t.common.yes : t.common.no;
  if (typeof v === 'string' && isoTime.test(v)) return formatDateTime(v, true);
  if (typeof v === 'object') return <pre className="gh-json">{JSON.stringify(v, null, 2)}</pre>;
  return String(v);
}

const asRecord = (v: Json): Record<string, Json> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : v === null || v === undefined ? null : { value: v };

/** Before and after of one audited change, side by side, changed fields highlighted. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const [onlyChanged, setOnlyChanged] = useState(false);
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.audit.noChanges} />;

  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows: DiffRow[] = keys.map((key) => {
    const bv = b ? b[key] : undefined;
    const av = a ? a[key] : undefined;
    // a creation or a deletion has one side only: every field is "changed" there
    const changed = JSON.stringify(bv) !== JSON.stringify(av);
    return { key, label: labelOf(key), before: bv, after: av, changed };
  });
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;

  const columns: TableColumnsType<DiffRow> = [
    {
      title: t.audit.field, dataIndex: 'label', key: 'label', width: 170,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={r.changed}>{v}</Typography.Text>
          {v !== r.key ? <Typography.Text type="secondary" style={{ fontSize: 11 }}>{r.key}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t.audit.before, dataIndex: 'before', key: 'before', render: (v: Json, r) => (r.changed && b ? <Typography.Text delete={a !== null && v !== undefined}>{show(v)}</Typography.Text> : show(v)) },
    { title: t.audit.after, dataIndex: 'after', key: 'after', render: (v: Json, r) => (r.changed && a ? <Typography.Text strong>{show(v)}</Typography.Text> : show(v)) },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
        <Typography.Text>{t.audit.onlyChanged}</Typography.Text>
      </Space>
      <Table<DiffRow>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={shown}
        pagination={false}
        rowClassName={(r) => (r.changed ? 'gh-diff-changed' : '')}
        data-testid="audit-diff"
      />
    </Space>
  );
}
