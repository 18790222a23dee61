import { lazy, type ComponentType } from 'react';
import { t } from './i18n';

/**
 * The sections of the public 公示 page (/gongshi, no login), one tab each. A module that
 * publishes something adds one entry here; its component fetches /api/public/... only and
 * shows masked names, never a full name or number.
 */
export interface PublicSection {
  key: string;
  label: string;
  component: ComponentType;
}

export const publicSections: PublicSection[] = [
  { key: 'hardship', label: t.hardship.publicHardship, component: lazy(() => import('./modules/hardship/PublicHardshipNotices').then((m) => ({ default: m.PublicHardshipNotices }))) },
  { key: 'campaigns', label: t.campaigns.publicTab, component: lazy(() => import('./modules/campaigns/PublicCampaignLists').then((m) => ({ default: m.PublicCampaignLists }))) },
];
