import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Radio, Row, Select, Space, Table, Tag, Timeline, Typography, Upload,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { codeLabel } from '../../../../lib/code-tables';
import { codeOptions } from '../membership/api';
import { deleteFile, fetchArchive, handleObjection, hardshipKeys, runAction, uploadFile, type ActionName, type ArchiveDetail } from './api';
import { ArchiveFields, inputOf, valuesOf, type ArchiveFormValues } from './ArchiveForm';
import { LevelCalculation } from './LevelCalculation';
import { LevelTag, StatusTag } from './HardshipArchivesPage';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';

/** fen as yuan with two decimals: 1234567 → 12,345.67 */
const money = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
import { t } from '../../i18n';

/** One archive: the worker, the household, the figures and the level's calculation, documents, visit, 公示, timeline, and the flow's buttons. */
export function HardshipArchivePage() {
  const id = Number(useParams().id) || 0;
  const detail = useQuery({ queryKey: hardshipKeys.detail(id), queryFn: () => fetchArchive(id), enabled: id > 0 });
  if (detail.isPending) return <PageLoading />;
  if (detail.error) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  return <ArchiveBody a={detail.data} />;
}

const danger: ActionName[] = ['return', 'reject', 'exit'];

function ArchiveBody({ a }: { a: ArchiveDetail }) {
  const navigate = useNavigate();
  const [acting, setActing] = useState<ActionName | null>(null);
  const approveBlocked = a.actions.includes('approve') && (!a.noticeOver || a.objections.some((o) => !o.handledAt));
  const buttons = (
    <Space wrap>
      {a.canEdit ? <Button icon={<EditOutlined />} onClick={() => navigate(`/hardship/archives/${a.id}/edit`)} data-testid="archive-edit">{t.hardship.edit}</Button> : null}
      {a.actions.map((name) => (
        <Button
          key={name}
          type={danger.includes(name) ? 'default' : 'primary'}
          danger={danger.includes(name)}
          disabled={name === 'approve' && approveBlocked}
          onClick={() => setActing(name)}
          data-testid={`action-${name}`}
        >
          {t.hardship.actions[name]}
        </Button>
      ))}
    </Space>
  );
  const w = a.worker;
  return (
    <>
      <PageHeader
        title={<Space><Link to="/hardship/archives"><ArrowLeftOutlined /></Link>{a.member.name}<StatusTag status={a.status} /><LevelTag level={a.level} />{a.archiveNo ? <Typography.Text type="secondary" className="gh-mono" data-testid="archive-no">{a.archiveNo}</Typography.Text> : null}</Space>}
        extra={buttons}
      />
      {a.actions.includes('approve') ? <Alert style={{ marginBottom: 12 }} type={approveBlocked ? 'warning' : 'info'} showIcon message={t.hardship.approveHint(a.noticeEnd)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title={t.hardship.workerCard} data-testid="archive-worker">
              <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                { key: 'name', label: t.members.name, children: <Link to={`/members/${a.member.id}`}>{a.member.name}</Link> },
                { key: 'sex', label: t.members.sex, children: codeLabel('sex', a.member.sex) },
                { key: 'birth', label: t.members.birthDate, children: a.member.birthDate },
                { key: 'id', label: t.members.idNumber, children: <span className="gh-mono">{a.member.idNumber}</span> },
                { key: 'union', label: t.hardship.union, children: a.org.name },
                { key: 'ethnicity', label: t.members.ethnicity, children: w.ethnicity ? codeLabel('ethnicity', w.ethnicity) : t.common.dash },
                { key: 'work', label: t.hardship.workStatus, children: codeLabel('work_status', w.workStatus) },
                { key: 'health', label: t.hardship.health, children: codeLabel('hardship_health', w.health) },
                { key: 'disability', label: t.hardship.disability, children: codeLabel('disability_grade', w.disability) },
                { key: 'hukou', label: t.hardship.hukou, children: codeLabel('hukou_kind', w.hukou) },
                { key: 'housing', label: t.hardship.housing, children: codeLabel('housing_kind', w.housing) },
                { key: 'model', label: t.hardship.modelWorker, children: w.modelWorker ? t.common.yes : t.common.no },
                { key: 'employer', label: t.hardship.employerName, children: w.employerName ?? t.common.dash },
                { key: 'cond', label: t.hardship.employerCondition, children: codeLabel('employer_condition', w.employerCondition) },
                { key: 'bank', label: t.hardship.bankAccount, children: w.bankAccount ? `${w.bankName ?? ''} ${w.bankAccount}` : t.common.dash },
                { key: 'cause', label: t.hardship.mainCause, children: `${codeLabel('hardship_cause', a.mainCause)}${a.secondaryCause ? `、${codeLabel('hardship_cause', a.secondaryCause)}` : ''}` },
                { key: 'archived', label: t.hardship.archivedOn, children: a.archivedOn ?? t.common.dash },
                { key: 'due', label: t.hardship.nextReviewDue, children: a.nextReviewDue ?? t.common.dash },
                { key: 'situation', label: t.hardship.situation, span: 3, children: a.situation ?? t.common.dash },
              ]} />
            </Card>
            <Card size="small" title={`${t.hardship.householdCard}（${t.hardship.persons(a.figures.householdSize)}）`}>
              <Table size="small" rowKey="id" pagination={false} dataSource={a.household} data-testid="archive-household" columns={[
                { title: t.hardship.name, dataIndex: 'name', width: 90 },
                { title: t.hardship.relation, dataIndex: 'relation', width: 90, render: (v: string) => codeLabel('household_relation', v) },
                { title: t.hardship.idNumber, dataIndex: 'idNumber', width: 170, className: 'gh-mono', render: (v: string) => v || t.common.dash },
                { title: t.hardship.birthDate, dataIndex: 'birthDate', width: 100, render: (v: string | null) => v ?? t.common.dash },
                { title: t.hardship.incomeYear, dataIndex: 'incomeFen', align: 'right', render: (v: number) => money(v) },
                { title: t.hardship.health, dataIndex: 'health', render: (v: string) => codeLabel('hardship_health', v) },
                { title: t.hardship.insurance, dataIndex: 'insurance', render: (v: string) => codeLabel('insurance_kind', v) },
                { title: t.hardship.schoolStage, dataIndex: 'schoolStage', render: (v: string) => codeLabel('school_stage', v) },
              ]} />
            </Card>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t.hardship.financeCard} style={{ height: '100%' }}>
                  {a.lines.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
                    <Table size="small" rowKey="id" pagination={false} dataSource={a.lines} columns={[
                      { title: t.hardship.direction, dataIndex: 'direction', render: (v: string) => t.hardship.directions[v] },
                      { title: t.hardship.item, dataIndex: 'item', render: (v: string) => codeLabel('finance_item', v) },
                      { title: t.hardship.amountYear, dataIndex: 'amountFen', align: 'right', render: (v: number) => money(v) },
                      { title: t.hardship.note, dataIndex: 'note', render: (v: string | null) => v ?? '' },
                    ]} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t.hardship.calcTitle} data-testid="archive-calculation">
                  <LevelCalculation basis={a.levelBasis} />
                </Card>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t.hardship.visitCard} style={{ height: '100%' }} data-testid="archive-visit">
                  {a.visits.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.hardship.noVisit} /> : a.visits.map((v) => (
                    <Descriptions key={v.id} size="small" column={1} items={[
                      { key: 'date', label: t.hardship.visitDate, children: v.visitDate },
                      { key: 'who', label: t.hardship.visitors, children: v.visitors },
                      { key: 'found', label: t.hardship.findings, children: v.findings },
                      { key: 'concl', label: t.hardship.conclusion, children: <Tag color={v.conclusion === 'confirmed' ? 'green' : 'red'}>{t.hardship.conclusions[v.conclusion]}</Tag> },
                    ]} />
                  ))}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <NoticeCard a={a} />
              </Col>
            </Row>
            {a.closedReason ? <Alert type={a.status === 'resolved' ? 'success' : 'warning'} showIcon message={`${t.hardship.statuses[a.status]}（${a.closedOn ?? ''}）`} description={a.closedReason} /> : null}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title={t.hardship.timelineCard} data-testid="archive-timeline">
              <Timeline items={a.timeline.map((s) => ({
                key: s.id,
                color: s.step === 'reject' || s.step === 'exit' ? 'red' : s.step === 'return' ? 'orange' : s.step === 'approve' || s.step === 'resolve' ? 'green' : 'blue',
                content: (
                  <div data-testid={`timeline-${s.step}`}>
                    <Typography.Text strong>{t.hardship.steps[s.step] ?? s.step}</Typography.Text>
                    <div><Typography.Text type="secondary">{formatDateTime(s.at)}{s.actor ? ` · ${s.actor}` : ''}</Typography.Text></div>
                    {s.comment ? <div>{s.comment}</div> : null}
                  </div>
                ),
              }))} />
            </Card>
            <FilesCard a={a} />
          </Space>
        </Col>
      </Row>
      <ActionModal archive={a} action={acting} onClose={() => setActing(null)} />
    </>
  );
}

