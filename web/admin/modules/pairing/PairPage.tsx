import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button, Card, Col, DatePicker, Descriptions, Empty, Form, Image, Input, InputNumber, Modal, Row, Select, Space, Tag, Timeline, Typography, Upload,
  type UploadFile,
} from 'antd';
import { ArrowLeftOutlined, CameraOutlined, CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  addVisit, codeOptions, endPair, fetchPair, pairingKeys, photoUrl, revealContactPhone, saveResult, updatePair, uploadPhoto, yuan, type PairDetail,
} from './api';
import { PairStatusTag } from './PairsPage';
import { isApiError } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading, QueryError } from '../../components/status';
import { showError, useErrorHandler, useNotify } from '../../components/use-notify';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';

/** One pair: the household, its helper, the goals, the visits with their photos, the results. */
export function PairPage() {
  const id = Number(useParams().id) || 0;
  const detail = useQuery({ queryKey: pairingKeys.detail(id), queryFn: () => fetchPair(id), enabled: id > 0 });
  if (detail.isPending) return <PageLoading />;
  if (detail.error) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  return <PairBody pair={detail.data} />;
}

function PairBody({ pair }: { pair: PairDetail }) {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [visiting, setVisiting] = useState(false);
  const [resulting, setResulting] = useState(false);
  const [ending, setEnding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const writable = can('pairing:write');
  const active = pair.status === 'active';
  const h = pair.household;
  const refresh = () => queryClient.invalidateQueries({ queryKey: pairingKeys.all });
  const reveal = useMutation({ mutationFn: () => revealContactPhone(pair.id), onSuccess: (r) => setPhone(r.phone), onError: (e) => showError(e, message) });

  const actions = writable ? (
    <Space wrap>
      {active ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setVisiting(true)} data-testid="pair-add-visit">{t.pairing.addVisit}</Button> : null}
      <Button icon={<TrophyOutlined />} onClick={() => setResulting(true)} data-testid="pair-result">{t.pairing.editResult}</Button>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="pair-edit">{t.pairing.edit}</Button>
      {active ? <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)} data-testid="pair-end">{t.pairing.end}</Button> : null}
    </Space>
  ) : null;

  return (
    <>
      <PageHeader
        title={<Space><Link to="/pairing"><ArrowLeftOutlined /></Link><span data-testid="pair-title">{t.pairing.pairPage(h.workerName, pair.helper.name)}</span><PairStatusTag status={pair.status} label={pair.statusLabel} /></Space>}
        extra={actions}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t.pairing.household} data-testid="pair-household"
            extra={<Link to={`/hardship/archives/${h.archiveId}`} data-testid="pair-archive-link">{t.pairing.openArchive}</Link>}>
            <Descriptions size="small" column={2} items={[
              { key: 'worker', label: t.pairing.worker, children: <Link to={`/members/${h.memberId}`}>{h.workerName}</Link> },
              { key: 'level', label: t.pairing.archiveLevel, children: h.levelLabel ?? t.common.dash },
              { key: 'org', label: t.pairing.org, children: h.orgName },
              { key: 'township', label: t.pairing.township, children: h.townshipName ?? t.common.dash },
              { key: 'archive', label: t.pairing.archiveStatus, children: h.archiveStatusLabel ?? t.common.dash },
              { key: 'round', label: t.pairing.round, children: pair.round.name },
            ]} />
          </Card>
          <Card size="small" title={t.pairing.visits} style={{ marginTop: 16 }} data-testid="pair-visits"
            extra={<Tag color={pair.visitedThisQuarter ? 'green' : 'red'} data-testid="pair-quarter-tag">
              {pair.visitedThisQuarter ? t.pairing.visitedThisQuarter(pair.quarter.label) : t.pairing.notVisitedThisQuarter(pair.quarter.label)}
            </Tag>}>
            {pair.visits.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.pairing.visitsEmpty} /> : (
              <Timeline items={pair.visits.map((v) => ({
                key: v.id,
                color: 'green',
                children: (
                  <div data-testid={`visit-${v.id}`}>
                    <Space wrap size={4}>
                      <Typography.Text strong>{v.visitDate}</Typography.Text>
                      {v.kindLabels.map((k) => <Tag key={k} color="blue">{k}</Tag>)}
                      {v.amountFen ? <Tag color="gold">{`${t.pairing.amount} ${yuan(v.amountFen)} 元`}</Tag> : null}
                    </Space>
                    <div><Typography.Text type="secondary">{`${t.pairing.visitors}${t.common.colon}`}</Typography.Text>{v.visitors}</div>
                    {v.note ? <div>{v.note}</div> : null}
                    {v.photos.length ? (
                      <Image.PreviewGroup>
                        <Space wrap size={8} style={{ marginTop: 6 }}>
                          {v.photos.map((p) => (
                            <Image key={p.id} src={photoUrl(p.id)} alt={p.name} width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} data-testid={`visit-photo-${p.id}`} />
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    ) : null}
                    <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.pairing.recordedBy(v.recordedBy ?? t.common.dash, formatDateTime(v.createdAt))}</Typography.Text></div>
                  </div>
                ),
              }))} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t.pairing.helperSection} data-testid="pair-helper">
            <Descriptions size="small" column={1} items={[
              { key: 'kind', label: t.pairing.helperKind, children: pair.helper.kindLabel },
              { key: 'name', label: t.pairing.helper, children: pair.helper.name },
              ...(pair.helper.position ? [{ key: 'position', label: t.pairing.position, children: pair.helper.position }] : []),
              ...(pair.helper.unit ? [{ key: 'unit', label: t.pairing.unit, children: pair.helper.unit }] : []),
              ...(pair.helper.contactName ? [{ key: 'contact', label: t.pairing.contactName, children: pair.helper.contactName }] : []),
              ...(pair.helper.contactPhone ? [{
                key: 'phone', label: t.pairing.contactPhone,
                children: <Space>{phone ?? pair.helper.contactPhone}{writable && !phone ? <Button size="small" type="link" onClick={() => reveal.mutate()}>{t.pairing.reveal}</Button> : null}</Space>,
              }] : []),
              { key: 'start', label: t.pairing.startDate, children: pair.startDate },
              ...(pair.endedOn ? [{ key: 'ended', label: t.pairing.endedOn, children: `${pair.endedOn}${pair.endReason ? `（${pair.endReason}）` : ''}` }] : []),
            ]} />
          </Card>
          <Card size="small" title={t.pairing.goalsSection} style={{ marginTop: 16 }}>
            {pair.goals ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{pair.goals}</Typography.Paragraph> : <Typography.Text type="secondary">{t.pairing.goalsEmpty}</Typography.Text>}
          </Card>
          <Card size="small" title={t.pairing.resultSection} style={{ marginTop: 16 }} data-testid="pair-result-card">
            {pair.result.outcome ? (
              <>
                <Tag color={pair.result.outcome === 'out_of_hardship' ? 'green' : pair.result.outcome === 'improved' ? 'blue' : 'orange'} icon={<CheckCircleOutlined />}>{pair.result.outcomeLabel}</Tag>
                {pair.result.text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{pair.result.text}</Typography.Paragraph> : null}
              </>
            ) : <Typography.Text type="secondary">{t.pairing.resultEmpty}</Typography.Text>}
          </Card>
          <Card size="small" title={t.pairing.timeline} style={{ marginTop: 16 }}>
            <Timeline items={pair.timeline.map((s, i) => ({
              key: i,
              children: (
                <>
                  <div>{s.comment}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${s.actor ?? ''} · ${formatDateTime(s.at)}`}</Typography.Text>
                </>
              ),
            }))} />
          </Card>
        </Col>
      </Row>
      <VisitModal pair={pair} open={visiting} onClose={() => setVisiting(false)} onDone={refresh} />
      <ResultModal pair={pair} open={resulting} onClose={() => setResulting(false)} onDone={refresh} />
      <EndModal pair={pair} open={ending} onClose={() => setEnding(false)} onDone={refresh} />
      <EditModal pair={pair} open={editing} onClose={() => setEditing(false)} onDone={refresh} />
    </>
  );
}

interface VisitForm { visitedOn: Dayjs; visitParty: string; visitKinds: string[]; note?: string; amountYuan?: number | null }

/** 登记走访: the visit first, then its photos one by one; a refused photo leaves the visit recorded. */
function VisitModal({ pair, open, onClose, onDone }: { pair: PairDetail; open: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<VisitForm>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const save = useMutation({
    mutationFn: async (v: VisitForm) => {
      const visit = await addVisit(pair.id, {
        visitedOn: v.visitedOn.format('YYYY-MM-DD'), visitParty: v.visitParty, visitKinds: v.visitKinds, note: v.note || null,
        amountFen: v.amountYuan === undefined || v.amountYuan === null ? null : Math.round(v.amountYuan * 100),
      });
      const failed: string[] = [];
      for (const f of files) {
        try {
          await uploadPhoto(visit.id, f.originFileObj as File);
        } catch (e) {
          failed.push(t.pairing.photoFailed(f.name, isApiError(e) ? e.message : String(e)));
        }
      }
      return failed;
    },
    onSuccess: async (failed) => {
      if (failed.length) message.warning(failed.join(t.common.listSeparator));
      else message.success(t.pairing.visitSaved);
      await onDone();
      setFiles([]);
      form.resetFields();
      onClose();
    },
    onError,
  });
  return (
    <Modal open={open} title={t.pairing.addVisit} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel}
      confirmLoading={save.isPending} destroyOnHidden forceRender width={600} okButtonProps={{ id: 'visit-save' }}>
      <Form form={form} name="visit" layout="vertical" initialValues={{ visitedOn: dayjs(), visitParty: pair.helper.kind === 'cadre' ? pair.helper.name : undefined }} onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="visitedOn" label={t.pairing.visitDate} rules={[{ required: true, message: t.common.select(t.pairing.visitDate) }]}>
              <DatePicker style={{ width: '100%' }} data-testid="visit-date" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="visitParty" label={t.pairing.visitors} rules={[{ required: true, whitespace: true, message: t.common.required(t.pairing.visitors) }]}>
              <Input maxLength={200} data-testid="visit-visitors" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="visitKinds" label={t.pairing.visitKinds} rules={[{ required: true, message: t.common.select(t.pairing.visitKinds) }]}>
          <Select mode="multiple" options={codeOptions('pairing_visit_kind')} data-testid="visit-kinds" />
        </Form.Item>
        <Form.Item name="amountYuan" label={t.pairing.amountYuan}>
          <InputNumber min={0} max={1_000_000} precision={2} style={{ width: 200 }} data-testid="visit-amount" />
        </Form.Item>
        <Form.Item name="note" label={t.pairing.visitNote}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="visit-note" />
        </Form.Item>
        <Form.Item label={t.pairing.photos} extra={t.pairing.photosHint}>
          <Upload listType="picture" multiple accept="image/png,image/jpeg" fileList={files}
            beforeUpload={(file) => { setFiles((fs) => [...fs, { uid: file.uid, name: file.name, status: 'done', originFileObj: file }]); return false; }}
            onRemove={(f) => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}>
            <Button icon={<CameraOutlined />} data-testid="visit-photos">{t.pairing.choosePhotos}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultModal({ pair, open, onClose, onDone }: { pair: PairDetail; open: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<{ resultOutcome: string; resultText?: string }>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { resultOutcome: string; resultText?: string }) => saveResult(pair.id, { resultOutcome: v.resultOutcome, resultText: v.resultText || null }),
    onSuccess: async () => { message.success(t.pairing.resultSaved); await onDone(); onClose(); },
    onError,
  });
  return (
    <Modal open={open} title={t.pairing.editResult} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="result" layout="vertical" initialValues={{ resultOutcome: pair.result.outcome ?? undefined, resultText: pair.result.text ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="resultOutcome" label={t.pairing.outcome} rules={[{ required: true, message: t.common.select(t.pairing.outcome) }]}>
          <Select options={codeOptions('pairing_outcome')} data-testid="result-outcome" />
        </Form.Item>
        <Form.Item name="resultText" label={t.pairing.outcomeText}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndModal({ pair, open, onClose, onDone }: { pair: PairDetail; open: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<{ endedOn: Dayjs; endReason: string }>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: { endedOn: Dayjs; endReason: string }) => endPair(pair.id, { endedOn: v.endedOn.format('YYYY-MM-DD'), endReason: v.endReason }),
    onSuccess: async () => { message.success(t.pairing.ended); await onDone(); onClose(); },
    onError,
  });
  return (
    <Modal open={open} title={t.pairing.endTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.pairing.end} okButtonProps={{ danger: true }} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="end" layout="vertical" initialValues={{ endedOn: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="endedOn" label={t.pairing.endedOn} rules={[{ required: true, message: t.common.select(t.pairing.endedOn) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endReason" label={t.pairing.endReason} rules={[{ required: true, whitespace: true, message: t.common.required(t.pairing.endReason) }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditForm { helperName: string; helperPosition?: string; helperUnit?: string; contactName?: string; contactPhone?: string; goals?: string }

function EditModal({ pair, open, onClose, onDone }: { pair: PairDetail; open: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const [form] = Form.useForm<EditForm>();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const save = useMutation({
    mutationFn: (v: EditForm) => updatePair(pair.id, {
      helperName: v.helperName, helperPosition: v.helperPosition || null, helperUnit: v.helperUnit || null, contactName: v.contactName || null,
      // the masked number shown stays unchanged unless a new one is typed
      ...(v.contactPhone && !v.contactPhone.includes('*') ? { contactPhone: v.contactPhone } : {}),
      goals: v.goals || null,
    }),
    onSuccess: async () => { message.success(t.common.saved); await onDone(); onClose(); },
    onError,
  });
  const cadre = pair.helper.kind === 'cadre';
  return (
    <Modal open={open} title={t.pairing.editTitle} onCancel={onClose} onOk={() => form.submit()} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={save.isPending} destroyOnHidden forceRender>
      <Form form={form} name="pair-edit" layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{
        helperName: pair.helper.name, helperPosition: pair.helper.position ?? undefined, helperUnit: pair.helper.unit ?? undefined,
        contactName: pair.helper.contactName ?? undefined, contactPhone: pair.helper.contactPhone ?? undefined, goals: pair.goals ?? undefined,
      }}>
        <Form.Item name="helperName" label={cadre ? t.pairing.helperName : t.pairing.unitName} rules={[{ required: true, whitespace: true, message: t.common.required(t.pairing.helper) }]}>
          <Input maxLength={100} />
        </Form.Item>
        {cadre ? <Form.Item name="helperPosition" label={t.pairing.position}><Input maxLength={100} /></Form.Item> : null}
        {cadre ? <Form.Item name="helperUnit" label={t.pairing.unit}><Input maxLength={100} /></Form.Item> : null}
        <Form.Item name="contactName" label={t.pairing.contactName}><Input maxLength={50} /></Form.Item>
        <Form.Item name="contactPhone" label={t.pairing.contactPhone}><Input maxLength={20} /></Form.Item>
        <Form.Item name="goals" label={t.pairing.goals}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
