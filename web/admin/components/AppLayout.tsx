import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { ApiOutlined, DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { lastServerActivity, post, setCurrentOrg } from '../api';
import { meQueryKey, mustChangePassword, useAuth } from '../auth';
import { navigation } from '../navigation';
import { t } from '../i18n';
import { OrgSwitcher } from './OrgSwitcher';
import { PageLoading } from './status';
import { useNotify } from './use-notify';

const { Header, Sider, Content, Footer } = Layout;

/** The console's frame: red header (product, federation, switcher, user), menu, page. */
export function AppLayout() {
  const { me, can, federationName } = useAuth();
  const forced = mustChangePassword(me);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [collapsed, setCollapsed] = useState(false);

  const menuItems = useMemo<MenuProps['items']>(() => navigation.flatMap((group) => {
    const items = group.items.filter((i) => !i.permission || can(i.permission)).map((i) => ({ key: i.path, icon: i.icon, label: i.label }));
    if (!items.length) return [];
    return group.label ? [{ key: group.key, icon: group.icon, label: group.label, children: items }] : items;
  }), [can]);

  // the menu entry whose path is the longest prefix of the current one
  const selected = useMemo(() => {
    const paths = navigation.flatMap((g) => g.items.map((i) => i.path));
    const match = paths.filter((p) => (p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(`${p}/`)))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [match] : [];
  }, [location.pathname]);

  // the browser tab names the page
  useEffect(() => {
    const item = navigation.flatMap((g) => g.items).find((i) => i.path === selected[0]);
    document.title = item && item.path !== '/' ? t.pageTitle(item.label) : t.app.name;
  }, [selected]);

  const logout = async () => {
    try {
      await post('/api/auth/logout', undefined, { authRedirect: false, orgScope: false });
    } catch {
      // the session may already be gone: leaving is what matters
    }
    setCurrentOrg(null);
    queryClient.clear();
    message.success(t.header.loggedOut);
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      ...(forced ? [] : [
        { key: 'account', icon: <UserOutlined />, label: t.header.myAccount },
        { key: 'password', icon: <KeyOutlined />, label: t.header.changePassword },
        { key: 'docs', icon: <ApiOutlined />, label: t.menu.apiDocs },
        { type: 'divider' as const },
      ]),
      { key: 'logout', icon: <LogoutOutlined />, label: t.header.logout, danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      else if (key === 'password') navigate('/account/password');
      else if (key === 'docs') window.open('/api/docs', '_blank', 'noopener');
      else if (key === 'logout') void logout();
    },
  };

  const header = (
    <Header className="gh-header">
      <div className="gh-brand">
        <span className="gh-logo">{t.app.logoChar}</span>
        <span className="gh-brand-name">{t.app.name}</span>
        <span className="gh-brand-org" data-testid="federation-name">{federationName}</span>
      </div>
      <div className="gh-header-right">
        {forced ? null : <OrgSwitcher />}
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <span className="gh-user" data-testid="user-menu">
            <Avatar size="small" style={{ background: '#fff', color: '#a8071a' }} icon={<UserOutlined />} />
            {me.user.displayName}
            <DownOutlined style={{ fontSize: 10 }} />
          </span>
        </Dropdown>
      </div>
    </Header>
  );

  const page = (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );

  if (forced) {
    return (
      <Layout style={{ minHeight: '100vh' }}>
        {header}
        <Content className="gh-content">{page}</Content>
        <Footer className="gh-footer">{t.app.copyright}</Footer>
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {header}
      <Layout>
        <Sider
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          className="gh-sider"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <Menu
            data-testid="main-menu"
            mode="inline"
            items={menuItems}
            selectedKeys={selected}
            defaultOpenKeys={navigation.filter((g) => g.label).map((g) => g.key)}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Sider>
        <Layout>
          <Content className="gh-content">{page}</Content>
          <Footer className="gh-footer">{t.app.copyright}</Footer>
        </Layout>
      </Layout>
      <IdleWatcher minutes={me.idleTimeoutMinutes} />
    </Layout>
  );
}

/**
 * The server ends a session after idleTimeoutMinutes without a request. Two minutes before,
 * offer to keep it; once past, ask who-am-I, whose 401 takes the user to the login page.
 */
function IdleWatcher({ minutes }: { minutes: number }) {
  const { modal } = useNotify();
  const queryClient = useQueryClient();
  useEffect(() => {
    const limit = minutes * 60_000;
    const warnAt = Math.max(limit - 2 * 60_000, limit / 2);
    let warning: { destroy: () => void } | null = null;
    const tick = () => {
      const idle = Date.now() - lastServerActivity();
      if (idle >= limit) {
        warning?.destroy();
        warning = null;
        void queryClient.refetchQueries({ queryKey: meQueryKey });
      } else if (idle >= warnAt && !warning) {
        warning = modal.warning({
          title: t.header.idleWarning,
          content: t.header.idleWarningText(Math.max(1, Math.round((limit - idle) / 60_000))),
          okText: t.header.keepAlive,
          onOk: async () => {
            await queryClient.refetchQueries({ queryKey: meQueryKey });
            warning = null;
          },
        });
      } else if (idle < warnAt && warning) {
        warning.destroy();
        warning = null;
      }
    };
    const id = window.setInterval(tick, 15_000);
    return () => {
      window.clearInterval(id);
      warning?.destroy();
    };
  }, [minutes, modal, queryClient]);
  return null;
}
