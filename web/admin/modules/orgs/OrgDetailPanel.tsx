import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Tooltip } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { deleteOrg, fetchOrg, orgKeys, type OrgDetail } from './api';
import { childKinds, kindColor, kindLabel } from './org-kinds';
import { OrgFormModal } from './OrgFormModal';
import { MoveOrgModal } from './MoveOrgModal';
import { UnionProfileCard } from './UnionProfileCard';
import { useAuth, useCurrentOrg } from '../../auth';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

type Dialog = 'create' | 'edit' | 'move' | null;

/** The selected organization: where it sits, what it is, what is under it, and its actions. */
export function OrgDetailPanel({ orgId, onSelect }: { orgId: number | null; onSelect: (id: number) => void }) {
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [dialog, setDialog] = useState<Dialog>(null);
  const current = useCurrentOrg();
  const org = useQuery({ queryKey: orgKeys.detail(orgId ?? 0), queryFn: () => fetchOrg(orgId!), enabled: !!orgId });

  const remove = useMutation({
    mutationFn: (o: OrgDetail) => deleteOrg(o.id),
    onSuccess: async (_r, o) => {
      message.success(t.common.deleted);
      // select the parent, and refresh everything but the deleted one (asking for it would 404)
      if (o.parent_id) onSelect(o.parent_id);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all, predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === o.id) });
    },
    onError: (e) => showError(e, message),
  });

  if (!orgId) return <Card><Empty description={t.orgs.selectHint} /></Card>;
  if (org.isPending) return <Card><PageLoading /></Card>;
  if (org.error) return <QueryError error={org.error} onRetry={() => org.refetch()} />;

  const o = org.data;
  const writable = can('org:write');
  // a scope root cannot be moved or deleted by the one it belongs to
  const roots = current ? [{ ...current, kind: '' }] : me.scopeOrgs;
  const isScopeRoot = roots.some((r) => r.path === o.path) || me.scopeOrgs.some((r) => r.path === o.path);
  const canHoldChildren = childKinds(o.kind).length > 0;
  // paths are chains of ids: an ancestor is reachable when a scope root sits at or above it
  const chain = o.path.split('.');
  const rootDepth = Math.min(...roots.map((r) => {
    const i = chain.indexOf(r.path.split('.').pop()!);
    return i < 0 ? Infinity : i;
  }));
  const reachable = (id: number) => chain.indexOf(String(id)) >= rootDepth;

  const confirmDelete = () => modal.confirm({
    title: t.orgs.deleteConfirm(o.name),
    content: t.orgs.deleteHint,
    okText: t.common.delete,
    okButtonProps: { danger: true },
    cancelText: t.common.cancel,
    onOk: () => remove.mutateAsync(o).catch(() => undefined),
  });

  const counts = [
    { key: 'children', label: t.orgs.children, value: o.counts.children },
    { key: 'descendants', label: t.orgs.descendants, value: o.counts.descendants },
    { key: 'members', label: t.orgs.members, value: o.counts.members },
    { key: 'employers', label: t.orgs.employers, value: o.counts.employers },
    { key: 'users', label: t.orgs.users, value: o.counts.users },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="org-detail">
      <Breadcrumb
        items={[
          ...o.ancestors.map((a) => ({ key: a.id, title: reachable(a.id) ? <a onClick={() => onSelect(a.id)}>{a.name}</a> : a.name })),
          { key: o.id, title: o.name },
        ]}
      />
      <Card
        title={<Space>{o.name}<Tag color={kindColor(o.kind)}>{kindLabel(o.kind)}</Tag>{isScopeRoot ? <Tag>{t.orgs.rootBadge}</Tag> : null}</Space>}
        extra={writable ? (
          <Space wrap>
            <Tooltip title={canHoldChildren ? undefined : t.orgs.noChildKinds}>
              <Button type="primary" icon={<PlusOutlined />} disabled={!canHoldChildren} onClick={() => setDialog('create')} data-testid="org-create-child">
                {t.orgs.createChild}
              </Button>
            </Tooltip>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="org-edit">{t.common.edit}</Button>
            <Button icon={<DragOutlined />} disabled={isScopeRoot || !o.parent_id} onClick={() => setDialog('move')} data-testid="org-move">{t.orgs.move}</Button>
            <Button danger icon={<DeleteOutlined />} disabled={isScopeRoot} onClick={confirmDelete} data-testid="org-delete">{t.common.delete}</Button>
          </Space>
        ) : null}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: t.orgs.kind, children: kindLabel(o.kind) },
            { key: 'short', label: t.orgs.shortName, children: o.short_name || t.common.dash },
            { key: 'region', label: t.orgs.regionCode, children: o.region_code || t.common.dash },
            { key: 'sort', label: t.orgs.sortOrder, children: o.sort_order },
            { key: 'parent', label: t.orgs.parent, children: o.ancestors[o.ancestors.length - 1]?.name ?? t.common.dash },
            { key: 'id', label: t.orgs.id, children: o.id },
            { key: 'created', label: t.orgs.createdAt, children: formatDateTime(o.created_at) },
            { key: 'updated', label: t.orgs.updatedAt, children: formatDateTime(o.updated_at) },
          ]}
        />
      </Card>
      <Card title={t.orgs.counts} size="small">
        <Row gutter={[16, 16]} data-testid="org-counts">
          {counts.map((c) => (
            <Col key={c.key} xs={12} md={8} xl={4}>
              <Statistic title={c.label} value={c.value} />
            </Col>
          ))}
        </Row>
      </Card>
      <UnionProfileCard key={o.id} orgId={o.id} orgName={o.name} kind={o.kind} writable={writable} />
      {writable ? (
        <>
          <OrgFormModal
            mode={dialog === 'edit' ? 'edit' : 'create'}
            org={o}
            open={dialog === 'create' || dialog === 'edit'}
            onClose={() => setDialog(null)}
            onSaved={(saved) => {
              setDialog(null);
              onSelect(saved.id);
            }}
          />
          <MoveOrgModal
            org={o}
            open={dialog === 'move'}
            onClose={() => setDialog(null)}
            onMoved={(moved) => {
              setDialog(null);
              onSelect(moved.id);
            }}
          />
        </>
      ) : null}
    </Space>
  );
}