function NoticeCard({ a }: { a: ArchiveDetail }) {
  const [handling, setHandling] = useState<number | null>(null);
  return (
    <Card size="small" title={t.hardship.noticeCard} style={{ height: '100%' }} data-testid="archive-notice">
      <Typography.Paragraph>
        {a.noticeStart ? (
          <Space wrap>
            <span>{t.hardship.notice}：{t.hardship.range(a.noticeStart, a.noticeEnd)}</span>
            {a.status === 'notice' ? <Tag color={a.noticeOver ? 'green' : 'gold'}>{a.noticeOver ? t.hardship.noticeOver : t.hardship.noticeOpen(a.noticeEnd ?? '')}</Tag> : null}
          </Space>
        ) : <Typography.Text type="secondary">{t.hardship.notYetNotice}</Typography.Text>}
      </Typography.Paragraph>
      {a.noticeStart && a.objections.length === 0 ? <Typography.Text type="secondary">{t.hardship.noObjection}</Typography.Text> : null}
      {a.objections.length === 0 ? null : <List size="small" dataSource={a.objections} renderItem={(o) => (
        <List.Item actions={!o.handledAt && a.canHandleObjections ? [<Button key="h" size="small" onClick={() => setHandling(o.id)} data-testid={`objection-handle-${o.id}`}>{t.hardship.handle}</Button>] : []}>
          <List.Item.Meta
            title={<Space><span>{o.content}</span>{o.hasContact ? <Tag>{t.hardship.hasContact}</Tag> : null}</Space>}
            description={<>
              <div>{t.hardship.objectionReceived}：{formatDateTime(o.receivedAt)}</div>
              {o.handledAt ? <div>{t.hardship.objectionHandled}：{o.handlingNote}（{o.handledBy ?? ''} {formatDateTime(o.handledAt)}）</div> : <Tag color="orange">{t.hardship.objectionPending}</Tag>}
            </>}
          />
        </List.Item>
      )} />}
      <HandleModal archiveId={a.id} objectionId={handling} onClose={() => setHandling(null)} />
    </Card>
  );
}

