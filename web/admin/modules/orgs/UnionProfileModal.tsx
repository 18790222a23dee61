import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError, put } from '../../api';
import { showError, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';
import type { CommitteePerson, UnionProfile } from './UnionProfileCard';

interface FormValues {
  foundedOn?: Dayjs | null;
  chairName?: string;
  viceChairs?: string[];
  committeeMembers?: CommitteePerson[];
  auditCommittee?: CommitteePerson[];
  womenCommittee?: CommitteePerson[];
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
  jointKind?: 'regional' | 'sectoral' | null;
}

const listNames = ['committeeMembers', 'auditCommittee', 'womenCommittee'] as const;
const topNames = new Set(['foundedOn', 'chairName', 'viceChairs', ...listNames, 'termStart', 'termEnd', 'jointKind']);

const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const people = (list: CommitteePerson[] | undefined) =>
  (list ?? []).filter((p) => p?.name?.trim()).map((p) => ({ name: p.name.trim(), position: p.position?.trim() || null }));

function PeopleList({ name, label }: { name: (typeof listNames)[number]; label: string }) {
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t.common.required(t.unionProfile.personName) }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t.unionProfile.personName} maxLength={50} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'position']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t.unionProfile.personPosition} maxLength={50} style={{ width: 240 }} />
                </Form.Item>
                <MinusCircleOutlined aria-label={t.unionProfile.remove} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ name: '', position: '' })} data-testid={`union-add-${name}`}>
              {t.unionProfile.addPerson}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** 编辑工会信息: the whole profile replaced by PUT /api/unions/:id/profile. */
export function UnionProfileModal({ orgId, orgName, kind, profile, open, onClose }: {
  orgId: number; orgName: string; kind: string; profile: UnionProfile; open: boolean; onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const joint = kind === 'joint_grassroots';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      foundedOn: day(profile.foundedOn),
      chairName: profile.chairName ?? '',
      viceChairs: profile.viceChairs,
      committeeMembers: profile.committeeMembers.map((p) => ({ name: p.name, position: p.position ?? '' })),
      auditCommittee: profile.auditCommittee.map((p) => ({ name: p.name, position: p.position ?? '' })),
      womenCommittee: profile.womenCommittee.map((p) => ({ name: p.name, position: p.position ?? '' })),
      termStart: day(profile.termStart),
      termEnd: day(profile.termEnd),
      jointKind: profile.jointKind,
    });
  }, [open, profile, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => put(`/api/unions/${orgId}/profile`, {
      foundedOn: iso(v.foundedOn),
      chairName: v.chairName?.trim() || null,
      viceChairs: (v.viceChairs ?? []).map((n) => n?.trim()).filter(Boolean),
      committeeMembers: people(v.committeeMembers),
      auditCommittee: people(v.auditCommittee),
      womenCommittee: people(v.womenCommittee),
      termStart: iso(v.termStart),
      termEnd: iso(v.termEnd),
      jointKind: joint ? v.jointKind ?? null : null,
    }),
    onSuccess: async () => {
      message.success(t.common.saved);
      await queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onClose();
    },
    onError: (err) => {
      // nested paths (committeeMembers.0.name) land on their row's field
      if (isApiError(err) && err.fields) {
        const placed: { name: (string | number)[]; errors: string[] }[] = [];
        const rest: string[] = [];
        for (const [key, text] of Object.entries(err.fields)) {
          const path = key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
          if (topNames.has(String(path[0]))) placed.push({ name: path, errors: [text] });
          else rest.push(text);
        }
        if (placed.length) form.setFields(placed as Parameters<typeof form.setFields>[0]);
        if (rest.length) message.error(rest.join(t.common.listSeparator));
        if (placed.length) return;
      }
      showError(err, message);
    },
  });

  return (
    <Modal
      open={open}
      title={t.unionProfile.editTitle(orgName)}
      okText={t.common.save}
      cancelText={t.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={720}
      forceRender
    >
      <Form form={form} name={`union-profile-${orgId}`} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="union-profile-form">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="foundedOn" label={t.unionProfile.foundedOn}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="chairName" label={t.unionProfile.chair}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="termStart" label={t.unionProfile.termStart}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="termEnd"
            label={t.unionProfile.termEnd}
            dependencies={['termStart']}
            rules={[({ getFieldValue }) => ({
              validator: async (_r, value: Dayjs | null | undefined) => {
                const start = getFieldValue('termStart') as Dayjs | null | undefined;
                if (value && start && !value.isAfter(start, 'day')) throw new Error(t.unionProfile.termEndAfterStart);
              },
            })]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {joint ? (
            <Form.Item name="jointKind" label={t.unionProfile.jointKind} rules={[{ required: true, message: t.common.select(t.unionProfile.jointKind) }]}>
              <Select options={Object.entries(t.unionProfile.jointKinds).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          ) : null}
        </div>
        <Form.Item label={t.unionProfile.viceChairs} style={{ marginBottom: 8 }}>
          <Form.List name="viceChairs">
            {(fields, { add, remove }) => (
              <Space wrap>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={field.name} rules={[{ required: true, whitespace: true, message: t.common.required(t.unionProfile.personName) }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t.unionProfile.personName} maxLength={50} style={{ width: 120 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t.unionProfile.remove} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 8 }}>{t.unionProfile.addViceChair}</Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <PeopleList name="committeeMembers" label={t.unionProfile.committee} />
        <PeopleList name="auditCommittee" label={t.unionProfile.audit} />
        <PeopleList name="womenCommittee" label={t.unionProfile.women} />
      </Form>
    </Modal>
  );
}
