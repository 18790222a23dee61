import { Button, Card, Descriptions, Space, Table, Tag, type TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { permissionCatalog } from '../../../../lib/permissions';
import { useAuth, type MeGrant } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n';

const catalog: Record<string, string> = permissionCatalog;

/** 我的账号: who I am, the roles I hold where, what they let me do. */
export function AccountPage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const columns: TableColumnsType<MeGrant> = [
    { title: t.account.roleName, dataIndex: 'roleName', key: 'roleName' },
    { title: t.account.scopeOrg, dataIndex: 'orgName', key: 'orgName' },
  ];
  return (
    <>
      <PageHeader
        title={t.account.title}
        extra={<Button icon={<KeyOutlined />} onClick={() => navigate('/account/password')} data-testid="account-change-password">{t.account.changePassword}</Button>}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
        <Card size="small" title={t.account.profile}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'username', label: t.account.username, children: me.user.username },
              { key: 'displayName', label: t.account.displayName, children: me.user.displayName },
              { key: 'org', label: t.account.org, children: me.user.orgName },
              { key: 'scope', label: t.account.scopeRoots, children: me.scopeOrgs.map((o) => <Tag key={o.id}>{o.name}</Tag>) },
            ]}
          />
        </Card>
        <Card size="small" title={t.account.grants}>
          <Table<MeGrant>
            rowKey={(g) => `${g.roleCode}@${g.orgId}`}
            size="small"
            columns={columns}
            dataSource={me.grants}
            pagination={false}
            locale={{ emptyText: t.home.noRoles }}
            data-testid="account-grants-table"
          />
        </Card>
        <Card size="small" title={t.account.permissions}>
          {me.permissions.length
            ? me.permissions.map((p) => <Tag key={p} style={{ marginBlock: 2 }}>{catalog[p] ?? p}</Tag>)
            : t.common.none}
        </Card>
      </Space>
    </>
  );
}
