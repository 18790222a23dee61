import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Empty, Form, Input, InputNumber, Menu, Modal, Row, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { get, put } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface CodeItem {
  code: string;
  label: string;
  sortOrder: number;
  enabled: boolean;
  builtin: boolean;
}

interface CodeTable {
  code: string;
  name: string;
  items: CodeItem[];
}

interface ItemInput {
  label: string;
  sortOrder: number;
  enabled: boolean;
}

const codeTablesKey = ['code-tables'] as const;
const saveItem = (table: string, code: string, body: ItemInput) => put(`/api/code-tables/${encodeURIComponent(table)}/items/${encodeURIComponent(code)}`, body);

/** 字典管理: pick a code table, relabel, reorder or switch off its items, add local ones. */
export function CodeTablesPage() {
  const { can } = useAuth();
  const writable = can('dict:write');
  const tables = useQuery({ queryKey: codeTablesKey, queryFn: () => get<{ items: CodeTable[] }>('/api/code-tables').then((r) => r.items) });
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const current = tables.data?.find((x) => x.code === (selected ?? tables.data?.[0]?.code));
  const shown = useMemo(
    () => (tables.data ?? []).filter((x) => !filter || x.name.includes(filter) || x.code.includes(filter.toLowerCase())),
    [tables.data, filter],
  );

  if (tables.isPending) return <PageLoading />;
  if (tables.error) return <QueryError error={tables.error} onRetry={() => tables.refetch()} />;

  return (
    <>
      <PageHeader title={t.codeTables.title} />
      <Row gutter={16}>
        <Col xs={24} md={7} xl={5}>
          <Card size="small" title={t.codeTables.tables} styles={{ body: { padding: 0 } }}>
            <div style={{ padding: 8 }}>
              <Input.Search allowClear placeholder={t.codeTables.tableSearch} onChange={(e) => setFilter(e.target.value.trim())} />
            </div>
            <Menu
              data-testid="code-table-list"
              mode="inline"
              selectedKeys={current ? [current.code] : []}
              onClick={({ key }) => setSelected(key)}
              style={{ borderInlineEnd: 'none', maxHeight: 'calc(100vh - 280px)', overflow: 'auto' }}
              items={shown.map((x) => ({
                key: x.code,
                label: <Space style={{ width: '100%', justifyContent: 'space-between' }}><span>{x.name}</span><Badge count={x.items.length} color="#bfbfbf" overflowCount={999} /></Space>,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} md={17} xl={19}>
          {current ? <ItemsCard table={current} writable={writable} /> : <Card><Empty description={t.codeTables.selectTable} /></Card>}
        </Col>
      </Row>
    </>
  );
}

function ItemsCard({ table, writable }: { table: CodeTable; writable: boolean }) {
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [rowForm] = Form.useForm<ItemInput>();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const save = useMutation({
    mutationFn: ({ code, body }: { code: string; body: ItemInput }) => saveItem(table.code, code, body),
    onSuccess: async () => {
      message.success(t.common.saved);
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: codeTablesKey });
    },
    onError: (e) => showError(e, message, rowForm),
  });

  const startEdit = (item: CodeItem) => {
    rowForm.setFieldsValue({ label: item.label, sortOrder: item.sortOrder, enabled: item.enabled });
    setEditing(item.code);
  };
  const commit = async (item: CodeItem) => {
    const v = await rowForm.validateFields();
    save.mutate({ code: item.code, body: { label: v.label.trim(), sortOrder: v.sortOrder ?? 0, enabled: v.enabled } });
  };

  const columns: TableColumnsType<CodeItem> = [
    { title: t.codeTables.code, dataIndex: 'code', key: 'code', width: 180, render: (v: string) => <code>{v}</code> },
    {
      title: t.codeTables.label, dataIndex: 'label', key: 'label',
      render: (v: string, r) => (editing === r.code ? (
        <Form.Item name="label" style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: t.common.required(t.codeTables.label) }, { max: 100 }]}>
          <Input maxLength={100} autoFocus onPressEnter={() => commit(r)} />
        </Form.Item>
      ) : v),
    },
    {
      title: t.codeTables.sortOrder, dataIndex: 'sortOrder', key: 'sortOrder', width: 120,
      render: (v: number, r) => (editing === r.code ? (
        <Form.Item name="sortOrder" style={{ margin: 0 }}><InputNumber min={0} max={99999} precision={0} style={{ width: 90 }} /></Form.Item>
      ) : v),
    },
    {
      title: t.codeTables.enabled, dataIndex: 'enabled', key: 'enabled', width: 90,
      render: (v: boolean, r) => (editing === r.code ? (
        <Form.Item name="enabled" valuePropName="checked" style={{ margin: 0 }}><Switch size="small" /></Form.Item>
      ) : (
        <Switch
          size="small"
          checked={v}
          disabled={!writable || (save.isPending && save.variables?.code === r.code)}
          onChange={(checked) => save.mutate({ code: r.code, body: { label: r.label, sortOrder: r.sortOrder, enabled: checked } })}
        />
      )),
    },
    { title: t.codeTables.source, dataIndex: 'builtin', key: 'builtin', width: 80, render: (v: boolean) => (v ? <Tag>{t.codeTables.builtin}</Tag> : <Tag color="blue">{t.codeTables.local}</Tag>) },
    ...(writable ? [{
      title: t.common.actions, key: 'actions', width: 120,
      render: (_v: unknown, r: CodeItem) => (editing === r.code ? (
        <Space>
          <a onClick={() => commit(r)}>{t.common.save}</a>
          <a onClick={() => setEditing(null)}>{t.common.cancel}</a>
        </Space>
      ) : <a onClick={() => startEdit(r)}>{t.common.edit}</a>),
    }] : []),
  ];

  return (
    <Card
      size="small"
      title={t.codeTables.items(table.name)}
      extra={writable ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="code-item-add">{t.codeTables.addItem}</Button> : null}
    >
      <Alert type="info" showIcon title={writable ? t.codeTables.builtinHint : t.codeTables.readonlyHint} style={{ marginBottom: 12 }} />
      <Form form={rowForm} component={false}>
        <Table<CodeItem>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={table.items}
          pagination={table.items.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
          locale={{ emptyText: t.common.empty }}
          data-testid="code-items-table"
        />
      </Form>
      <AddItemModal table={table} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function AddItemModal({ table, open, onClose }: { table: CodeTable; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ItemInput & { code: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const add = useMutation({
    mutationFn: (v: ItemInput & { code: string }) => saveItem(table.code, v.code.trim(), { label: v.label.trim(), sortOrder: v.sortOrder ?? 0, enabled: v.enabled }),
    onSuccess: async () => {
      message.success(t.common.saved);
      await queryClient.invalidateQueries({ queryKey: codeTablesKey });
      onClose();
    },
    onError,
  });
  const nextSort = Math.max(0, ...table.items.map((i) => i.sortOrder)) + 1;
  return (
    <Modal open={open} title={t.codeTables.addItemTitle(table.name)} okText={t.common.save} onOk={() => form.submit()} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} name="code-item-add" layout="vertical" preserve={false} initialValues={{ sortOrder: nextSort, enabled: true }} onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="code"
          label={t.codeTables.code}
          extra={t.codeTables.codeHint}
          rules={[
            { required: true, message: t.common.required(t.codeTables.code) },
            { pattern: /^[A-Za-z0-9_]{1,40}$/, message: t.codeTables.codeHint },
            { validator: async (_r, v: string) => { if (v && table.items.some((i) => i.code === v.trim())) throw new Error(t.codeTables.codeExists); } },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="label" label={t.codeTables.label} rules={[{ required: true, whitespace: true, message: t.common.required(t.codeTables.label) }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t.codeTables.sortOrder}>
          <InputNumber min={0} max={99999} precision={0} />
        </Form.Item>
        <Form.Item name="enabled" label={t.codeTables.enabled} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
