import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, StopOutlined, CheckCircleOutlined, UnlockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  fetchRoleOptions, fetchUser, grantRole, resetPassword, revealPhone, revokeRole, setUserStatus, unlockUser, userKeys,
  type UserDetail, type UserGrant,
} from './api';
import { UserStatusTag } from './UserStatusTag';
import { UserFormModal } from './UserFormModal';
import { useAuth } from '../../auth';
import { InitialPasswordModal } from '../../components/InitialPasswordModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

/** One account: profile, grants, and what the viewer's permissions allow on it. */
export function UserDrawer({ userId, onClose }: { userId: number | null; onClose: () => void }) {
  const user = useQuery({ queryKey: userKeys.detail(userId ?? 0), queryFn: () => fetchUser(userId!), enabled: !!userId });
  const title = user.data ? t.users.detailTitle(t.users.nameWithUsername(user.data.displayName, user.data.username)) : t.common.detail;
  return (
    <Drawer open={!!userId} onClose={onClose} size={760} title={title} destroyOnHidden data-testid="user-drawer">
      {user.isPending ? <PageLoading /> : user.error ? <QueryError error={user.error} onRetry={() => user.refetch()} /> : <UserDetailBody user={user.data} />}
    </Drawer>
  );
}

function UserDetailBody({ user }: { user: UserDetail }) {
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [editing, setEditing] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const self = user.id === me.user.id;
  const writable = can('user:write');
  const granting = can('role:grant');

  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });
  const fail = (e: unknown) => showError(e, message);

  const status = useMutation({
    mutationFn: (s: 'active' | 'disabled') => setUserStatus(user.id, s),
    onSuccess: async () => { message.success(t.users.statusChanged); await refresh(); },
    onError: fail,
  });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id),
    onSuccess: async (r) => { setPassword(r.initialPassword); await refresh(); },
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: async () => { message.success(t.users.unlocked); await refresh(); },
    onError: fail,
  });
  const reveal = useMutation({ mutationFn: () => revealPhone(user.id), onSuccess: (r) => setPhone(r.phone), onError: fail });
  const revoke = useMutation({
    mutationFn: (g: UserGrant) => revokeRole(user.id, g.roleId, g.orgId),
    onSuccess: async () => { message.success(t.users.revoked); await refresh(); },
    onError: fail,
  });

  const confirm = (content: string, onOk: () => Promise<unknown>, danger = false) => modal.confirm({
    title: t.common.confirmTitle, content, okText: t.common.ok, cancelText: t.common.cancel, okButtonProps: { danger }, onOk: () => onOk().catch(() => undefined),
  });

  const actions = writable && !self ? (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="user-edit">{t.common.edit}</Button>
      {user.status === 'disabled' ? (
        <Button icon={<CheckCircleOutlined />} onClick={() => confirm(t.users.enableConfirm(user.displayName), () => status.mutateAsync('active'))} data-testid="user-enable">{t.users.enable}</Button>
      ) : (
        <Button danger icon={<StopOutlined />} onClick={() => confirm(t.users.disableConfirm(user.displayName), () => status.mutateAsync('disabled'), true)} data-testid="user-disable">{t.users.disable}</Button>
      )}
      <Button icon={<KeyOutlined />} onClick={() => confirm(t.users.resetConfirm(user.displayName), () => reset.mutateAsync(), true)} data-testid="user-reset-password">{t.users.resetPassword}</Button>
      {user.status === 'locked' ? (
        <Button icon={<UnlockOutlined />} onClick={() => unlock.mutate()} loading={unlock.isPending} data-testid="user-unlock">{t.users.unlock}</Button>
      ) : null}
    </Space>
  ) : null;

  const grantColumns: TableColumnsType<UserGrant> = [
    { title: t.users.grantRoleField, dataIndex: 'roleName', key: 'roleName' },
    { title: t.users.grantOrgField, dataIndex: 'orgName', key: 'orgName' },
    { title: t.users.grantedAt, dataIndex: 'grantedAt', key: 'grantedAt', width: 150, render: (v: string) => formatDateTime(v) },
    ...(granting && !self ? [{
      title: t.common.actions, key: 'actions', width: 80,
      render: (_v: unknown, g: UserGrant) => (
        <Popconfirm title={t.users.revokeConfirm(g.roleName, g.orgName)} okText={t.users.revoke} okButtonProps={{ danger: true }} cancelText={t.common.cancel} onConfirm={() => revoke.mutateAsync(g).catch(() => undefined)}>
          <a style={{ color: '#c8161d' }}>{t.users.revoke}</a>
        </Popconfirm>
      ),
    }] : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {self ? <Alert type="info" showIcon title={t.users.selfHint} /> : null}
      <Card size="small" title={t.users.profile} extra={actions}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'username', label: t.users.username, children: user.username },
            { key: 'displayName', label: t.users.displayName, children: user.displayName },
            { key: 'org', label: t.users.org, children: user.orgName },
            { key: 'status', label: t.users.status, children: <UserStatusTag status={user.status} /> },
            {
              key: 'phone', label: t.users.phone,
              children: user.phone ? (
                <Space size={8}>
                  <span data-testid="user-phone">{phone ?? user.phone}</span>
                  {writable && !phone ? <a onClick={() => confirm(t.users.revealPhoneConfirm, () => reveal.mutateAsync())}>{t.users.revealPhone}</a> : null}
                </Space>
              ) : t.common.dash,
            },
            { key: 'must', label: t.users.mustChangePassword, children: user.mustChangePassword ? <Tag color="warning">{t.common.yes}</Tag> : t.common.no },
            { key: 'last', label: t.users.lastLoginAt, children: formatDateTime(user.lastLoginAt) || t.common.dash },
            { key: 'created', label: t.users.createdAt, children: formatDateTime(user.createdAt) },
          ]}
        />
      </Card>

      <Card size="small" title={t.users.grants}>
        <Table<UserGrant>
          rowKey={(g) => `${g.roleId}@${g.orgId}`}
          size="small"
          columns={grantColumns}
          dataSource={user.grants}
          pagination={false}
          locale={{ emptyText: t.users.noGrants }}
          data-testid="user-grants-table"
        />
        {granting && !self ? <GrantForm user={user} /> : null}
      </Card>

      {writable ? <UserFormModal user={user} open={editing} onClose={() => setEditing(false)} /> : null}
      <InitialPasswordModal username={user.username} password={password} onClose={() => setPassword(null)} />
    </Space>
  );
}

