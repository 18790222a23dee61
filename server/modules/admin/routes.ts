import type { App } from '../../platform/http.js';
import { registerOrgRoutes } from './org.routes.js';
import { registerUserRoutes } from './user.routes.js';
import { registerRoleRoutes } from './role.routes.js';
import { registerLogRoutes } from './log.routes.js';
import { registerDictSettingsRoutes } from './dict-settings.routes.js';

/** 管理 (SPEC §3.13): organizations, accounts, roles and grants, code tables, logs, settings. */
export function registerAdminRoutes(app: App) {
  registerOrgRoutes(app);
  registerUserRoutes(app);
  registerRoleRoutes(app);
  registerLogRoutes(app);
  registerDictSettingsRoutes(app);
}