function HandleModal({ archiveId, objectionId, onClose }: { archiveId: number; objectionId: number | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { note: string }) => handleObjection(objectionId!, v.note),
    onSuccess: async () => { message.success(t.hardship.handled); await queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(archiveId) }); onClose(); },
    onError,
  });
  return (
    <Modal open={objectionId !== null} title={t.hardship.handleTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.common.ok} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="objection-handle" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={t.hardship.objectionHandled} rules={[{ required: true, whitespace: true, message: t.common.required(t.hardship.objectionHandled) }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FilesCard({ a }: { a: ArchiveDetail }) {
  const queryClient = useQueryClient();
  const { message, modal } = useNotify();
  const [kind, setKind] = useState('diagnosis');
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(a.id) });
  const remove = useMutation({ mutationFn: (id: number) => deleteFile(id), onSuccess: refresh, onError: (e) => showError(e, message) });
  return (
    <Card size="small" title={t.hardship.filesCard} data-testid="archive-files">
      {a.canUpload ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
          <Space wrap>
            <Select value={kind} onChange={setKind} options={codeOptions('hardship_document')} style={{ width: 120 }} aria-label={t.hardship.uploadKind} />
            <Upload
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              customRequest={async ({ file, onSuccess, onError }) => {
                setBusy(true);
                try {
                  await uploadFile(a.id, file as File, kind);
                  message.success(t.hardship.uploaded);
                  await refresh();
                  onSuccess?.({});
                } catch (e) {
                  showError(e, message);
                  onError?.(e as Error);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy} data-testid="file-upload">{t.hardship.upload}</Button>
            </Upload>
          </Space>
          <Typography.Text type="secondary">{t.hardship.uploadHint}</Typography.Text>
        </Space>
      ) : null}
      <List size="small" dataSource={a.files} locale={{ emptyText: t.hardship.noFiles }} renderItem={(f) => (
        <List.Item actions={[
          <a key="d" href={`/api/hardship/files/${f.id}`} download={f.name} aria-label={t.hardship.download}><DownloadOutlined /></a>,
          ...(a.canEdit ? [<a key="x" aria-label={t.hardship.deleteFile} onClick={() => modal.confirm({ title: t.common.confirmTitle, content: t.hardship.deleteFileConfirm(f.name), okText: t.common.ok, cancelText: t.common.cancel, onOk: () => remove.mutateAsync(f.id).catch(() => undefined) })}><DeleteOutlined /></a>] : []),
        ]}>
          <List.Item.Meta title={<Space><Tag>{codeLabel('hardship_document', f.kind ?? 'other')}</Tag><span>{f.name}</span></Space>} description={`${(f.size / 1024).toFixed(0)} KB · ${f.createdByName ?? ''} · ${formatDateTime(f.createdAt)}`} />
        </List.Item>
      )} />
    </Card>
  );
}

interface ActionValues extends Partial<ArchiveFormValues> { comment?: string; reason?: string; visitDate?: Dayjs; visitors?: string; findings?: string; conclusion?: 'confirmed' | 'discrepancy' }

function ActionModal({ archive, action, onClose }: { archive: ArchiveDetail; action: ActionName | null; onClose: () => void }) {
  const [form] = Form.useForm<ActionValues>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const label = action ? t.hardship.actions[action] : '';
  const save = useMutation({
    mutationFn: (v: ActionValues) => {
      const act = action!;
      if (act === 'return' || act === 'reject' || act === 'exit') return runAction(archive.id, act, { reason: v.reason ?? '' });
      if (act === 'visit') return runAction(archive.id, act, { visitDate: v.visitDate?.format('YYYY-MM-DD'), visitors: v.visitors, findings: v.findings, conclusion: v.conclusion, comment: v.comment || null });
      if (act === 'yearly_review') return runAction(archive.id, act, { ...inputOf(v as ArchiveFormValues, archive), comment: v.comment || null });
      return runAction(archive.id, act, { comment: v.comment || null });
    },
    onSuccess: async (d) => {
      queryClient.setQueryData(hardshipKeys.detail(archive.id), d);
      await queryClient.invalidateQueries({ queryKey: hardshipKeys.all });
      message.success(t.hardship.actionDone(label));
      onClose();
    },
    onError,
  });
  const needsReason = action === 'return' || action === 'reject' || action === 'exit';
  // one form for every action: each opening starts from that action's values
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue(action === 'yearly_review' ? valuesOf(archive) : action === 'visit' ? { visitDate: dayjs(archive.today), conclusion: 'confirmed' } : {});
  }, [action, archive, form]);
  return (
    <Modal
      open={action !== null}
      title={`${label}：${archive.member.name}`}
      width={action === 'yearly_review' ? 1200 : 560}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      okButtonProps={{ danger: needsReason, ...({ 'data-testid': 'action-confirm' } as object) }}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        name={`hardship-${action ?? 'none'}`}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
      >
        {action === 'notice' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.hardship.noticeHint} /> : null}
        {action === 'visit' ? (
          <>
            <Form.Item name="visitDate" label={t.hardship.visitDate} rules={[{ required: true, message: t.common.required(t.hardship.visitDate) }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(archive.today), 'day')} /></Form.Item>
            <Form.Item name="visitors" label={t.hardship.visitors} rules={[{ required: true, whitespace: true, message: t.common.required(t.hardship.visitors) }]}><Input maxLength={200} data-testid="visit-visitors" /></Form.Item>
            <Form.Item name="findings" label={t.hardship.findings} rules={[{ required: true, whitespace: true, message: t.common.required(t.hardship.findings) }]}><Input.TextArea rows={3} maxLength={2000} data-testid="visit-findings" /></Form.Item>
            <Form.Item name="conclusion" label={t.hardship.conclusion} rules={[{ required: true, message: t.common.required(t.hardship.conclusion) }]}>
              <Radio.Group options={Object.entries(t.hardship.conclusions).map(([value, l]) => ({ value, label: l }))} />
            </Form.Item>
          </>
        ) : null}
        {action === 'yearly_review' ? <ArchiveFields form={form as never} bankOnFile={archive.worker.bankAccount} /> : null}
        {needsReason ? (
          <Form.Item name="reason" label={t.hardship.reason} rules={[{ required: true, whitespace: true, message: t.hardship.reasonRequired }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="comment" label={t.hardship.comment}><Input.TextArea rows={2} maxLength={1000} data-testid="action-comment" /></Form.Item>
        )}
      </Form>
    </Modal>
  );
}
