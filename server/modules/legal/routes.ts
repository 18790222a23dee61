import type { App } from '../../platform/http.js';

/** The legal module's HTTP routes (法律援助, 劳动争议调解, 律师库, 典型案例, 法治宣传). */
export function registerLegalRoutes(app: App) {
  void app;
}
