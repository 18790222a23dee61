import type { App } from '../../platform/http.js';

export function registerMemberImportRoutes(_app: App) {
  // routes come with the 组织建设 work
}
