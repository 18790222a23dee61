import { useEffect, useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Col, Form, Input, Modal, Row, Tooltip, Typography } from 'antd';
import { adminDutyPermissions } from '../../../../lib/permissions';
import { createRole, roleKeys, updateRole, type Role, type RoleInput } from './api';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

// the permissions only an administrator duty may hold (三员分立): never in a business role
const adminOnly = new Set<string>(
  [...adminDutyPermissions.system, ...adminDutyPermissions.security, ...adminDutyPermissions.audit]
    .filter((p) => !['org:read', 'org:write', 'user:read'].includes(p)),
);

const groupOrder = ['org', 'user', 'role', 'audit', 'dict', 'setting', 'member', 'employer', 'committee', 'coverage', 'dashboard'];

/** Permissions grouped by their prefix (org:read → org), in a stable order. */
export function groupPermissions(all: string[]): { group: string; permissions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const p of all) {
    const g = p.split(':')[0];
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const rank = (g: string) => (groupOrder.includes(g) ? groupOrder.indexOf(g) : groupOrder.length);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([group, permissions]) => ({ group, permissions }));
}

/** 新建业务角色, 修改, or 查看 (a built-in role: its permissions are fixed). */
export function RoleFormModal({ role, open, readOnly, catalog, allPermissions, onClose }: {
  role: Role | null;
  open: boolean;
  readOnly: boolean;
  catalog: Record<string, string>;
  allPermissions: string[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<RoleInput>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const fixedPermissions = readOnly || !!role?.builtin;
  const groups = useMemo(() => groupPermissions(allPermissions), [allPermissions]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (role) form.setFieldsValue({ code: role.code, name: role.name, description: role.description, permissions: role.permissions });
    else form.setFieldsValue({ permissions: [] });
  }, [open, role, form]);

  const save = useMutation({
    mutationFn: (v: RoleInput) => {
      const body = { name: v.name.trim(), description: v.description?.trim() ?? '' };
      if (role) return updateRole(role.id, role.builtin ? body : { ...body, permissions: v.permissions });
      return createRole({ code: v.code.trim(), ...body, permissions: v.permissions });
    },
    onSuccess: async () => {
      message.success(t.common.saved);
      await queryClient.invalidateQueries({ queryKey: roleKeys.all });
      onClose();
    },
    onError,
  });

  const title = !role ? t.roles.createTitle : readOnly ? t.roles.viewTitle(role.name) : t.roles.editTitle(role.name);
  return (
    <Modal
      open={open}
      title={title}
      width={760}
      okText={t.common.save}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ style: readOnly ? { display: 'none' } : undefined }}
      cancelText={readOnly ? t.common.close : t.common.cancel}
      forceRender
    >
      {role?.adminDuty ? <Alert type="warning" showIcon title={t.roles.adminDutyFixed} style={{ marginBottom: 12 }} />
        : role?.builtin ? <Alert type="info" showIcon title={t.roles.fixedPermissions} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="role" layout="vertical" disabled={readOnly} onFinish={(v) => save.mutate(v)} data-testid="role-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t.roles.code}
              extra={role ? undefined : t.roles.codeHint}
              rules={[{ required: true, message: t.common.required(t.roles.code) }, { pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t.roles.codeHint }]}
            >
              <Input disabled={!!role} maxLength={41} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t.roles.name} rules={[{ required: true, whitespace: true, message: t.common.required(t.roles.name) }, { max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t.roles.description} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="permissions" label={t.roles.permissions}>
          <Checkbox.Group style={{ width: '100%' }} disabled={fixedPermissions}>
            <div style={{ width: '100%', border: '1px solid #f0f0f0', borderRadius: 4 }}>
              {groups.map(({ group, permissions }) => (
                <Row key={group} style={{ padding: '8px 12px', borderBottom: '1px solid #f5f5f5' }} align="middle">
                  <Col flex="110px">
                    <Typography.Text strong>{t.roles.permissionGroups[group] ?? group}</Typography.Text>
                  </Col>
                  <Col flex="auto">
                    {permissions.map((p) => {
                      const reserved = adminOnly.has(p) && !role?.adminDuty;
                      const box = (
                        <Checkbox key={p} value={p} disabled={fixedPermissions || reserved} style={{ marginInlineEnd: 16 }} data-testid={`perm-${p}`}>
                          {catalog[p] ?? p}
                        </Checkbox>
                      );
                      return reserved ? <Tooltip key={p} title={t.roles.adminOnlyPermission}>{box}</Tooltip> : box;
                    })}
                  </Col>
                </Row>
              ))}
            </div>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
