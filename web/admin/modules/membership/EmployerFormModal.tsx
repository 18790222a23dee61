import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { codeOptions, createEmployer, employerKeys, updateEmployer, type EmployerInput, type EmployerItem } from './api';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const countFields = ['employeeCount', 'womenCount', 'migrantCount', 'dispatchedCount', 'platformCount'] as const;

/** 新建 / 修改用人单位: the credit-code check's error lands on its field. */
export function EmployerFormModal({ employer, open, onClose, onCreated }: {
  employer: EmployerItem | null;
  open: boolean;
  onClose: () => void;
  onCreated?: (id: number) => void;
}) {
  const [form] = Form.useForm<EmployerInput>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (employer) {
      form.setFieldsValue({
        orgId: employer.orgId, name: employer.name, creditCode: employer.creditCode, ownership: employer.ownership, industry: employer.industry,
        townshipCode: employer.townshipCode, address: employer.address, employeeCount: employer.employeeCount, womenCount: employer.womenCount,
        migrantCount: employer.migrantCount, dispatchedCount: employer.dispatchedCount, platformCount: employer.platformCount,
        hasUnion: employer.hasUnion, coveringUnionId: employer.coveringUnion?.id ?? null,
      });
    }
  }, [open, employer, form]);

  const save = useMutation({
    mutationFn: (v: EmployerInput) => {
      const body = { ...v, creditCode: v.creditCode?.trim() || null, townshipCode: v.townshipCode?.trim() || null, coveringUnionId: v.coveringUnionId ?? null };
      return employer ? updateEmployer(employer.id, body) : createEmployer(body);
    },
    onSuccess: async (r) => {
      message.success(employer ? t.common.saved : t.employers.created);
      await queryClient.invalidateQueries({ queryKey: employerKeys.all });
      onClose();
      if (!employer) onCreated?.(r.id);
    },
    onError,
  });

  return (
    <Modal open={open} title={employer ? t.employers.editTitle(employer.name) : t.employers.createTitle} onCancel={onClose} onOk={() => form.submit()}
      okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} width={760} destroyOnHidden forceRender>
      <Form form={form} name="employer" layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ employeeCount: 0, womenCount: 0, migrantCount: 0, dispatchedCount: 0, platformCount: 0, hasUnion: false }}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        <Form.Item name="name" label={t.employers.name} rules={[{ required: true, message: t.common.required(t.employers.name) }]} style={{ gridColumn: 'span 2' }}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="creditCode" label={t.employers.creditCode}>
          <Input maxLength={40} data-testid="employer-credit-code" />
        </Form.Item>
        <Form.Item name="orgId" label={t.employers.org} rules={[{ required: true, message: t.common.select(t.employers.org) }]}>
          <OrgTreeSelect valueLabel={employer?.orgName} placeholder={t.employers.org} />
        </Form.Item>
        <Form.Item name="ownership" label={t.employers.ownership} rules={[{ required: true, message: t.common.select(t.employers.ownership) }]}>
          <Select options={codeOptions('ownership')} />
        </Form.Item>
        <Form.Item name="industry" label={t.employers.industry} rules={[{ required: true, message: t.common.select(t.employers.industry) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={codeOptions('industry').map((o) => ({ ...o, label: `${o.value} ${o.label}` }))} />
        </Form.Item>
        <Form.Item name="townshipCode" label={t.employers.townshipCode}>
          <Input maxLength={12} />
        </Form.Item>
        <Form.Item name="address" label={t.employers.address}>
          <Input maxLength={200} />
        </Form.Item>
        {countFields.map((k) => (
          <Form.Item key={k} name={k} label={t.employers[k]}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Form.Item name="hasUnion" label={t.employers.hasUnionField} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="coveringUnionId" label={t.employers.coveringUnion} extra={t.employers.coveringUnionHint}>
          <OrgTreeSelect allowClear valueLabel={employer?.coveringUnion?.name} placeholder={t.employers.coveringUnion} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
