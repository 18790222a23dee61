import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { builtinRoles } from '../../../../lib/permissions';
import { codeTables } from '../../../../lib/code-tables';
import { fetchRoles, roleKeys } from '../roles/api';
import { fetchRoleOptions, userKeys, type UserListItem } from './api';
import { UserStatusTag } from './UserStatusTag';
import { UserFormModal } from './UserFormModal';
import { UserDrawer } from './UserDrawer';
import { useAuth } from '../../auth';
import { InitialPasswordModal } from '../../components/InitialPasswordModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { FilterActions } from '../../components/FilterActions';

interface Filters {
  q?: string;
  status?: string;
  roleCode?: string;
  orgId?: number;
}

/** The roles to filter by: every role for those who may see them, else the built-in ones. */
function useRoleFilterOptions() {
  const { can } = useAuth();
  const options = useQuery({ queryKey: userKeys.roleOptions, queryFn: fetchRoleOptions, enabled: can('role:grant'), staleTime: 5 * 60_000 });
  const roles = useQuery({ queryKey: roleKeys.list, queryFn: fetchRoles, enabled: !can('role:grant') && can('role:read'), staleTime: 5 * 60_000 });
  const list: readonly { code: string; name: string }[] = options.data ?? roles.data?.items ?? builtinRoles;
  return list.map((r) => ({ value: r.code, label: r.name }));
}

/** 账号管理: find accounts in scope, create them, open one to manage it. */
export function UsersPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const navigate = useNavigate();
  const openId = Number(useParams().id) || null;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const roleOptions = useRoleFilterOptions();
  const table = useServerTable<UserListItem>({ key: 'users', url: '/api/users', defaultSort: 'username' });

  // the drawer has its own address; the list (and its filters) stays mounted under it
  const open = (id: number | null) => navigate(id ? `/users/${id}` : '/users');

  const columns: TableColumnsType<UserListItem> = [
    { title: t.users.username, dataIndex: 'username', key: 'username', width: 140, sorter: true, sortOrder: table.sortOrderFor('username'), render: (v: string) => <a>{v}</a> },
    { title: t.users.displayName, dataIndex: 'displayName', key: 'displayName', width: 110, sorter: true, sortOrder: table.sortOrderFor('displayName') },
    { title: t.users.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    {
      title: t.users.roles, dataIndex: 'roleNames', key: 'roleNames',
      render: (v: string) => (v ? v.split(t.common.separator).map((n) => <Tag key={n} style={{ marginBlock: 1 }}>{n}</Tag>) : t.common.dash),
    },
    { title: t.users.phone, dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null) => v ?? t.common.dash },
    { title: t.users.status, dataIndex: 'status', key: 'status', width: 80, render: (v: string) => <UserStatusTag status={v} /> },
    { title: t.users.lastLoginAt, dataIndex: 'lastLoginAt', key: 'lastLoginAt', width: 150, sorter: true, sortOrder: table.sortOrderFor('lastLoginAt'), render: (v: string | null) => formatDateTime(v) || t.common.dash },
    { title: t.users.createdAt, dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: table.sortOrderFor('createdAt'), render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t.users.title}
        extra={can('user:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">{t.users.create}</Button> : null}
      />
      <Card size="small">
        <Form
          form={form}
          name="users-filter"
          layout="inline"
          className="gh-filters"
          onFinish={(v) => table.applyFilters({ q: v.q?.trim(), status: v.status, roleCode: v.roleCode, orgId: v.orgId })}
        >
          <Form.Item name="q" label={t.common.keyword}>
            <Input allowClear placeholder={t.users.keywordPlaceholder} style={{ width: 180 }} data-testid="users-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t.users.status}>
            <Select allowClear placeholder={t.users.statusAll} style={{ width: 120 }} options={codeTables.user_status.items.map((i) => ({ value: i.code, label: i.label }))} />
          </Form.Item>
          <Form.Item name="roleCode" label={t.users.roles}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t.users.roleAll} style={{ width: 190 }} options={roleOptions} />
          </Form.Item>
          {can('org:read') ? (
            <Form.Item name="orgId" label={t.users.filterOrg}>
              <OrgTreeSelect allowClear placeholder={t.users.orgAll} style={{ width: 220 }} />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Space>
              <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/users" exportQuery={table.exportQuery} testId="users-export" />
            </Space>
          </Form.Item>
        </Form>
        <Table<UserListItem>
          rowKey="id"
          className="gh-clickable-rows"
          columns={columns}
          {...table.tableProps}
          onRow={(r) => ({ onClick: () => open(r.id) })}
          locale={{ emptyText: table.hasFilters ? t.common.emptyFiltered : t.common.empty }}
          data-testid="users-table"
        />
      </Card>
      <UserDrawer userId={openId} onClose={() => open(null)} />
      <UserFormModal
        user={null}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(username, password) => setCreated({ username, password })}
      />
      <InitialPasswordModal username={created?.username ?? ''} password={created?.password ?? null} onClose={() => setCreated(null)} />
    </>
  );
}
