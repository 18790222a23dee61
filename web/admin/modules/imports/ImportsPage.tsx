import { useCallback, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, Button, Card, Descriptions, Form, Result, Segmented, Select, Space, Statistic, Steps, Table, Tabs, Tag, Typography, Upload, type TableColumnsType,
} from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  batchesUrl, downloadReport, downloadTemplate, fetchBatch, fetchRows, saveMapping, startCommit, startDryRun, uploadImport,
  type Batch, type BatchListItem, type Counts, type ImportKind, type Outcome, type RowResult,
} from './api';
import { useAuth } from '../../auth';
import { JobProgress } from '../../components/JobProgress';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { showError, useNotify } from '../../components/use-notify';
import { useServerTable } from '../../components/use-server-table';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

const outcomeColors: Record<Outcome, string> = { new: 'green', update: 'blue', unchanged: 'default', error: 'red', transfer_suggested: 'orange' };
const outcomeOrder: Outcome[] = ['new', 'update', 'unchanged', 'error', 'transfer_suggested'];

function stepOf(batch: Batch | null): number {
  if (!batch) return 0;
  if (batch.status === 'committed' || batch.status === 'committing') return 3;
  if (batch.status === 'dry_run' || batch.status === 'validating') return 2;
  return 1;
}

/** 数据导入: upload a roster, confirm its columns, dry-run, read the report, commit. */
export function ImportsPage() {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [kind, setKind] = useState<ImportKind>('members');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const kinds: ImportKind[] = (['members', 'employers'] as const).filter((k) => can(k === 'members' ? 'member:write' : 'employer:write'));

  const reload = useCallback(async (b: Batch) => {
    const fresh = await fetchBatch(b.kind, b.id);
    setBatch(fresh);
    await queryClient.invalidateQueries({ queryKey: ['imports'] });
    return fresh;
  }, [queryClient]);

  const onJobDone = useCallback(() => {
    setJobId(null);
    if (batch) reload(batch).catch((e: unknown) => showError(e, message));
  }, [batch, reload, message]);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const b = await uploadImport(kind, file, orgId);
      setBatch(b);
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
    } catch (e) {
      showError(e, message);
    } finally {
      setUploading(false);
    }
  };

  const open = async (id: string, k: ImportKind) => {
    try {
      setKind(k);
      const b = await fetchBatch(k, id);
      setBatch(b);
      setJobId(b.status === 'validating' || b.status === 'committing' ? b.jobId : null);
    } catch (e) {
      showError(e, message);
    }
  };

  const running = jobId ?? (batch && (batch.status === 'validating' || batch.status === 'committing') ? batch.jobId : null);

  return (
    <>
      <PageHeader title={t.imports.title} />
      <Card size="small">
        <Steps
          size="small"
          current={stepOf(batch)}
          style={{ marginBottom: 16 }}
          items={[{ title: t.imports.step1 }, { title: t.imports.step2 }, { title: t.imports.step3 }, { title: t.imports.step4 }]}
        />
        {!batch ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Form layout="inline">
              <Form.Item label={t.imports.kind}>
                <Segmented<ImportKind> value={kind} onChange={setKind} options={kinds.map((k) => ({ value: k, label: t.imports.kinds[k] }))} data-testid="import-kind" />
              </Form.Item>
              <Form.Item label={t.imports.target} extra={t.imports.targetHint}>
                <OrgTreeSelect value={orgId} onChange={(id) => setOrgId(id)} allowClear placeholder={t.imports.target} style={{ width: 260 }} data-testid="import-org" />
              </Form.Item>
              <Form.Item>
                <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(kind).catch((e: unknown) => showError(e, message))} data-testid="import-template">{t.imports.template}</Button>
              </Form.Item>
            </Form>
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file) => { void upload(file); return false; }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">{uploading ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
              <p className="ant-upload-text">{uploading ? t.imports.uploading : t.imports.upload}</p>
              <p className="ant-upload-hint">{t.imports.uploadHint}</p>
            </Upload.Dragger>
          </Space>
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Descriptions size="small" column={4} items={[
              { key: 'file', label: t.imports.fileName, children: batch.fileName },
              { key: 'kind', label: t.imports.kind, children: batch.kindLabel },
              { key: 'org', label: t.imports.org, children: batch.orgName },
              { key: 'status', label: t.imports.status, children: <Tag data-testid="import-status">{batch.statusLabel}</Tag> },
            ]} />
            {batch.message && batch.status === 'failed' ? <Alert type="error" showIcon title={batch.message} /> : null}
            {['uploaded', 'mapped', 'failed'].includes(batch.status) ? (
              <MappingStep batch={batch} onSaved={setBatch} onStarted={setJobId} />
            ) : null}
            {running ? <JobProgress id={running} onDone={onJobDone} /> : null}
            {batch.status === 'dry_run' && !running ? <ResultsStep batch={batch} onStarted={setJobId} /> : null}
            {batch.status === 'committed' ? <DoneStep batch={batch} /> : null}
            <Button onClick={() => { setBatch(null); setJobId(null); }} data-testid="import-restart">{t.imports.restart}</Button>
          </Space>
        )}
      </Card>
      <BatchList kind={kind} onOpen={(id) => void open(id, kind)} />
    </>
  );
}

