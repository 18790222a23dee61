import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BookOutlined, HomeOutlined, LoginOutlined, SafetyCertificateOutlined,
  SettingOutlined, TeamOutlined, UserOutlined, FileSearchOutlined, IdcardOutlined,
  ClusterOutlined, ContactsOutlined, GiftOutlined, CalendarOutlined, ShopOutlined, SwapOutlined, CloudUploadOutlined, PieChartOutlined, CrownOutlined, BellOutlined,
  CustomerServiceOutlined, AlertOutlined, BarChartOutlined, FieldTimeOutlined,
  SafetyOutlined, SolutionOutlined, TeamOutlined as RosterOutlined, ReadOutlined, SoundOutlined,
  HeartOutlined, ScheduleOutlined, ControlOutlined,
} from '@ant-design/icons';
import { UsergroupAddOutlined, CarryOutOutlined } from '@ant-design/icons';
import type { Permission } from '../../lib/permissions';
import { t } from './i18n';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** shown (and reachable) only with this permission; none: everyone signed in */
  permission?: Permission;
  /** a one-line description for the home page's quick links */
  description?: string;
}

export interface NavGroup {
  key: string;
  /** a group without a label is a plain top-level entry */
  label?: string;
  icon?: ReactNode;
  items: NavItem[];
}

/** The console's menu, from which the layout, the home page's quick links and the route guards read. */
export const navigation: NavGroup[] = [
  { key: 'home', items: [{ path: '/', label: t.menu.home, icon: <HomeOutlined /> }] },
  {
    key: 'membership',
    label: t.menu.membership,
    icon: <ClusterOutlined />,
    items: [
      { path: '/members', label: t.menu.members, icon: <ContactsOutlined />, permission: 'member:read' },
      { path: '/employers', label: t.menu.employers, icon: <ShopOutlined />, permission: 'employer:read' },
      { path: '/transfers', label: t.menu.transfers, icon: <SwapOutlined />, permission: 'member:read' },
      { path: '/imports', label: t.menu.imports, icon: <CloudUploadOutlined />, permission: 'member:write' },
      { path: '/coverage', label: t.menu.coverage, icon: <PieChartOutlined />, permission: 'coverage:read' },
      { path: '/committee', label: t.menu.committee, icon: <CrownOutlined />, permission: 'committee:read' },
      { path: '/unions/terms-ending', label: t.menu.termsEnding, icon: <BellOutlined />, permission: 'org:read' },
    ],
  },
  {
    // 帮扶 (SPEC §3.5): the campaigns and 结对帮扶 modules add their items here
    key: 'assistance',
    label: t.hardship.menu,
    icon: <HeartOutlined />,
    items: [
      { path: '/hardship/archives', label: t.hardship.archives, icon: <SolutionOutlined />, permission: 'hardship:read' },
      { path: '/hardship/followups', label: t.hardship.followups, icon: <ScheduleOutlined />, permission: 'hardship:read' },
      { path: '/hardship/settings', label: t.hardship.settings, icon: <ControlOutlined />, permission: 'hardship:read' },
      { path: '/pairing', label: t.pairing.menu.pairs, icon: <UsergroupAddOutlined />, permission: 'pairing:read', description: t.pairing.menuDescription.pairs },
      { path: '/pairing/no-visit', label: t.pairing.menu.noVisit, icon: <CarryOutOutlined />, permission: 'pairing:read', description: t.pairing.menuDescription.noVisit },
      { path: '/campaigns', label: t.campaigns.menu, icon: <GiftOutlined />, permission: 'campaign:read', description: t.campaigns.menuDescription },
    ],
  },
  {
    key: 'rights',
    label: t.appeals.menu.group,
    icon: <CustomerServiceOutlined />,
    items: [
      { path: '/appeals', label: t.appeals.menu.tickets, icon: <CustomerServiceOutlined />, permission: 'appeal:read' },
      { path: '/appeal-warnings', label: t.appeals.menu.warnings, icon: <AlertOutlined />, permission: 'warning:read' },
      { path: '/appeal-figures', label: t.appeals.menu.figures, icon: <BarChartOutlined />, permission: 'appeal:read' },
      { path: '/appeal-settings', label: t.appeals.menu.settings, icon: <FieldTimeOutlined />, permission: 'appeal:read' },
      { path: '/legal/aid', label: t.legal.menu.aid, icon: <SolutionOutlined />, permission: 'legal:read' },
      { path: '/legal/mediation', label: t.legal.menu.mediation, icon: <SafetyOutlined />, permission: 'legal:read' },
      { path: '/legal/providers', label: t.legal.menu.providers, icon: <RosterOutlined />, permission: 'legal:read' },
      { path: '/legal/typical', label: t.legal.menu.typical, icon: <ReadOutlined />, permission: 'legal:read' },
      { path: '/legal/events', label: t.legal.menu.events, icon: <SoundOutlined />, permission: 'legal:read' },
    ],
  },
  {
    key: 'system',
    label: t.menu.system,
    icon: <SettingOutlined />,
    items: [
      { path: '/orgs', label: t.menu.orgs, icon: <ApartmentOutlined />, permission: 'org:read' },
      { path: '/users', label: t.menu.users, icon: <TeamOutlined />, permission: 'user:read' },
      { path: '/roles', label: t.menu.roles, icon: <SafetyCertificateOutlined />, permission: 'role:read' },
      { path: '/code-tables', label: t.menu.codeTables, icon: <BookOutlined />, permission: 'dict:write' },
      { path: '/settings/security', label: t.menu.settings, icon: <IdcardOutlined />, permission: 'setting:read' },
      { path: '/settings/calendar', label: t.menu.calendar, icon: <CalendarOutlined /> },
    ],
  },
  {
    key: 'logs',
    label: t.menu.logs,
    icon: <FileSearchOutlined />,
    items: [
      { path: '/audit', label: t.menu.audit, icon: <AuditOutlined />, permission: 'audit:read' },
      { path: '/login-log', label: t.menu.loginLog, icon: <LoginOutlined />, permission: 'audit:read' },
    ],
  },
  { key: 'account', items: [{ path: '/account', label: t.menu.account, icon: <UserOutlined /> }] },
];

export const allNavItems = navigation.flatMap((g) => g.items);
