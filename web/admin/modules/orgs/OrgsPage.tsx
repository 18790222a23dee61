import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Tabs } from 'antd';
import { fetchOrg, orgKeys, type OrgNode } from './api';
import { isApiError } from '../../api';
import { OrgTree } from './OrgTree';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgListTab } from './OrgListTab';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n';

/** 组织管理: the tree and the selected organization beside it, or the flat searchable list. */
export function OrgsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'list' ? 'list' : 'tree';
  const selectedId = Number(params.get('id')) || null;

  const select = (id: number, toTab: 'tree' | 'list' = 'tree') => {
    const next = new URLSearchParams(params);
    next.set('id', String(id));
    if (toTab === 'tree') next.delete('tab');
    else next.set('tab', toTab);
    setParams(next, { replace: false });
  };

  // the selected node's detail (shared with the panel) tells the tree which levels to open
  const detail = useQuery({ queryKey: orgKeys.detail(selectedId ?? 0), queryFn: () => fetchOrg(selectedId!), enabled: !!selectedId });
  const [roots, setRoots] = useState<OrgNode[]>([]);
  const expandTo = useMemo(() => {
    const data = detail.data;
    if (!data) return [];
    // the levels from the tree's root down to the selected node's parent
    const chain = data.path.split('.').map(Number);
    const start = chain.findIndex((id) => roots.some((r) => r.id === id));
    return start < 0 ? [] : chain.slice(start, -1);
  }, [detail.data, roots]);

  // nothing chosen, or the choice fell outside the scope (the switcher moved): the first root
  const lost = isApiError(detail.error) && detail.error.status === 404;
  useEffect(() => {
    if ((!selectedId || lost) && roots[0] && roots[0].id !== selectedId) {
      const next = new URLSearchParams(params);
      next.set('id', String(roots[0].id));
      setParams(next, { replace: true });
    }
  }, [selectedId, lost, roots]);

  return (
    <>
      <PageHeader title={t.orgs.title} />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'list') next.set('tab', 'list');
          else next.delete('tab');
          setParams(next);
        }}
        items={[
          {
            key: 'tree',
            label: t.orgs.treeTab,
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={9} xl={8}>
                  <Card title={t.orgs.treeTitle} size="small" styles={{ body: { padding: 8 } }}>
                    <OrgTree
                      selectedId={selectedId}
                      expandTo={expandTo}
                      onSelect={(o) => select(o.id)}
                      onRoots={setRoots}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={15} xl={16}>
                  <OrgDetailPanel orgId={selectedId} onSelect={(id) => select(id)} />
                </Col>
              </Row>
            ),
          },
          { key: 'list', label: t.orgs.listTab, children: <OrgListTab onOpen={(id) => select(id)} /> },
        ]}
      />
    </>
  );
}