function MappingStep({ batch, onSaved, onStarted }: { batch: Batch; onSaved: (b: Batch) => void; onStarted: (jobId: string) => void }) {
  const { message } = useNotify();
  const [mapping, setMapping] = useState<Record<string, number | null>>(() => Object.fromEntries(batch.fields.map((f) => [f.key, batch.mapping[f.key] ?? null])));
  const [confirmed, setConfirmed] = useState(batch.status === 'mapped');
  const columnOptions = [{ value: 0, label: t.imports.notMapped }, ...batch.headers.map((h) => ({ value: h.column, label: `${h.letter} · ${h.text}` }))];
  const save = useMutation({
    mutationFn: () => saveMapping(batch.kind, batch.id, mapping),
    onSuccess: (b) => { onSaved(b); setConfirmed(b.missing.length === 0); message.success(t.imports.mappingSaved); },
    onError: (e) => showError(e, message),
  });
  const dry = useMutation({
    mutationFn: () => startDryRun(batch.kind, batch.id),
    onSuccess: (r) => onStarted(r.jobId),
    onError: (e) => showError(e, message),
  });
  const missing = batch.fields.filter((f) => f.required && !mapping[f.key]).map((f) => f.label);
  const previewColumns = batch.headers.map((h, i) => ({ title: h.text, dataIndex: i, key: String(h.column), ellipsis: true, render: (_v: unknown, r: string[]) => r[i] }));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-mapping">
      <Typography.Text>
        {t.imports.sheet}{t.common.colon}{batch.sheetName} · {t.imports.headerRow}{t.common.colon}{t.imports.headerRowValue(batch.headerRow)}
      </Typography.Text>
      <div data-testid="import-headers">
        <Typography.Text type="secondary">{t.imports.detected}{t.common.colon}</Typography.Text>
        {batch.headers.map((h) => <Tag key={h.column}>{h.letter} {h.text}</Tag>)}
      </div>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={batch.fields}
        columns={[
          { title: t.imports.field, key: 'label', width: 200, render: (_v, f) => <Space>{f.label}{f.required ? <Tag color="red">{t.imports.required}</Tag> : null}</Space> },
          {
            title: t.imports.column, key: 'column',
            render: (_v, f) => (
              <Select
                style={{ width: 280 }}
                value={mapping[f.key] ?? 0}
                options={columnOptions}
                onChange={(v: number) => { setMapping({ ...mapping, [f.key]: v || null }); setConfirmed(false); }}
                data-testid={`import-map-${f.key}`}
              />
            ),
          },
        ]}
        data-testid="import-mapping-table"
      />
      {missing.length ? <Alert type="warning" showIcon title={t.imports.missing(missing.join(t.common.separator))} /> : null}
      {batch.preview.length ? (
        <>
          <Typography.Text type="secondary">{t.imports.preview}</Typography.Text>
          <Table size="small" rowKey={(_r, i) => String(i)} pagination={false} dataSource={batch.preview} columns={previewColumns} scroll={{ x: 'max-content' }} />
        </>
      ) : null}
      <Space>
        <Button type={confirmed ? 'default' : 'primary'} disabled={missing.length > 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="import-confirm-mapping">{t.imports.confirmMapping}</Button>
        <Button type="primary" disabled={!confirmed} loading={dry.isPending} onClick={() => dry.mutate()} data-testid="import-dry-run">{t.imports.dryRun}</Button>
        <Typography.Text type="secondary">{t.imports.dryRunHint}</Typography.Text>
      </Space>
    </Space>
  );
}

function CountsLine({ counts }: { counts: Counts }) {
  return (
    <Space size={32} wrap data-testid="import-counts">
      <Statistic title={t.imports.dataRows} value={counts.rows} />
      {outcomeOrder.map((o) => <Statistic key={o} title={t.imports.outcomes[o]} value={counts[o]} />)}
    </Space>
  );
}

