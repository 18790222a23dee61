import { useDeferredValue, useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import { moveOrg, orgKeys, searchOrgs, type OrgDetail } from './api';
import { canContain, kindColor, kindLabel } from './org-kinds';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

/** 移动: pick a new parent from a searchable list; the subtree moves along. */
export function MoveOrgModal({ org, open, onClose, onMoved }: {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onMoved: (moved: OrgDetail) => void;
}) {
  const [form] = Form.useForm<{ parentId: number }>();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setQ('');
    }
  }, [open, form]);

  const candidates = useQuery({
    queryKey: ['orgs', 'search', query],
    queryFn: () => searchOrgs(query, 100),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  const move = useMutation({
    mutationFn: (v: { parentId: number }) => moveOrg(org.id, v.parentId),
    onSuccess: async (moved) => {
      message.success(t.orgs.moved);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onMoved(moved);
    },
    onError,
  });

  const currentParent = org.parent_id;
  // only parents that could hold it: not itself or its own subtree, and a kind that may contain it
  const possible = (candidates.data?.items ?? []).filter((c) =>
    c.path !== org.path && !c.path.startsWith(`${org.path}.`) && canContain(c.kind, org.kind));
  const options = possible.map((c) => {
    const current = c.id === currentParent;
    return {
      value: c.id,
      disabled: current,
      label: c.name,
      title: current ? t.orgs.currentParent : c.name,
      render: (
        <Space size={6}>
          <span>{c.name}</span>
          <Tag color={kindColor(c.kind)} style={{ fontSize: 11 }}>{c.kindLabel}</Tag>
          {c.parentName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.parentName}</Typography.Text> : null}
          {current ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.orgs.currentParent}</Typography.Text> : null}
        </Space>
      ),
    };
  });

  return (
    <Modal
      open={open}
      title={t.orgs.moveTitle(org.name)}
      okText={t.orgs.move}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      forceRender
    >
      <Alert type="info" showIcon title={t.orgs.moveHint} style={{ marginBottom: 16 }} />
      <Form form={form} name="org-move" layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item name="parentId" label={t.orgs.newParent} rules={[{ required: true, message: t.common.select(t.orgs.newParent) }]}>
          <Select
            data-testid="move-parent-select"
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t.orgs.newParentPlaceholder}
            loading={candidates.isFetching}
            options={options}
            optionRender={(o) => (o.data as { render: React.ReactNode }).render}
            notFoundContent={candidates.isFetching ? t.common.loading : t.orgs.noPossibleParent(kindLabel(org.kind))}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { minWidth: 460 } } }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
