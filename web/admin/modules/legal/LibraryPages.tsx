import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { createEvent, createProvider, eventTotals, fetchTypical, legalKeys, saveTypical, updateProvider, type EventItem, type ProviderItem, type TypicalItem } from './api';
import { codeOptions } from './shared';
import { useAuth } from '../../auth';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../components/use-server-table';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const L = t.legal;

/** 律师/志愿者库: the roster legal-aid cases and mediations are assigned from. */
export function ProvidersPage() {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const table = useServerTable<ProviderItem>({ key: legalKeys.providers[0], url: '/api/legal/providers', defaultSort: 'kind' });
  const toggle = useMutation({
    mutationFn: (p: ProviderItem) => updateProvider(p.id, { active: !p.active }),
    onSuccess: async () => { message.success(t.common.saved); await queryClient.invalidateQueries({ queryKey: legalKeys.providers }); },
    onError: useErrorHandler(),
  });
  const columns: TableColumnsType<ProviderItem> = [
    { title: L.kind, dataIndex: 'kindLabel', key: 'kind', width: 80 },
    { title: L.name, dataIndex: 'name', key: 'name', width: 100 },
    { title: L.firm, dataIndex: 'firm', key: 'firm', ellipsis: true, render: (v: string | null) => v ?? t.common.dash },
    { title: L.licenseNo, dataIndex: 'licenseNo', key: 'license', width: 170, render: (v: string | null) => v ?? t.common.dash },
    { title: L.phone, dataIndex: 'phone', key: 'phone', width: 120, render: (v: string | null) => v ?? t.common.dash },
    { title: L.specialties, key: 'sp', render: (_v, r) => r.specialtyLabels.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: L.openCases, dataIndex: 'openCases', key: 'open', width: 70 },
    { title: L.allCases, dataIndex: 'allCases', key: 'all', width: 70 },
    { title: L.status, key: 'active', width: 120, render: (_v, r) => (can('legal:approve')
      ? <Switch checked={r.active} checkedChildren={L.active} unCheckedChildren={L.inactive} onChange={() => toggle.mutate(r)} />
      : <Tag color={r.active ? 'success' : 'default'}>{r.active ? L.active : L.inactive}</Tag>) },
  ];
  return (
    <>
      <PageHeader title={L.menu.providers} extra={can('legal:approve') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.newProvider}</Button> : null} />
      <Card size="small">
        <Form form={form} layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => table.applyFilters({ q: v.q?.trim() || undefined, kind: v.kind })}>
          <Form.Item name="q"><Input allowClear placeholder={`${L.name}/${L.firm}`} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="kind"><Select allowClear placeholder={L.kind} style={{ width: 120 }} options={[{ value: 'lawyer', label: L.kinds.lawyer }, { value: 'volunteer', label: L.kinds.volunteer }]} /></Form.Item>
          <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/legal/providers" exportQuery={table.exportQuery} testId="providers-export" /></Form.Item>
        </Form>
        <Table<ProviderItem> rowKey="id" columns={columns} {...table.tableProps} locale={{ emptyText: t.common.empty }} />
      </Card>
      <ProviderModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function ProviderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => createProvider(v),
    onSuccess: async () => { message.success(t.common.saved); await queryClient.invalidateQueries({ queryKey: legalKeys.providers }); onClose(); },
    onError: useErrorHandler(form),
  });
  return (
    <Modal open={open} title={L.newProvider} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" initialValues={{ kind: 'lawyer', specialties: [] }} onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="kind" label={L.kind}><Select options={[{ value: 'lawyer', label: L.kinds.lawyer }, { value: 'volunteer', label: L.kinds.volunteer }]} /></Form.Item></Col>
          <Col span={16}><Form.Item name="name" label={L.name} rules={[{ required: true, whitespace: true, message: t.common.required(L.name) }]}><Input maxLength={50} /></Form.Item></Col>
        </Row>
        <Form.Item name="firm" label={L.firm}><Input maxLength={100} /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="licenseNo" label={L.licenseNo}><Input maxLength={30} /></Form.Item></Col>
          <Col span={12}><Form.Item name="phone" label={L.phone}><Input maxLength={20} /></Form.Item></Col>
        </Row>
        <Form.Item name="specialties" label={L.specialties}><Select mode="multiple" options={codeOptions('appeal_subject')} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 典型案例: drafts made from concluded cases (anonymized) and edited, then published. */
export function TypicalCasesPage() {
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const table = useServerTable<TypicalItem>({ key: legalKeys.typical[0], url: '/api/legal/typical', defaultSort: '-updatedAt' });
  const openId = Number(params.get('open')) || 0;
  const columns: TableColumnsType<TypicalItem> = [
    { title: L.title, dataIndex: 'title', key: 'title', render: (v: string, r) => <a onClick={() => setParams({ open: String(r.id) })}>{v}</a> },
    { title: L.category, dataIndex: 'categoryLabel', key: 'category', width: 100 },
    { title: L.summary, dataIndex: 'summary', key: 'summary', ellipsis: true },
    { title: L.org, dataIndex: 'orgName', key: 'org', width: 200, ellipsis: true },
    { title: L.status, key: 'published', width: 90, render: (_v, r) => <Tag color={r.published ? 'success' : 'default'}>{r.published ? L.published : L.draft}</Tag> },
  ];
  return (
    <>
      <PageHeader title={L.menu.typical} />
      <Card size="small">
        <Form form={form} layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => table.applyFilters({ q: v.q?.trim() || undefined, category: v.category, published: v.published })}>
          <Form.Item name="q"><Input allowClear placeholder={`${L.title}/${t.common.keyword}`} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="category"><Select allowClear placeholder={L.category} style={{ width: 120 }} options={codeOptions('appeal_subject')} /></Form.Item>
          <Form.Item name="published"><Select allowClear placeholder={L.status} style={{ width: 110 }} options={[{ value: '1', label: L.published }, { value: '0', label: L.draft }]} /></Form.Item>
          <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/legal/typical" exportQuery={table.exportQuery} testId="typical-export" /></Form.Item>
        </Form>
        <Table<TypicalItem> rowKey="id" columns={columns} {...table.tableProps} locale={{ emptyText: t.common.empty }} />
      </Card>
      <TypicalDrawer id={openId} onClose={() => setParams({})} />
    </>
  );
}

function TypicalDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { can } = useAuth();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const q = useQuery({ queryKey: [...legalKeys.typical, 'detail', id], queryFn: () => fetchTypical(id), enabled: id > 0 });
  useEffect(() => { if (q.data) form.setFieldsValue(q.data); }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => saveTypical(id, v),
    onSuccess: async () => { message.success(t.common.saved); await queryClient.invalidateQueries({ queryKey: legalKeys.typical }); },
    onError: useErrorHandler(form),
  });
  const editable = can('legal:write');
  return (
    <Drawer open={id > 0} width={720} title={L.editTypical} onClose={onClose} destroyOnHidden
      extra={editable && q.data ? (
        <Space>
          <Button onClick={() => form.validateFields().then((v) => save.mutate(v))}>{t.common.save}</Button>
          <Button type="primary" onClick={() => form.validateFields().then((v) => save.mutate({ ...v, published: !q.data!.published }))}>{q.data.published ? L.unpublish : L.publish}</Button>
        </Space>
      ) : null}>
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.Item name="title" label={L.title} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="category" label={L.category}><Select options={codeOptions('appeal_subject')} /></Form.Item>
        <Form.Item name="summary" label={L.summary}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Form.Item name="body" label={L.body} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={16} maxLength={20000} data-testid="typical-body" /></Form.Item>
      </Form>
    </Drawer>
  );
}

