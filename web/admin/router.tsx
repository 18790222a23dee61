import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { Permission } from '../../lib/permissions';
import { RequireAuth, RequirePermission } from './components/guards';
import { PageLoading, RouteError } from './components/status';
import { ForbiddenPage } from './pages/ForbiddenPage';

// every page is its own chunk: the console's first load is the shell only
function lazyNamed<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const LoginPage = lazyNamed(() => import('./pages/LoginPage'), 'LoginPage');
const AppLayout = lazyNamed(() => import('./components/AppLayout'), 'AppLayout');
const HomePage = lazyNamed(() => import('./pages/HomePage'), 'HomePage');
const OrgsPage = lazyNamed(() => import('./modules/orgs/OrgsPage'), 'OrgsPage');
const UsersPage = lazyNamed(() => import('./modules/users/UsersPage'), 'UsersPage');
const RolesPage = lazyNamed(() => import('./modules/roles/RolesPage'), 'RolesPage');
const CodeTablesPage = lazyNamed(() => import('./modules/code-tables/CodeTablesPage'), 'CodeTablesPage');
const AuditPage = lazyNamed(() => import('./modules/logs/AuditPage'), 'AuditPage');
const LoginLogPage = lazyNamed(() => import('./modules/logs/LoginLogPage'), 'LoginLogPage');
const SecuritySettingsPage = lazyNamed(() => import('./modules/settings/SecuritySettingsPage'), 'SecuritySettingsPage');
const CalendarPage = lazyNamed(() => import('./modules/calendar/CalendarPage'), 'CalendarPage');
const AccountPage = lazyNamed(() => import('./modules/account/AccountPage'), 'AccountPage');
const PasswordPage = lazyNamed(() => import('./modules/account/PasswordPage'), 'PasswordPage');
const MembersPage = lazyNamed(() => import('./modules/membership/MembersPage'), 'MembersPage');
const MemberPage = lazyNamed(() => import('./modules/membership/MemberPage'), 'MemberPage');
const TransfersPage = lazyNamed(() => import('./modules/membership/TransfersPage'), 'TransfersPage');
const EmployersPage = lazyNamed(() => import('./modules/membership/EmployersPage'), 'EmployersPage');
const EmployerPage = lazyNamed(() => import('./modules/membership/EmployerPage'), 'EmployerPage');
const TermsEndingPage = lazyNamed(() => import('./modules/membership/TermsEndingPage'), 'TermsEndingPage');
const CoveragePage = lazyNamed(() => import('./modules/coverage/CoveragePage'), 'CoveragePage');
const ImportsPage = lazyNamed(() => import('./modules/imports/ImportsPage'), 'ImportsPage');
const CommitteePage = lazyNamed(() => import('./modules/committee/CommitteePage'), 'CommitteePage');
const AppealsPage = lazyNamed(() => import('./modules/appeals/AppealsPage'), 'AppealsPage');
const AppealIntakePage = lazyNamed(() => import('./modules/appeals/IntakePage'), 'IntakePage');
const AppealPage = lazyNamed(() => import('./modules/appeals/AppealPage'), 'AppealPage');
const AppealWarningsPage = lazyNamed(() => import('./modules/appeals/WarningsPage'), 'WarningsPage');
const AppealFiguresPage = lazyNamed(() => import('./modules/appeals/FiguresPage'), 'FiguresPage');
const AppealSettingsPage = lazyNamed(() => import('./modules/appeals/AppealSettingsPage'), 'AppealSettingsPage');
const LegalAidListPage = lazyNamed(() => import('./modules/legal/LegalAidPages'), 'LegalAidListPage');
const LegalAidCasePage = lazyNamed(() => import('./modules/legal/LegalAidPages'), 'LegalAidCasePage');
const MediationListPage = lazyNamed(() => import('./modules/legal/MediationPages'), 'MediationListPage');
const MediationCasePage = lazyNamed(() => import('./modules/legal/MediationPages'), 'MediationCasePage');
const LegalProvidersPage = lazyNamed(() => import('./modules/legal/LibraryPages'), 'ProvidersPage');
const TypicalCasesPage = lazyNamed(() => import('./modules/legal/LibraryPages'), 'TypicalCasesPage');
const LegalEventsPage = lazyNamed(() => import('./modules/legal/LibraryPages'), 'EventsPage');
const HardshipArchivesPage = lazyNamed(() => import('./modules/hardship/HardshipArchivesPage'), 'HardshipArchivesPage');
const HardshipArchivePage = lazyNamed(() => import('./modules/hardship/HardshipArchivePage'), 'HardshipArchivePage');
const HardshipApplyPage = lazyNamed(() => import('./modules/hardship/HardshipApplyPage'), 'HardshipApplyPage');
const HardshipFollowupsPage = lazyNamed(() => import('./modules/hardship/HardshipFollowupsPage'), 'HardshipFollowupsPage');
const HardshipSettingsPage = lazyNamed(() => import('./modules/hardship/HardshipSettingsPage'), 'HardshipSettingsPage');
const PublicNoticePage = lazyNamed(() => import('./pages/PublicNoticePage'), 'PublicNoticePage');
const PairsPage = lazyNamed(() => import('./modules/pairing/PairsPage'), 'PairsPage');
const PairPage = lazyNamed(() => import('./modules/pairing/PairPage'), 'PairPage');
const NewPairPage = lazyNamed(() => import('./modules/pairing/NewPairPage'), 'NewPairPage');
const NoVisitPage = lazyNamed(() => import('./modules/pairing/NoVisitPage'), 'NoVisitPage');
const CampaignsPage = lazyNamed(() => import('./modules/campaigns/CampaignsPage'), 'CampaignsPage');
const CampaignPage = lazyNamed(() => import('./modules/campaigns/CampaignPage'), 'CampaignPage');
const NotFoundPage = lazyNamed(() => import('./pages/NotFoundPage'), 'NotFoundPage');

