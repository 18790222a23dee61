import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { permissionCatalog as localCatalog, allPermissions as localAll } from '../../../../lib/permissions';
import { deleteRole, fetchRoles, roleKeys, type Role } from './api';
import { RoleFormModal } from './RoleFormModal';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/status';
import { showError, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const dutyColors: Record<string, string> = { system: 'red', security: 'orange', audit: 'purple' };

/** 角色与授权: the roles, what each may do, how many accounts hold it; business roles are editable. */
export function RolesPage() {
  const { can } = useAuth();
  const writable = can('role:write');
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const roles = useQuery({ queryKey: roleKeys.list, queryFn: fetchRoles });
  const [dialog, setDialog] = useState<{ role: Role | null; readOnly: boolean } | null>(null);
  const catalog: Record<string, string> = roles.data?.permissionCatalog ?? localCatalog;
  const all = roles.data?.allPermissions ?? localAll;

  const remove = useMutation({
    mutationFn: (r: Role) => deleteRole(r.id),
    onSuccess: async () => {
      message.success(t.common.deleted);
      await queryClient.invalidateQueries({ queryKey: roleKeys.all });
    },
    onError: (e) => showError(e, message),
  });

  const columns: TableColumnsType<Role> = [
    {
      title: t.roles.name, dataIndex: 'name', key: 'name', width: 220,
      render: (v: string, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{v}</Typography.Text>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text>
            {r.adminDuty ? <Tag color={dutyColors[r.adminDuty]}>{t.roles.adminDuty}</Tag> : null}
            <Tag>{r.builtin ? t.roles.builtin : t.roles.custom}</Tag>
          </Space>
        </Space>
      ),
    },
    { title: t.roles.description, dataIndex: 'description', key: 'description', width: 220, render: (v: string) => v || t.common.dash },
    {
      title: t.roles.permissions, dataIndex: 'permissions', key: 'permissions',
      render: (perms: string[]) => perms.map((p) => <Tag key={p} style={{ marginBlock: 2 }} color={p.endsWith(':read') ? 'default' : 'red'} variant="outlined">{catalog[p] ?? p}</Tag>),
    },
    { title: t.roles.userCount, dataIndex: 'userCount', key: 'userCount', width: 80, align: 'right' },
    {
      title: t.common.actions, key: 'actions', width: 120,
      render: (_v, r) => (
        <Space size={12}>
          <a onClick={() => setDialog({ role: r, readOnly: !writable })}>{writable ? t.common.edit : t.roles.view}</a>
          {writable && !r.builtin ? (
            <Popconfirm
              title={t.roles.deleteConfirm(r.name)}
              description={t.roles.deleteHint}
              okText={t.common.delete}
              okButtonProps={{ danger: true }}
              cancelText={t.common.cancel}
              onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}
            >
              <a style={{ color: '#c8161d' }}>{t.common.delete}</a>
            </Popconfirm>
          ) : writable ? (
            <Tooltip title={t.roles.deleteHint}><Typography.Text type="secondary">{t.common.delete}</Typography.Text></Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.roles.title}
        extra={writable ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ role: null, readOnly: false })} data-testid="role-create">{t.roles.create}</Button> : null}
      />
      <Card size="small">
        {roles.error ? <QueryError error={roles.error} onRetry={() => roles.refetch()} /> : (
          <Table<Role>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={roles.data?.items ?? []}
            loading={roles.isFetching}
            pagination={false}
            locale={{ emptyText: t.common.empty }}
            data-testid="roles-table"
          />
        )}
      </Card>
      <RoleFormModal
        role={dialog?.role ?? null}
        open={!!dialog}
        readOnly={dialog?.readOnly ?? true}
        catalog={catalog}
        allPermissions={all}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
