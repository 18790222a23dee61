import type { App } from '../../platform/http.js';

export function registerCommitteeRoutes(_app: App) {
  // routes come with the 组织建设 work
}