const guarded = (permission: Permission, Page: ComponentType) => (
  <RequirePermission permission={permission}><Page /></RequirePermission>
);

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      element: <Suspense fallback={<PageLoading full />}><LoginPage /></Suspense>,
      errorElement: <RouteError />,
    },
    {
      // the public 公示 (no login): 困难职工建档 and, later, other modules' sections
      path: '/gongshi',
      element: <Suspense fallback={<PageLoading full />}><PublicNoticePage /></Suspense>,
      errorElement: <RouteError />,
    },
    {
      element: <RequireAuth />,
      errorElement: <RouteError />,
      children: [
        {
          // the layout puts each page under its own Suspense, so the menu stays while a page loads
          element: <Suspense fallback={<PageLoading full />}><AppLayout /></Suspense>,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'orgs', element: guarded('org:read', OrgsPage) },
            // the optional id opens one account's drawer over the list: /users/42 is a link to it
            { path: 'users/:id?', element: guarded('user:read', UsersPage) },
            { path: 'roles', element: guarded('role:read', RolesPage) },
            { path: 'code-tables', element: guarded('dict:write', CodeTablesPage) },
            { path: 'audit/:id?', element: guarded('audit:read', AuditPage) },
            { path: 'login-log', element: guarded('audit:read', LoginLogPage) },
            { path: 'settings', element: <Navigate to="/settings/security" replace /> },
            { path: 'settings/security', element: guarded('setting:read', SecuritySettingsPage) },
            { path: 'settings/calendar', element: <CalendarPage /> },
            { path: 'members', element: guarded('member:read', MembersPage) },
            { path: 'members/:id', element: guarded('member:read', MemberPage) },
            { path: 'campaigns', element: guarded('campaign:read', CampaignsPage) },
            { path: 'campaigns/:id', element: guarded('campaign:read', CampaignPage) },
            { path: 'transfers', element: guarded('member:read', TransfersPage) },
            { path: 'employers', element: guarded('employer:read', EmployersPage) },
            { path: 'employers/:id', element: guarded('employer:read', EmployerPage) },
            { path: 'coverage', element: guarded('coverage:read', CoveragePage) },
            { path: 'imports', element: guarded('member:write', ImportsPage) },
            { path: 'committee', element: guarded('committee:read', CommitteePage) },
            { path: 'unions/terms-ending', element: guarded('org:read', TermsEndingPage) },
            { path: 'appeals', element: guarded('appeal:read', AppealsPage) },
            { path: 'appeals/new', element: guarded('appeal:write', AppealIntakePage) },
            { path: 'appeals/:id', element: guarded('appeal:read', AppealPage) },
            { path: 'appeal-warnings', element: guarded('warning:read', AppealWarningsPage) },
            { path: 'appeal-figures', element: guarded('appeal:read', AppealFiguresPage) },
            { path: 'appeal-settings', element: guarded('appeal:read', AppealSettingsPage) },
            { path: 'legal/aid', element: guarded('legal:read', LegalAidListPage) },
            { path: 'legal/aid/:id', element: guarded('legal:read', LegalAidCasePage) },
            { path: 'legal/mediation', element: guarded('legal:read', MediationListPage) },
            { path: 'legal/mediation/:id', element: guarded('legal:read', MediationCasePage) },
            { path: 'legal/providers', element: guarded('legal:read', LegalProvidersPage) },
            { path: 'legal/typical', element: guarded('legal:read', TypicalCasesPage) },
            { path: 'legal/events', element: guarded('legal:read', LegalEventsPage) },
            { path: 'hardship/archives', element: guarded('hardship:read', HardshipArchivesPage) },
            { path: 'hardship/archives/:id', element: guarded('hardship:read', HardshipArchivePage) },
            { path: 'hardship/archives/:id/edit', element: guarded('hardship:apply', HardshipApplyPage) },
            { path: 'hardship/new', element: guarded('hardship:apply', HardshipApplyPage) },
            { path: 'hardship/followups', element: guarded('hardship:read', HardshipFollowupsPage) },
            { path: 'hardship/settings', element: guarded('hardship:read', HardshipSettingsPage) },
            { path: 'pairing', element: guarded('pairing:read', PairsPage) },
            { path: 'pairing/new', element: guarded('pairing:write', NewPairPage) },
            { path: 'pairing/no-visit', element: guarded('pairing:read', NoVisitPage) },
            { path: 'pairing/:id', element: guarded('pairing:read', PairPage) },
            { path: 'account', element: <AccountPage /> },
            { path: 'account/password', element: <PasswordPage /> },
            { path: '403', element: <ForbiddenPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
