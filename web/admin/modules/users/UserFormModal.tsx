import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { parseMobile } from '../../../../lib/validators/phone';
import { createUser, updateUser, userKeys, type UserDetail } from './api';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface FormValues {
  username: string;
  displayName: string;
  orgId: number;
  phone?: string;
}

/** 新建账号 (no user) or 修改 (a user). A new account's initial password goes to onCreated. */
export function UserFormModal({ user, open, onClose, onCreated }: {
  user: UserDetail | null;
  open: boolean;
  onClose: () => void;
  onCreated?: (username: string, initialPassword: string, id: number) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ displayName: user.displayName, orgId: user.orgId });
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const phone = v.phone?.trim() ? parseMobile(v.phone) : null;
      const phoneValue = phone?.ok ? phone.value : undefined;
      if (user) {
        await updateUser(user.id, {
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          // empty keeps the number on file
          ...(phoneValue ? { phone: phoneValue } : {}),
        });
        return null;
      }
      return createUser({ username: v.username.trim(), displayName: v.displayName.trim(), orgId: v.orgId, phone: phoneValue ?? null });
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      if (created) onCreated?.(created.user.username, created.initialPassword, created.user.id);
      else message.success(t.common.saved);
      onClose();
    },
    onError,
  });

  return (
    <Modal
      open={open}
      title={user ? t.users.editTitle(user.displayName) : t.users.createTitle}
      okText={t.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} name={user ? `user-edit-${user.id}` : 'user-create'} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="user-form">
        {editing ? null : (
          <Form.Item
            name="username"
            label={t.users.username}
            extra={t.users.usernameHint}
            rules={[
              { required: true, whitespace: true, message: t.common.required(t.users.username) },
              { pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: t.users.usernameHint },
            ]}
          >
            <Input maxLength={40} autoComplete="off" autoFocus />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, whitespace: true, message: t.common.required(t.users.displayName) }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="orgId" label={t.users.org} extra={t.users.orgHint} rules={[{ required: true, message: t.common.select(t.users.org) }]}>
          <OrgTreeSelect valueLabel={user?.orgName} placeholder={t.common.select(t.users.org)} data-testid="user-org-select" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t.users.phone}
          extra={user?.phone ? `${t.users.phoneKeep}${t.common.colon}${user.phone}` : t.users.phoneHint}
          rules={[{
            validator: async (_r, value: string | undefined) => {
              if (!value?.trim()) return;
              const parsed = parseMobile(value);
              if (!parsed.ok) throw new Error(parsed.message);
            },
          }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
