import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { fenToYuan } from '../../../../lib/legal';
import { codeTables } from '../../../../lib/code-tables';
import { activeProviders, legalAction, legalKeys, type Deadline, type LegalStep } from './api';
import { useAuth } from '../../auth';
import { useErrorHandler, useNotify, showError } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

export const codeOptions = (table: string) => (codeTables[table]?.items ?? []).map((i) => ({ value: i.code, label: i.label }));
export const yuan = (fen: number | null | undefined) => (fen == null ? t.common.dash : fenToYuan(fen));

export const aidStatusColors: Record<string, string> = { applied: 'processing', assigned: 'blue', refused: 'error', closed: 'success', archived: 'default' };
export const mediationStatusColors: Record<string, string> = { accepted: 'processing', mediating: 'blue', agreement: 'success', failed: 'error', withdrawn: 'default' };

/** 即将到期 / 已超期 of an open mediation case. */
export function DeadlineTag({ deadline, testId }: { deadline: Deadline | null; testId?: string }) {
  if (!deadline || deadline.state === 'ok') return null;
  return <Tag color={deadline.state === 'overdue' ? 'error' : 'warning'} data-testid={testId}>{deadline.state === 'overdue' ? t.legal.deadlineOptions.overdue : t.legal.deadlineOptions.due_soon}</Tag>;
}

/** The 12351 ticket a case came from, linked to the appeals page. */
export function SourceTicket({ id }: { id: number | null }) {
  if (!id) return <>{t.common.dash}</>;
  return <Link to={`/appeals/${id}`} data-testid="source-ticket">{t.legal.ticketNo(id)}</Link>;
}

export function StepsTimeline({ steps }: { steps: LegalStep[] }) {
  return (
    <Timeline
      data-testid="legal-timeline"
      items={steps.map((s) => ({
        key: s.id,
        children: (
          <div>
            <Typography.Text strong>{s.step}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{formatDateTime(s.at)} {s.actor ?? ''}</Typography.Text>
            {s.comment ? <div>{s.comment}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

export function ProviderSelect({ value, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId?: string }) {
  const q = useQuery({ queryKey: [...legalKeys.providers, 'active'], queryFn: activeProviders });
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={q.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
      options={(q.data?.items ?? []).map((p) => ({ value: p.id, label: t.legal.providerOption(p.name, p.kindLabel, p.firm, p.openCases) }))}
    />
  );
}

/** A masked number with a 显示 button for those who may see it in full (the server audits each view). */
export function RevealNumber({ masked, url, field }: { masked: string | null; url: string; field: 'phone' | 'id_number' }) {
  const { can } = useAuth();
  const { message } = useNotify();
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <>{t.common.dash}</>;
  if (full) return <span>{full}</span>;
  return (
    <span>
      {masked}
      {can('member:reveal') ? (
        <Button type="link" size="small" onClick={() => (legalAction(url, { field }) as Promise<{ value: string }>).then((r) => setFull(r.value)).catch((e) => showError(e, message))}>{t.legal.reveal}</Button>
      ) : null}
    </span>
  );
}

/**
 * The modal of one step of a case (assign, refuse, a stage, a session, close, …): its form, the
 * busy state, and the server's field errors shown on the fields. `onFinish` maps the values to
 * the step's request; the form is cleared once it succeeds.
 */
export function CaseActionModal({ open, title, danger, okTestId, initialValues, onClose, onFinish, children }: {
  open: boolean; title: string; danger?: boolean; okTestId?: string; initialValues?: Record<string, unknown>;
  onClose: () => void; onFinish: (values: Record<string, any>) => Promise<unknown>; children: ReactNode;
}) {
  const [form] = Form.useForm();
  const onError = useErrorHandler(form);
  const [busy, setBusy] = useState(false);
  const submit = async (values: Record<string, any>) => {
    setBusy(true);
    try {
      await onFinish(values);
      form.resetFields();
    } catch (e) {
      onError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const okProps = { danger, ...(okTestId ? ({ 'data-testid': okTestId } as Record<string, string>) : {}) };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okText={t.common.ok} cancelText={t.common.cancel} confirmLoading={busy} destroyOnHidden forceRender okButtonProps={okProps}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>{children}</Form>
    </Modal>
  );
}
