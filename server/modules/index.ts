import type { App } from '../platform/http.js';
import { registerAccountRoutes } from './account/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerMembershipRoutes } from './membership/routes.js';
import { registerMemberImportRoutes } from './member-import/routes.js';
import { registerCommitteeRoutes } from './committee/routes.js';
import { registerCoverageRoutes } from './coverage/routes.js';
import { registerCalendarRoutes } from './calendar/routes.js';
import { registerAppealRoutes } from './appeals/routes.js';
import { registerHardshipRoutes } from './hardship/routes.js';
import { registerLegalRoutes } from './legal/routes.js';
import { registerPairingRoutes } from './pairing/routes.js';
import { registerCampaignRoutes } from './campaigns/routes.js';
import { registerTestClockRoute } from '../platform/clock-route.js';

/** Every domain module, in one place: a new module is one line here. */
export function registerModules(app: App, opts: { loginRateLimit: number }) {
  registerAccountRoutes(app, opts);
  registerAdminRoutes(app);
  registerMembershipRoutes(app);
  registerMemberImportRoutes(app);
  registerCommitteeRoutes(app);
  registerCoverageRoutes(app);
  registerCalendarRoutes(app);
  registerAppealRoutes(app);
  registerHardshipRoutes(app);
  registerLegalRoutes(app);
  registerPairingRoutes(app);
  registerCampaignRoutes(app);
  // browser tests move the product's date (公示 periods, due dates); never on in production
  if (process.env.GONGHUI_TEST_CLOCK === '1') registerTestClockRoute(app);
}
