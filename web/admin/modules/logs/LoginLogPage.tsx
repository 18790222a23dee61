import { Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { rangeToQuery, type DateRange } from './date-range';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

interface LoginLogItem {
  id: number;
  at: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  reason: string | null;
  orgName: string | null;
}

interface Filters {
  range?: DateRange;
  username?: string;
  success?: 'true' | 'false';
}

/** A short browser name from a user-agent string, the whole string on hover. */
function browserOf(ua: string): string {
  const m = /(Edg|Chrome|Firefox|Safari|MicroMessenger)\/([\d.]+)/.exec(ua);
  return m ? `${m[1] === 'Edg' ? 'Edge' : m[1]} ${m[2].split('.')[0]}` : ua.slice(0, 24);
}

/** 登录日志: every sign-in, successful or not, with why it failed. */
export function LoginLogPage() {
  const [form] = Form.useForm<Filters>();
  const table = useServerTable<LoginLogItem>({ key: 'login-log', url: '/api/login-log', defaultSort: '-at' });

  const columns: TableColumnsType<LoginLogItem> = [
    { title: t.loginLog.at, dataIndex: 'at', key: 'at', width: 170, sorter: true, sortOrder: table.sortOrderFor('at'), render: (v: string) => formatDateTime(v, true) },
    { title: t.loginLog.username, dataIndex: 'username', key: 'username', width: 140 },
    { title: t.loginLog.result, dataIndex: 'success', key: 'success', width: 80, render: (v: boolean) => (v ? <Tag color="success">{t.loginLog.success}</Tag> : <Tag color="error">{t.loginLog.failure}</Tag>) },
    { title: t.loginLog.reason, dataIndex: 'reason', key: 'reason', width: 170, render: (v: string | null) => (v ? t.loginLog.reasons[v] ?? v : t.common.dash) },
    { title: t.loginLog.ip, dataIndex: 'ip', key: 'ip', width: 140, render: (v: string | null) => v ?? t.common.dash },
    { title: t.loginLog.userAgent, dataIndex: 'userAgent', key: 'userAgent', width: 140, render: (v: string | null) => (v ? <Tooltip title={v}>{browserOf(v)}</Tooltip> : t.common.dash) },
    { title: t.loginLog.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
  ];

  return (
    <>
      <PageHeader title={t.loginLog.title} />
      <Card size="small">
        <Form
          form={form}
          name="login-log-filter"
          layout="inline"
          className="gh-filters"
          onFinish={(v) => table.applyFilters({ ...rangeToQuery(v.range), username: v.username?.trim(), success: v.success })}
        >
          <Form.Item name="range" label={t.common.dateRange}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
          </Form.Item>
          <Form.Item name="username" label={t.loginLog.username}>
            <Input allowClear placeholder={t.loginLog.usernamePlaceholder} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="success" label={t.loginLog.result}>
            <Select
              allowClear
              placeholder={t.loginLog.resultAll}
              style={{ width: 120 }}
              options={[{ value: 'true', label: t.loginLog.success }, { value: 'false', label: t.loginLog.failure }]}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/login-log" exportQuery={table.exportQuery} testId="login-log-export" />
            </Space>
          </Form.Item>
        </Form>
        <Table<LoginLogItem>
          rowKey="id"
          columns={columns}
          {...table.tableProps}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
          data-testid="login-log-table"
        />
      </Card>
    </>
  );
}
