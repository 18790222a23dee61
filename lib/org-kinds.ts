// Which kind of organization may sit under which (SPEC §2): the tree's levels, with those a
// city or province deployment adds above the county. The server enforces it; the console uses
// it to offer only the kinds that would be accepted.

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

// a tag colour per level, so a tree reads at a glance
export const orgKindColors: Record<OrgKind, string> = {
  province_federation: 'red',
  city_federation: 'red',
  county_federation: 'volcano',
  township: 'orange',
  industry: 'gold',
  grassroots: 'blue',
  joint_grassroots: 'geekblue',
  group: 'default',
};

export const kindLabel = (kind: string) => orgKindLabels[kind as OrgKind] ?? kind;
export const kindColor = (kind: string) => orgKindColors[kind as OrgKind] ?? 'default';
export const childKinds = (parent: string): readonly OrgKind[] => allowedChildren[parent as OrgKind] ?? [];
export const canContain = (parent: string, child: string) => childKinds(parent).includes(child as OrgKind);

export const rootKinds: readonly OrgKind[] = ['province_federation', 'city_federation', 'county_federation'];
