import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { createOrg, orgKeys, updateOrg, type OrgDetail } from './api';
import { childKinds, kindLabel, type OrgKind } from './org-kinds';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface FormValues {
  name: string;
  kind: string;
  shortName?: string;
  regionCode?: string;
  sortOrder?: number;
}

const rootKinds: readonly OrgKind[] = ['province_federation', 'city_federation', 'county_federation'];

/** 新建下级组织 (mode create, under `org`) or 修改 (mode edit, `org` itself). */
export function OrgFormModal({ mode, org, open, onClose, onSaved }: {
  mode: 'create' | 'edit';
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: OrgDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);

  // a new child: kinds its parent may hold; an edit: kinds its own parent may hold
  const parentKind = org.ancestors[org.ancestors.length - 1]?.kind;
  const kinds = mode === 'create' ? childKinds(org.kind) : parentKind ? childKinds(parentKind) : rootKinds;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (mode === 'edit') {
      form.setFieldsValue({ name: org.name, kind: org.kind, shortName: org.short_name ?? undefined, regionCode: org.region_code ?? undefined, sortOrder: org.sort_order });
    } else {
      form.setFieldsValue({ kind: kinds.length === 1 ? kinds[0] : undefined, sortOrder: 0 });
    }
  }, [open, mode, org]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = { name: v.name.trim(), kind: v.kind, shortName: v.shortName?.trim() || null, regionCode: v.regionCode?.trim() || null, sortOrder: v.sortOrder ?? 0 };
      return mode === 'create' ? createOrg({ parentId: org.id, ...body }) : updateOrg(org.id, body);
    },
    onSuccess: async (saved) => {
      message.success(mode === 'create' ? t.orgs.created : t.common.saved);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onSaved(saved);
    },
    onError,
  });

  return (
    <Modal
      open={open}
      title={mode === 'create' ? t.orgs.createChildTitle(org.name) : t.orgs.editTitle(org.name)}
      okText={t.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} name={`org-${mode}`} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="org-form">
        <Form.Item name="name" label={t.orgs.name} rules={[{ required: true, whitespace: true, message: t.common.required(t.orgs.name) }, { max: 100 }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label={t.orgs.kind} rules={[{ required: true, message: t.common.select(t.orgs.kind) }]}>
          <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} placeholder={t.common.select(t.orgs.kind)} />
        </Form.Item>
        <Form.Item name="shortName" label={t.orgs.shortName} rules={[{ max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t.orgs.regionCode}
          extra={t.orgs.regionCodeHint}
          rules={[{ pattern: /^\d{6}(\d{3})?$/, message: t.orgs.regionCodeHint }]}
        >
          <Input maxLength={9} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t.orgs.sortOrder}>
          <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
