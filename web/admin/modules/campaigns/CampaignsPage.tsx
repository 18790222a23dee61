import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import { patch, post } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { FilterActions } from '../../components/FilterActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { useServerTable } from '../../components/use-server-table';
import { t } from '../../i18n';
import { codeOptions } from '../membership/api';
import { campaignKeys, toFen, yuan, type EditionDetail, type EditionItem } from './api';

const tc = t.campaigns;
export const statusColors: Record<string, string> = { draft: 'default', listing: 'blue', approved: 'cyan', distributing: 'orange', closed: 'green' };

/** 帮扶活动: the editions the caller organizes or takes part in. */
export function CampaignsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const table = useServerTable<EditionItem>({ key: 'campaigns', url: '/api/campaigns/editions', defaultSort: '-startDate' });
  const columns: TableColumnsType<EditionItem> = [
    { title: tc.name, dataIndex: 'name', key: 'name', render: (v: string, r) => <a onClick={() => navigate(`/campaigns/${r.id}`)} data-testid={`campaign-link-${r.id}`}>{v}</a> },
    { title: tc.kind, dataIndex: 'kind', key: 'kind', width: 100, render: (v: string) => codeLabel('campaign_kind', v) },
    { title: tc.year, dataIndex: 'year', key: 'year', width: 70, sorter: true, sortOrder: table.sortOrderFor('year') },
    { title: tc.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    { title: tc.budget, dataIndex: 'budgetFen', key: 'budgetFen', width: 120, align: 'right', render: (v: number) => yuan(v) },
    { title: tc.recipients, dataIndex: 'recipients', key: 'recipients', width: 70, align: 'right' },
    { title: tc.approvedAmount, dataIndex: 'approvedFen', key: 'approvedFen', width: 120, align: 'right', render: (v: number) => yuan(v) },
    { title: tc.distributedAmount, dataIndex: 'distributedFen', key: 'distributedFen', width: 120, align: 'right', render: (v: number) => yuan(v) },
    { title: tc.startDate, dataIndex: 'startDate', key: 'startDate', width: 110, sorter: true, sortOrder: table.sortOrderFor('startDate') },
    { title: tc.status, dataIndex: 'status', key: 'status', width: 90, render: (v: string) => <Tag color={statusColors[v]}>{tc.statusLabels[v]}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title={tc.title}
        extra={can('campaign:write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">{tc.create}</Button> : null}
      />
      <Card size="small">
        <Form form={form} layout="inline" onFinish={(v) => table.applyFilters(v)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="q"><Input placeholder={tc.search} allowClear style={{ width: 200 }} /></Form.Item>
          <Form.Item name="kind"><Select placeholder={tc.kind} allowClear options={codeOptions('campaign_kind')} style={{ width: 130 }} /></Form.Item>
          <Form.Item name="status"><Select placeholder={tc.status} allowClear options={Object.entries(tc.statusLabels).map(([value, label]) => ({ value, label }))} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="year"><InputNumber placeholder={tc.year} min={2000} max={2100} style={{ width: 100 }} /></Form.Item>
          <Form.Item>
            <FilterActions form={form} onReset={() => table.applyFilters({})} exportUrl="/api/campaigns/editions" exportQuery={table.exportQuery} testId="campaign-export" />
          </Form.Item>
        </Form>
        <Table<EditionItem> rowKey="id" columns={columns} {...table.tableProps} data-testid="campaign-list" />
      </Card>
      {can('campaign:write') ? (
        <EditionFormModal open={creating} onClose={() => setCreating(false)} onSaved={(id) => { setCreating(false); navigate(`/campaigns/${id}`); }} />
      ) : null}
    </>
  );
}

interface EditionValues {
  orgId?: number; kind: string; year: number; name: string; budget: number; fundSource: string; standard: number; goods?: string;
  dates: [Dayjs, Dayjs | null]; remark?: string; levels?: string[]; categories?: string[]; collegeChild?: boolean;
  amountDeep?: number; amountRelative?: number; amountAccidental?: number;
}

/** 新建 / 修改 an edition: the rule's fields are part of the form. */
export function EditionFormModal({ open, onClose, onSaved, edition }: { open: boolean; onClose: () => void; onSaved: (id: number) => void; edition?: EditionDetail }) {
  const [form] = Form.useForm<EditionValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: EditionValues) => {
      const amountByLevel = Object.fromEntries(([['deep', v.amountDeep], ['relative', v.amountRelative], ['accidental', v.amountAccidental]] as const)
        .filter(([, a]) => a != null).map(([k, a]) => [k, toFen(a)]));
      const body = {
        kind: v.kind, year: v.year, name: v.name, budgetFen: toFen(v.budget), fundSource: v.fundSource, standardFen: toFen(v.standard),
        goods: v.goods || null, startDate: v.dates[0].format('YYYY-MM-DD'), endDate: v.dates[1] ? v.dates[1].format('YYYY-MM-DD') : null,
        remark: v.remark || null,
        rule: { levels: v.levels ?? [], categories: v.categories ?? [], collegeChild: Boolean(v.collegeChild), amountByLevel },
      };
      return edition ? patch<{ id: number }>(`/api/campaigns/editions/${edition.id}`, body) : post<{ id: number }>('/api/campaigns/editions', { ...body, orgId: v.orgId });
    },
    onSuccess: (row) => {
      message.success(edition ? tc.saved : tc.created);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      form.resetFields();
      onSaved(row.id);
    },
    onError,
  });
  const initial: Partial<EditionValues> = edition ? {
    kind: edition.kind, year: edition.year, name: edition.name, budget: edition.budgetFen / 100, fundSource: edition.fundSource,
    standard: edition.standardFen / 100, goods: edition.goods ?? undefined, remark: edition.remark ?? undefined,
    dates: [dayjs(edition.startDate), edition.endDate ? dayjs(edition.endDate) : null], levels: edition.rule.levels, categories: edition.rule.categories,
    collegeChild: edition.rule.collegeChild, amountDeep: edition.rule.amountByLevel.deep != null ? edition.rule.amountByLevel.deep / 100 : undefined,
    amountRelative: edition.rule.amountByLevel.relative != null ? edition.rule.amountByLevel.relative / 100 : undefined,
    amountAccidental: edition.rule.amountByLevel.accidental != null ? edition.rule.amountByLevel.accidental / 100 : undefined,
  } : { kind: 'winter_warmth', year: dayjs().year() + (dayjs().month() >= 9 ? 1 : 0), fundSource: 'county_fund', levels: ['deep', 'relative'], dates: [dayjs(), null] };
  return (
    <Modal
      open={open} title={edition ? tc.editTitle : tc.createTitle} width={720} destroyOnHidden
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'campaign-form-ok' } as never}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="campaign-form">
        {!edition ? (
          <Form.Item name="orgId" label={tc.org}><OrgTreeSelect placeholder={tc.org} allowClear /></Form.Item>
        ) : null}
        <Space.Compact block>
          <Form.Item name="kind" label={tc.kind} rules={[{ required: true }]} style={{ width: '30%' }}><Select options={codeOptions('campaign_kind')} data-testid="campaign-form-kind" /></Form.Item>
          <Form.Item name="year" label={tc.year} rules={[{ required: true }]} style={{ width: '20%' }}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="name" label={tc.name} rules={[{ required: true, message: tc.namePlaceholder }]} style={{ width: '50%' }}><Input placeholder={tc.namePlaceholder} data-testid="campaign-form-name" /></Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="budget" label={tc.budget} rules={[{ required: true }]} style={{ width: '33%' }}><InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="campaign-form-budget" /></Form.Item>
          <Form.Item name="standard" label={tc.standard} rules={[{ required: true }]} style={{ width: '33%' }}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="campaign-form-standard" /></Form.Item>
          <Form.Item name="fundSource" label={tc.fundSource} rules={[{ required: true }]} style={{ width: '34%' }}><Select options={codeOptions('campaign_fund_source')} /></Form.Item>
        </Space.Compact>
        <Form.Item name="dates" label={tc.dates} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} data-testid="campaign-form-dates" />
        </Form.Item>
        <Card size="small" type="inner" title={tc.ruleTitle} style={{ marginBottom: 16 }}>
          <Form.Item name="levels" label={tc.ruleLevels}>
            <Checkbox.Group options={Object.entries(tc.levelLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="collegeChild" valuePropName="checked"><Checkbox>{tc.ruleCollegeChild}</Checkbox></Form.Item>
          <Form.Item label={tc.ruleAmounts} style={{ marginBottom: 8 }}>
            <Space>
              <Form.Item name="amountDeep" noStyle><InputNumber min={0.01} precision={2} placeholder={tc.levelLabels.deep} /></Form.Item>
              <Form.Item name="amountRelative" noStyle><InputNumber min={0.01} precision={2} placeholder={tc.levelLabels.relative} /></Form.Item>
              <Form.Item name="amountAccidental" noStyle><InputNumber min={0.01} precision={2} placeholder={tc.levelLabels.accidental} /></Form.Item>
            </Space>
          </Form.Item>
          <Form.Item name="categories" label={tc.ruleCategories} style={{ marginBottom: 0 }}>
            <Select mode="multiple" options={codeOptions('campaign_category')} />
          </Form.Item>
        </Card>
        <Form.Item name="goods" label={tc.goods}><Input placeholder={tc.goodsPlaceholder} /></Form.Item>
        <Form.Item name="remark" label={tc.remark}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
