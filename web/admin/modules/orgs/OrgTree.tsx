import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Tag, Tree, type TreeDataNode } from 'antd';
import { fetchOrgChildren, orgKeys, type OrgNode } from './api';
import { kindColor, kindLabel } from './org-kinds';
import { PageLoading, QueryError } from '../../components/status';
import { t } from '../../i18n';

interface Props {
  selectedId: number | null;
  onSelect: (org: OrgNode) => void;
  /** the roots, once known: the page selects the first when nothing is chosen */
  onRoots?: (roots: OrgNode[]) => void;
  /** ancestors of the selected node, to open the path down to it */
  expandTo?: number[];
}

/**
 * The organization tree, loaded one level at a time. Every loaded level is a query, so
 * invalidating ['orgs'] after a change refreshes exactly what is on screen.
 */
export function OrgTree({ selectedId, onSelect, onRoots, expandTo }: Props) {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.children('root', true), queryFn: ({ signal }) => fetchOrgChildren(undefined, true, signal) });
  const [loadedIds, setLoadedIds] = useState<number[]>([]);
  const [expanded, setExpanded] = useState<Key[]>([]);

  // another scope (the header switcher) starts a fresh tree
  const rootKey = (roots.data ?? []).map((r) => r.id).join(',');
  useEffect(() => {
    // a single root opens by itself: one level down is what everyone looks for first
    const open = roots.data?.length === 1 && roots.data[0].childCount > 0 ? [roots.data[0].id] : [];
    setLoadedIds(open);
    setExpanded(open);
    if (roots.data) onRoots?.(roots.data);
  }, [rootKey]);

  // open the way down to a node chosen elsewhere (the list tab, a breadcrumb)
  const expandKey = (expandTo ?? []).join(',');
  useEffect(() => {
    if (!expandTo?.length) return;
    setLoadedIds((prev) => [...new Set([...prev, ...expandTo])]);
    setExpanded((prev) => [...new Set([...prev, ...expandTo])]);
  }, [expandKey]);

  // bring a newly selected node into view as soon as its level is on screen (checked after each render)
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (!selectedId || scrolledTo.current === selectedId) return;
    const el = document.querySelector(`[data-testid="org-node-${selectedId}"]`);
    if (el) {
      el.scrollIntoView({ block: 'nearest' });
      scrolledTo.current = selectedId;
    }
  });

  const levels = useQueries({
    queries: loadedIds.map((id) => ({
      queryKey: orgKeys.children(id, true),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrgChildren(id, true, signal),
    })),
  });

  const childrenOf = useMemo(() => {
    const map = new Map<number, OrgNode[]>();
    loadedIds.forEach((id, i) => {
      const data = levels[i]?.data;
      if (data) map.set(id, data);
    });
    return map;
  }, [loadedIds, levels]);

  const treeData = useMemo(() => {
    const build = (nodes: OrgNode[]): TreeDataNode[] => nodes.map((o) => {
      const kids = childrenOf.get(o.id);
      return {
        key: o.id,
        title: (
          <span data-testid={`org-node-${o.id}`}>
            {o.name}
            <Tag className="gh-tree-tag" color={kindColor(o.kind)}>{kindLabel(o.kind)}</Tag>
          </span>
        ),
        isLeaf: kids ? kids.length === 0 : o.childCount === 0,
        children: kids ? build(kids) : undefined,
      };
    });
    return build(roots.data ?? []);
  }, [roots.data, childrenOf]);

  const nodeById = useMemo(() => {
    const map = new Map<number, OrgNode>();
    for (const r of roots.data ?? []) map.set(r.id, r);
    for (const list of childrenOf.values()) for (const o of list) map.set(o.id, o);
    return map;
  }, [roots.data, childrenOf]);

  if (roots.isPending) return <PageLoading />;
  if (roots.error) return <QueryError error={roots.error} onRetry={() => roots.refetch()} />;
  if (!roots.data.length) return <Empty description={t.common.empty} />;

  return (
    <Tree
      data-testid="org-tree"
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={treeData}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expanded}
      loadedKeys={[...childrenOf.keys()]}
      onExpand={(keys) => setExpanded(keys)}
      loadData={async (node) => {
        const id = Number(node.key);
        setLoadedIds((prev) => (prev.includes(id) ? prev : [...prev, id]));
        await queryClient.ensureQueryData({ queryKey: orgKeys.children(id, true), queryFn: () => fetchOrgChildren(id, true) });
      }}
      onSelect={(_keys, info) => {
        const org = nodeById.get(Number(info.node.key));
        if (org) onSelect(org);
      }}
      style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}
    />
  );
}
