import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { codeOptions, createMember, memberKeys, updateMember, type MemberDetail, type MemberInput } from './api';
import { EmployerSelect } from './EmployerSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

type Values = Omit<MemberInput, 'joinDate'> & { joinDate?: Dayjs | null };

/** 新建会员 / 修改会员: server field errors land on their field. */
export function MemberFormModal({ detail, open, onClose, onCreated }: {
  detail: MemberDetail | null;
  open: boolean;
  onClose: () => void;
  onCreated?: (id: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const orgId = Form.useWatch('orgId', form);
  const editing = !!detail;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (detail) {
      const m = detail.member;
      form.setFieldsValue({
        orgId: m.orgId, name: m.name, phone: undefined, ethnicity: m.ethnicity, education: m.education,
        politicalStatus: m.politicalStatus, category: m.category, employerId: m.employerId, joinDate: m.joinDate ? dayjs(m.joinDate) : null,
      });
    } else {
      form.setFieldsValue({ category: 'regular', ethnicity: '01' });
    }
  }, [open, detail, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: MemberInput = {
        ...v,
        phone: v.phone?.trim() || null,
        joinDate: v.joinDate ? v.joinDate.format('YYYY-MM-DD') : null,
      };
      if (detail) {
        const { orgId: _o, idNumber, phone, ...rest } = body;
        return updateMember(detail.member.id, { ...rest, ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}) });
      }
      return createMember(body);
    },
    onSuccess: async (r) => {
      message.success(editing ? t.common.saved : t.members.created);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
      if (!editing) onCreated?.(r.member.id);
    },
    onError,
  });

  return (
    <Modal
      open={open}
      title={detail ? t.members.editTitle(detail.member.name) : t.members.createTitle}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Form form={form} name="member" layout="vertical" onFinish={(v) => save.mutate(v)} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        <Form.Item name="name" label={t.members.name} rules={[{ required: true, message: t.common.required(t.members.name) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t.members.idNumber} extra={editing ? t.users.phoneKeep : t.members.idHint}
          rules={editing ? [] : [{ required: true, message: t.common.required(t.members.idNumber) }]}>
          <Input maxLength={40} placeholder={editing ? detail?.member.idNumber : undefined} />
        </Form.Item>
        <Form.Item name="phone" label={t.members.phone} extra={editing ? t.users.phoneKeep : undefined}>
          <Input maxLength={40} placeholder={editing ? detail?.member.phone ?? undefined : undefined} />
        </Form.Item>
        <Form.Item name="ethnicity" label={t.members.ethnicity}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={codeOptions('ethnicity')} />
        </Form.Item>
        <Form.Item name="education" label={t.members.education}>
          <Select allowClear options={codeOptions('education')} />
        </Form.Item>
        <Form.Item name="politicalStatus" label={t.members.politicalStatus}>
          <Select allowClear options={codeOptions('political_status')} />
        </Form.Item>
        <Form.Item name="category" label={t.members.category}>
          <Select options={codeOptions('worker_category')} />
        </Form.Item>
        <Form.Item name="joinDate" label={t.members.joinDate}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="orgId" label={t.members.union} rules={[{ required: true, message: t.common.select(t.members.union) }]}>
          <OrgTreeSelect disabled={editing} valueLabel={detail?.union.name} placeholder={t.members.union} />
        </Form.Item>
        <Form.Item name="employerId" label={t.members.employer} extra={t.members.employerHint}>
          <EmployerSelect orgId={orgId} valueLabel={detail?.employer?.name} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