function ResultsStep({ batch, onStarted }: { batch: Batch; onStarted: (jobId: string) => void }) {
  const { message, modal } = useNotify();
  const counts = batch.counts!;
  const commit = useMutation({
    mutationFn: () => startCommit(batch.kind, batch.id),
    onSuccess: (r) => onStarted(r.jobId),
    onError: (e) => showError(e, message),
  });
  const writable = counts.new + counts.update;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-results">
      <Typography.Title level={5} style={{ margin: 0 }}>{t.imports.results}</Typography.Title>
      <CountsLine counts={counts} />
      {counts.skipped ? <Typography.Text type="secondary">{t.imports.skipped(counts.skipped)}</Typography.Text> : null}
      <RowsTable batch={batch} />
      <Space>
        <Button icon={<DownloadOutlined />} onClick={() => downloadReport(batch.kind, batch.id).catch((e: unknown) => showError(e, message))} data-testid="import-report">{t.imports.report}</Button>
        <Button
          type="primary"
          disabled={writable === 0}
          loading={commit.isPending}
          onClick={() => modal.confirm({
            title: t.common.confirmTitle, content: t.imports.commitConfirm(counts.new, counts.update), okText: t.common.ok, cancelText: t.common.cancel,
            onOk: () => commit.mutateAsync().catch(() => undefined),
          })}
          data-testid="import-commit"
        >
          {t.imports.commit}
        </Button>
        {writable === 0 ? <Typography.Text type="secondary">{t.imports.nothingToCommit}</Typography.Text> : null}
      </Space>
    </Space>
  );
}

function RowsTable({ batch }: { batch: Batch }) {
  const [outcome, setOutcome] = useState<Outcome | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const rows = useQuery({
    queryKey: ['imports', 'rows', batch.id, batch.status, outcome, page, pageSize],
    queryFn: () => fetchRows(batch.kind, batch.id, outcome === 'all' ? undefined : outcome, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const counts = batch.counts!;
  const columns: TableColumnsType<RowResult> = [
    { title: t.imports.rowNumber, dataIndex: 'rowNumber', key: 'rowNumber', width: 70 },
    { title: t.imports.outcome, dataIndex: 'outcome', key: 'outcome', width: 90, render: (v: Outcome, r) => <Tag color={outcomeColors[v]}>{r.outcomeLabel}</Tag> },
    { title: t.imports.messages, dataIndex: 'messages', key: 'messages', render: (v: string[], r) => (
      <>
        {v.map((m) => <div key={m}>{m}</div>)}
        {r.currentUnion ? <Typography.Text type="secondary">{t.imports.currentUnion}{t.common.colon}{r.currentUnion}</Typography.Text> : null}
      </>
    ) },
    { title: t.imports.cells, dataIndex: 'cells', key: 'cells', ellipsis: true, render: (v: string[]) => v.filter(Boolean).join(' | ') },
  ];
  return (
    <>
      <Tabs
        activeKey={outcome}
        onChange={(k) => { setOutcome(k as Outcome | 'all'); setPage(1); }}
        items={[
          { key: 'all', label: `${t.common.all} ${counts.rows}` },
          ...outcomeOrder.map((o) => ({ key: o, label: `${t.imports.outcomes[o]} ${counts[o]}` })),
        ]}
        data-testid="import-outcome-tabs"
      />
      <Table<RowResult>
        rowKey="rowNumber"
        size="small"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.isFetching}
        pagination={{ current: page, pageSize, total: rows.data?.total ?? 0, showSizeChanger: true, size: 'small', showTotal: (n) => t.common.total(n), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        data-testid="import-rows"
      />
    </>
  );
}

function DoneStep({ batch }: { batch: Batch }) {
  const c = batch.counts!;
  return (
    <Result
      status="success"
      title={t.imports.committed}
      subTitle={<span data-testid="import-summary">{t.imports.summary(c.rows, c.new, c.update, c.unchanged, c.error)}</span>}
      extra={<RowsTable batch={batch} />}
    />
  );
}

function BatchList({ kind, onOpen }: { kind: ImportKind; onOpen: (id: string) => void }) {
  const table = useServerTable<BatchListItem>({ key: 'imports', url: batchesUrl(kind), defaultSort: '-createdAt', pageSize: 10 });
  const columns: TableColumnsType<BatchListItem> = [
    { title: t.imports.fileName, dataIndex: 'fileName', key: 'fileName', ellipsis: true, render: (v: string, r) => <a onClick={() => onOpen(r.id)}>{v}</a> },
    { title: t.imports.org, dataIndex: 'orgName', key: 'orgName', ellipsis: true },
    { title: t.imports.status, dataIndex: 'statusLabel', key: 'status', width: 100, render: (v: string) => <Tag>{v}</Tag> },
    {
      title: t.imports.counts, key: 'counts',
      render: (_v, r) => (r.counts ? outcomeOrder.filter((o) => r.counts![o]).map((o) => `${t.imports.outcomes[o]} ${r.counts![o]}`).join(t.common.separator) || t.common.dash : t.common.dash),
    },
    { title: t.imports.createdBy, dataIndex: 'createdBy', key: 'createdBy', width: 100 },
    { title: t.imports.createdAt, dataIndex: 'createdAt', key: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card size="small" title={t.imports.batches} style={{ marginTop: 16 }}>
      <Table<BatchListItem> rowKey="id" columns={columns} {...table.tableProps} data-testid="import-batches" />
    </Card>
  );
}
