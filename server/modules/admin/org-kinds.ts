// Which kind of organization may sit under which: the tree of SPEC §2, with the levels a
// city or province deployment adds above the county.
export const orgKinds = ['province_federation', 'city_federation', 'county_federation', 'township', 'industry', 'grassroots', 'joint_grassroots', 'group'] as const;
export type OrgKind = (typeof orgKinds)[number];

const allowedChildren: Record<OrgKind, readonly OrgKind[]> = {
  province_federation: ['city_federation', 'industry'],
  city_federation: ['county_federation', 'industry'],
  county_federation: ['township', 'industry', 'grassroots', 'joint_grassroots'],
  township: ['grassroots', 'joint_grassroots'],
  industry: ['grassroots', 'joint_grassroots'],
  grassroots: ['group'],
  joint_grassroots: ['group'],
  group: [],
};

export const orgKindLabels: Record<OrgKind, string> = {
  province_federation: '省总工会',
  city_federation: '市总工会',
  county_federation: '县总工会',
  township: '乡镇(街道)工会',
  industry: '产业(系统)工会',
  grassroots: '基层工会',
  joint_grassroots: '联合基层工会',
  group: '工会小组',
};

export function canContain(parent: string, child: string): boolean {
  return (allowedChildren[parent as OrgKind] ?? []).includes(child as OrgKind);
}

export const rootKinds: readonly OrgKind[] = ['province_federation', 'city_federation', 'county_federation'];