/** 授予角色: a role, and the organization whose subtree it covers. */
function GrantForm({ user }: { user: UserDetail }) {
  const [form] = Form.useForm<{ roleId: number; orgId: number }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const roles = useQuery({ queryKey: userKeys.roleOptions, queryFn: fetchRoleOptions, staleTime: 5 * 60_000 });
  const grant = useMutation({
    mutationFn: (v: { roleId: number; orgId: number }) => grantRole(user.id, v.roleId, v.orgId),
    onSuccess: async () => {
      message.success(t.users.granted);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError,
  });

  return (
    <div style={{ marginTop: 16, paddingTop: 12, borderTop: '1px dashed #f0f0f0' }} data-testid="grant-form">
      <Typography.Text strong>{t.users.grantRole}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>{t.users.grantRoleHint}</Typography.Paragraph>
      <Form form={form} name="grant" layout="inline" onFinish={(v) => grant.mutate(v)}>
        <Form.Item name="roleId" rules={[{ required: true, message: t.common.select(t.users.grantRoleField) }]}>
          <Select
            style={{ width: 220 }}
            placeholder={t.users.grantRoleField}
            loading={roles.isPending}
            data-testid="grant-role-select"
            options={(roles.data ?? []).map((r) => ({
              value: r.id,
              label: r.adminDuty ? t.users.adminRoleOption(r.name) : r.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="orgId" initialValue={user.orgId} rules={[{ required: true, message: t.common.select(t.users.grantOrgField) }]}>
          <OrgTreeSelect style={{ width: 260 }} valueLabel={user.orgName} placeholder={t.users.grantOrgField} data-testid="grant-org-select" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={grant.isPending} data-testid="grant-submit">{t.users.grantRole}</Button>
        </Form.Item>
      </Form>
    </div>
  );
}

