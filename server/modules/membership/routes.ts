import type { App } from '../../platform/http.js';
import { registerEmployerRoutes } from './employer.routes.js';
import { registerUnionProfileRoutes } from './union-profile.routes.js';
import { registerMemberRoutes } from './member.routes.js';
import { registerTransferRoutes } from './transfer.routes.js';

/** 组织建设 (SPEC §3.1): employers, unions as tree nodes, members and their transfers. */
export function registerMembershipRoutes(app: App) {
  registerEmployerRoutes(app);
  registerUnionProfileRoutes(app);
  registerMemberRoutes(app);
  registerTransferRoutes(app);
}