/** 法治宣传: events with their attendance, and the year's totals. */
export function EventsPage() {
  const { can } = useAuth();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const year = new Date().getFullYear();
  const table = useServerTable<EventItem>({ key: legalKeys.events[0], url: '/api/legal/events', defaultSort: '-heldOn', initialFilters: { from: `${year}-01-01`, to: `${year}-12-31` } });
  const totals = useQuery({ queryKey: [...legalKeys.events, 'totals', year], queryFn: () => eventTotals(`${year}-01-01`, `${year}-12-31`) });
  const columns: TableColumnsType<EventItem> = [
    { title: L.heldOn, dataIndex: 'heldOn', key: 'heldOn', width: 110, sorter: true, sortOrder: table.sortOrderFor('heldOn') },
    { title: L.eventKind, dataIndex: 'kindLabel', key: 'kind', width: 110 },
    { title: L.topic, dataIndex: 'topic', key: 'topic', ellipsis: true },
    { title: L.place, dataIndex: 'place', key: 'place', ellipsis: true },
    { title: L.org, dataIndex: 'orgName', key: 'org', width: 200, ellipsis: true },
    { title: L.attendance, dataIndex: 'attendance', key: 'attendance', width: 100, align: 'right', sorter: true, sortOrder: table.sortOrderFor('attendance') },
  ];
  return (
    <>
      <PageHeader title={L.menu.events} extra={can('legal:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{L.newEvent}</Button> : null} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={4}><Statistic title={String(year)} value={totals.data?.events ?? 0} suffix={L.eventsUnit} /></Col>
          <Col xs={12} md={4}><Statistic title={L.attendance} value={totals.data?.attendance ?? 0} /></Col>
          {(totals.data?.byKind ?? []).map((k) => <Col key={k.kind} xs={12} md={4}><Statistic title={k.kindLabel} value={k.events} suffix={L.kindTotals(k.attendance)} /></Col>)}
        </Row>
      </Card>
      <Card size="small">
        <Form form={form} layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => table.applyFilters({ ...table.filters, q: v.q?.trim() || undefined, kind: v.kind })}>
          <Form.Item name="q"><Input allowClear placeholder={`${L.topic}/${L.place}`} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="kind"><Select allowClear placeholder={L.eventKind} style={{ width: 130 }} options={codeOptions('legal_event_kind')} /></Form.Item>
          <Form.Item><FilterActions form={form} onReset={() => table.applyFilters({ from: `${year}-01-01`, to: `${year}-12-31` })} exportUrl="/api/legal/events" exportQuery={table.exportQuery} testId="events-export" /></Form.Item>
        </Form>
        <Table<EventItem> rowKey="id" columns={columns} {...table.tableProps} locale={{ emptyText: t.common.empty }} />
      </Card>
      <EventModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function EventModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const save = useMutation({
    mutationFn: (v: Record<string, any>) => createEvent({ ...v, heldOn: (v.heldOn as Dayjs).format('YYYY-MM-DD') }),
    onSuccess: async () => { message.success(t.common.saved); await queryClient.invalidateQueries({ queryKey: legalKeys.events }); onClose(); },
    onError: useErrorHandler(form),
  });
  return (
    <Modal open={open} title={L.newEvent} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} layout="vertical" initialValues={{ kind: 'lecture', attendance: 0 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={L.org} rules={[{ required: true, message: t.common.select(L.org) }]}><OrgTreeSelect /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="heldOn" label={L.heldOn} rules={[{ required: true, message: t.common.select(L.heldOn) }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="kind" label={L.eventKind}><Select options={codeOptions('legal_event_kind')} /></Form.Item></Col>
        </Row>
        <Form.Item name="topic" label={L.topic} rules={[{ required: true, whitespace: true, message: t.common.required(L.topic) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="place" label={L.place} rules={[{ required: true, whitespace: true, message: t.common.required(L.place) }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="attendance" label={L.attendance}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}
