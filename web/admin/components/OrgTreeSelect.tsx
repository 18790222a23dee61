import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { fetchOrgChildren, orgKeys, type OrgNode } from '../modules/orgs/api';
import { kindLabel } from '../modules/orgs/org-kinds';
import { t } from '../i18n';

export interface PickedOrg {
  id: number;
  name: string;
  path: string;
  kind: string;
}

interface SimpleNode {
  id: number;
  pId: number;
  value: number;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
  org: PickedOrg | null;
}

export interface OrgTreeSelectProps {
  value?: number | null;
  onChange?: (id: number | undefined, org: PickedOrg | null) => void;
  /** the name to show for a value whose node is not loaded yet (an existing record's org) */
  valueLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  /** false: the whole scope, ignoring the header switcher (the switcher itself) */
  orgScope?: boolean;
  /** an entry with value 0 on top: "全部管辖范围" */
  allOption?: string;
  /** roots to show instead of asking the server (a user without org:read) */
  fixedRoots?: PickedOrg[];
  disabled?: boolean;
  isDisabled?: (org: PickedOrg) => boolean;
  style?: CSSProperties;
  popupMinWidth?: number;
  id?: string;
  'data-testid'?: string;
}

const toNode = (o: OrgNode, isDisabled?: (org: PickedOrg) => boolean): SimpleNode => {
  const org = { id: o.id, name: o.name, path: o.path, kind: o.kind };
  return { id: o.id, pId: o.parentId ?? -1, value: o.id, title: o.name, isLeaf: o.childCount === 0, disabled: isDisabled?.(org), org };
};

/**
 * An organization picker that loads the tree one level at a time from /api/orgs/children,
 * starting at the roots of the user's scope (narrowed by the switcher unless orgScope=false).
 */
export function OrgTreeSelect(props: OrgTreeSelectProps) {
  const { orgScope = true, fixedRoots, isDisabled, allOption } = props;
  const queryClient = useQueryClient();
  const roots = useQuery({
    queryKey: orgKeys.children('root', orgScope),
    queryFn: ({ signal }) => fetchOrgChildren(undefined, orgScope, signal),
    enabled: !fixedRoots,
    staleTime: 60_000,
  });
  const [loaded, setLoaded] = useState<SimpleNode[]>([]);
  const labels = useRef(new Map<number, string>());

  // a fresh set of roots (another scope after switching) starts the tree again
  useEffect(() => {
    const base = fixedRoots
      ? fixedRoots.map((o) => ({ id: o.id, pId: -1, value: o.id, title: o.name, isLeaf: true, disabled: isDisabled?.(o), org: o }))
      : (roots.data ?? []).map((o) => toNode(o, isDisabled));
    setLoaded(base);
    // isDisabled is a render-time function; the roots decide when to rebuild
  }, [roots.data, fixedRoots]);

  const treeData = useMemo(() => {
    for (const n of loaded) labels.current.set(n.id, n.title);
    const all = allOption ? [{ id: 0, pId: -3, value: 0, title: allOption, isLeaf: true, org: null }] : [];
    return [...all, ...loaded];
  }, [loaded, allOption]);

  const loadData = async (node: { value?: string | number }) => {
    const parentId = Number(node.value);
    if (!parentId || loaded.some((n) => n.pId === parentId)) return;
    const children = await queryClient.fetchQuery({
      queryKey: orgKeys.children(parentId, orgScope),
      queryFn: ({ signal }) => fetchOrgChildren(parentId, orgScope, signal),
      staleTime: 60_000,
    });
    setLoaded((prev) => {
      const have = new Set(prev.map((n) => n.id));
      return [...prev, ...children.filter((c) => !have.has(c.id)).map((c) => toNode(c, isDisabled))];
    });
  };

  const v = props.value;
  const current = v === null || v === undefined
    ? undefined
    : { value: v, label: v === 0 && allOption ? allOption : labels.current.get(v) ?? props.valueLabel ?? String(v) };

  return (
    <TreeSelect
      id={props.id}
      data-testid={props['data-testid']}
      // simple mode: a node whose parent is not loaded is a root
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      labelInValue
      value={current}
      onChange={(picked: { value: number; label?: unknown } | undefined) => {
        const id = picked?.value;
        const node = treeData.find((n) => n.value === id);
        props.onChange?.(id, node?.org ?? null);
      }}
      placeholder={props.placeholder ?? t.header.switcherPlaceholder}
      allowClear={props.allowClear}
      disabled={props.disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={roots.isLoading}
      style={props.style}
      popupMatchSelectWidth={false}
      // one level at a time stays short; the virtual list loses its place as levels load in
      virtual={false}
      styles={{ popup: { root: { minWidth: props.popupMinWidth ?? 320, maxHeight: 480 } } }}
      treeTitleRender={(n) => {
        const node = n as unknown as SimpleNode;
        return node.org ? <span title={kindLabel(node.org.kind)}>{node.title}</span> : <strong>{node.title}</strong>;
      }}
    />
  );
}
