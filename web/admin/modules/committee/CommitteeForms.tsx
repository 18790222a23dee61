import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import { patch, post } from '../../api';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const sexOptions = [{ value: 'M', label: codeLabel('sex', 'M') }, { value: 'F', label: codeLabel('sex', 'F') }];
/** the order a committee is usually described in: 委员, 常委, 主席, 副主席, 经审委员 */
const roleOrder = ['committee', 'standing', 'chair', 'vice_chair', 'audit'];
const grid = { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 } as const;

interface TermValues { orgId?: number; name: string; termNo?: number | null; startDate: Dayjs; endDate?: Dayjs | null; remark?: string }

/** 新建届次: POST /api/committee/terms; without an organization the server takes the user's own federation. */
export function TermFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<TermValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  useEffect(() => { if (open) form.resetFields(); }, [open, form]);
  const save = useMutation({
    mutationFn: (v: TermValues) => post<{ id: number }>('/api/committee/terms', {
      ...(v.orgId ? { orgId: v.orgId } : {}),
      name: v.name.trim(), termNo: v.termNo ?? null, startDate: iso(v.startDate), endDate: iso(v.endDate), remark: v.remark?.trim() || null,
    }),
    onSuccess: async (term) => {
      message.success(t.committeeEdit.termCreated);
      await queryClient.invalidateQueries({ queryKey: ['committee'] });
      onCreated(term.id);
    },
    onError,
  });
  return (
    <Modal open={open} title={t.committeeEdit.createTermTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} width={640} forceRender>
      <Form form={form} layout="vertical" name="committee-term" onFinish={(v) => save.mutate(v)} style={grid} data-testid="committee-term-form">
        <Form.Item name="orgId" label={t.committee.org} style={{ gridColumn: 'span 2' }}>
          <OrgTreeSelect allowClear placeholder={t.common.select(t.committee.org)} />
        </Form.Item>
        <Form.Item name="name" label={t.committeeEdit.termName} rules={[{ required: true, whitespace: true, message: t.common.required(t.committeeEdit.termName) }]}>
          <Input maxLength={50} placeholder={t.committeeEdit.termNamePlaceholder} />
        </Form.Item>
        <Form.Item name="termNo" label={t.committeeEdit.termNo}>
          <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startDate" label={t.committeeEdit.startDate} rules={[{ required: true, message: t.common.select(t.committeeEdit.startDate) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endDate" label={t.committeeEdit.endDate}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="remark" label={t.committeeEdit.remark} style={{ gridColumn: 'span 2' }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface EditableMember {
  id: number; name: string; sex: string | null; unit: string | null; position: string | null; roles: string[];
  electedMeeting: string | null; electedOn: string | null;
}
interface MemberValues { name: string; sex?: 'M' | 'F' | null; unit?: string; position?: string; roles: string[]; electedMeeting?: string; electedOn?: Dayjs | null }

/** 增加委员 (no member: POST to the term) or 编辑 (PATCH the member). */
export function MemberFormModal({ termId, member, open, onClose }: { termId: number; member: EditableMember | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<MemberValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (member) {
      form.setFieldsValue({
        name: member.name, sex: (member.sex as 'M' | 'F' | null) ?? null, unit: member.unit ?? '', position: member.position ?? '',
        roles: member.roles, electedMeeting: member.electedMeeting ?? '', electedOn: member.electedOn ? dayjs(member.electedOn) : null,
      });
    } else form.setFieldsValue({ roles: ['committee'] });
  }, [open, member, form]);
  const save = useMutation({
    mutationFn: (v: MemberValues) => {
      const body = {
        name: v.name.trim(), sex: v.sex ?? null, unit: v.unit?.trim() || null, position: v.position?.trim() || null,
        roles: v.roles, electedMeeting: v.electedMeeting?.trim() || null, electedOn: iso(v.electedOn),
      };
      return member ? patch(`/api/committee/members/${member.id}`, body) : post(`/api/committee/terms/${termId}/members`, body);
    },
    onSuccess: async () => {
      message.success(member ? t.common.saved : t.committeeEdit.added);
      await queryClient.invalidateQueries({ queryKey: ['committee'] });
      onClose();
    },
    onError,
  });
  return (
    <Modal open={open} title={member ? t.committeeEdit.editMemberTitle(member.name) : t.committeeEdit.addMemberTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} width={640} forceRender>
      <Form form={form} layout="vertical" name={member ? `committee-member-${member.id}` : 'committee-member'} onFinish={(v) => save.mutate(v)} style={grid} data-testid="committee-member-form">
        <Form.Item name="name" label={t.committeeEdit.memberName} rules={[{ required: true, whitespace: true, message: t.common.required(t.committeeEdit.memberName) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="sex" label={t.committeeEdit.sex}>
          <Select allowClear options={sexOptions} />
        </Form.Item>
        <Form.Item name="unit" label={t.committeeEdit.unit}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="position" label={t.committeeEdit.position}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="roles" label={t.committeeEdit.roles} style={{ gridColumn: 'span 2' }} rules={[{ required: true, type: 'array', min: 1, message: t.common.select(t.committeeEdit.roles) }]}>
          <Checkbox.Group options={roleOrder.map((r) => ({ value: r, label: t.committee.roleLabels[r] }))} />
        </Form.Item>
        <Form.Item name="electedMeeting" label={t.committeeEdit.electedMeeting}>
          <Input maxLength={100} placeholder={t.committeeEdit.electedMeetingPlaceholder} />
        </Form.Item>
        <Form.Item name="electedOn" label={t.committeeEdit.electedOn}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LeaveValues { leftOn: Dayjs; reason: string }

/** 离任 without a replacement: POST /api/committee/members/:id/leave. */
export function LeaveModal({ member, onClose }: { member: EditableMember | null; onClose: () => void }) {
  const [form] = Form.useForm<LeaveValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  useEffect(() => { if (member) form.resetFields(); }, [member, form]);
  const save = useMutation({
    mutationFn: (v: LeaveValues) => post(`/api/committee/members/${member!.id}/leave`, { leftOn: iso(v.leftOn), reason: v.reason.trim() }),
    onSuccess: async () => {
      message.success(t.committeeEdit.leftDone);
      await queryClient.invalidateQueries({ queryKey: ['committee'] });
      onClose();
    },
    onError,
  });
  return (
    <Modal open={!!member} title={member ? t.committeeEdit.leaveTitle(member.name) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} forceRender>
      <Form form={form} layout="vertical" name="committee-leave" onFinish={(v) => save.mutate(v)} data-testid="committee-leave-form">
        <Form.Item name="leftOn" label={t.committeeEdit.leftOn} rules={[{ required: true, message: t.common.select(t.committeeEdit.leftOn) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t.committeeEdit.reason} rules={[{ required: true, whitespace: true, message: t.common.required(t.committeeEdit.reason) }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
