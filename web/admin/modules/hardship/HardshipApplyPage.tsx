import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { get, type Page } from '../../api';
import type { MemberItem } from '../membership/api';
import { createArchive, fetchArchive, hardshipKeys, updateArchive, type ArchiveDetail } from './api';
import { ArchiveFields, emptyArchiveValues, inputOf, valuesOf, type ArchiveFormValues } from './ArchiveForm';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

/** 困难职工申报: a new application (pick the member), or editing a draft / returned one. */
export function HardshipApplyPage() {
  const id = Number(useParams().id) || 0;
  const detail = useQuery({ queryKey: hardshipKeys.detail(id), queryFn: () => fetchArchive(id), enabled: id > 0 });
  if (id > 0 && detail.isPending) return <PageLoading />;
  if (id > 0 && detail.error) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  return <ApplyForm archive={id > 0 ? detail.data : undefined} />;
}

function MemberPicker({ value, onChange, onPicked }: { value?: number; onChange?: (v: number) => void; onPicked: (m: MemberItem) => void }) {
  const [q, setQ] = useState('');
  const [initial] = useState(value);
  const found = useQuery({
    queryKey: ['members', 'pick', q, initial],
    queryFn: () => (q.trim().length >= 1 ? get<Page<MemberItem>>('/api/members', { q: q.trim(), status: 'active', pageSize: 20 })
      : initial ? get<{ member: MemberItem }>(`/api/members/${initial}`).then((d) => ({ items: [d.member], total: 1, page: 1, pageSize: 1 })) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 20 })),
  });
  const items = found.data?.items ?? [];
  return (
    <Select
      showSearch
      value={value}
      filterOption={false}
      onSearch={setQ}
      placeholder={t.hardship.memberPlaceholder}
      notFoundContent={found.isFetching ? <Spin size="small" /> : null}
      options={items.map((m) => ({ value: m.id, label: `${m.name} · ${m.idNumber} · ${m.orgName}` }))}
      onChange={(v: number) => { onChange?.(v); const m = items.find((x) => x.id === v); if (m) onPicked(m); }}
      data-testid="apply-member"
      style={{ width: '100%' }}
    />
  );
}

function ApplyForm({ archive }: { archive?: ArchiveDetail }) {
  const [form] = Form.useForm<ArchiveFormValues & { memberId?: number }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const memberFromLink = Number(useSearchParams()[0].get('memberId')) || undefined;
  const [submitting, setSubmitting] = useState(false);
  const save = useMutation({
    mutationFn: (v: { values: ArchiveFormValues & { memberId?: number }; submit: boolean }) => (archive
      ? updateArchive(archive.id, inputOf(v.values, archive))
      : createArchive({ ...inputOf(v.values), memberId: v.values.memberId!, submit: v.submit })),
    onSuccess: async (d, v) => {
      await queryClient.invalidateQueries({ queryKey: hardshipKeys.all });
      message.success(v.submit ? t.hardship.submitted : t.hardship.saved);
      navigate(`/hardship/archives/${d.id}`);
    },
    onError,
  });
  const run = (submit: boolean) => { setSubmitting(submit); form.submit(); };

  return (
    <>
      <PageHeader title={<Space><Link to={archive ? `/hardship/archives/${archive.id}` : '/hardship/archives'}><ArrowLeftOutlined /></Link>{archive ? t.hardship.editTitle(archive.member.name) : t.hardship.applyTitle}</Space>} />
      <Form
        form={form}
        name="hardship-apply"
        layout="vertical"
        initialValues={archive ? valuesOf(archive) : { ...emptyArchiveValues, memberId: memberFromLink }}
        onFinish={(values) => save.mutate({ values, submit: submitting })}
        scrollToFirstError
      >
        {archive ? null : (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Form.Item name="memberId" label={t.hardship.member} rules={[{ required: true, message: t.common.required(t.hardship.member) }]} style={{ maxWidth: 560, marginBottom: 0 }}>
              <MemberPicker onPicked={(m) => {
                form.setFieldValue(['household', 0, 'name'], m.name);
                if (m.employerName && !form.getFieldValue('employerName')) form.setFieldValue('employerName', m.employerName);
              }} />
            </Form.Item>
          </Card>
        )}
        <ArchiveFields form={form} bankOnFile={archive?.worker.bankAccount} />
        <Space style={{ marginTop: 16 }}>
          {archive ? (
            <Button type="primary" loading={save.isPending} onClick={() => run(false)} data-testid="apply-save">{t.common.save}</Button>
          ) : (
            <>
              <Button type="primary" loading={save.isPending && submitting} onClick={() => run(true)} data-testid="apply-submit">{t.hardship.submit}</Button>
              <Button loading={save.isPending && !submitting} onClick={() => run(false)} data-testid="apply-draft">{t.hardship.saveDraft}</Button>
            </>
          )}
        </Space>
      </Form>
    </>
  );
}
