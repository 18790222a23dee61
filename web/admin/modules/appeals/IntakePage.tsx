import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { codeOptions } from '../membership/api';
import { EmployerSelect } from '../membership/EmployerSelect';
import { appealKeys, createTicket } from './api';
import { MemberSelect } from './MemberSelect';
import { useAuth } from '../../auth';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

const tx = t.appeals;

interface IntakeForm {
  orgId: number;
  channel: string;
  type: string;
  subject: string;
  tier: string;
  workersAffected: number;
  amountYuan?: number | null;
  employerMode: 'registered' | 'free';
  employerId?: number | null;
  employerName?: string;
  workerMode: 'member' | 'free';
  memberId?: number | null;
  workerName?: string;
  phone?: string;
  idNumber?: string;
  content: string;
}

/** 受理: one form laid out for a phone call — what, who, against whom, what happened. */
export function IntakePage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [form] = Form.useForm<IntakeForm>();
  const onError = useErrorHandler(form);
  const [employerMode, setEmployerMode] = useState<'registered' | 'free'>('registered');
  const [workerMode, setWorkerMode] = useState<'member' | 'free'>('free');
  const save = useMutation({
    mutationFn: (v: IntakeForm) => createTicket({
      orgId: v.orgId, channel: v.channel, type: v.type, subject: v.subject, tier: v.tier, workersAffected: v.workersAffected,
      amountFen: v.amountYuan == null ? null : Math.round(v.amountYuan * 100),
      employerId: v.employerMode === 'registered' ? v.employerId ?? null : null,
      employerName: v.employerMode === 'free' ? v.employerName || null : null,
      memberId: v.workerMode === 'member' ? v.memberId ?? null : null,
      workerName: v.workerMode === 'free' ? v.workerName || null : null,
      phone: v.phone || null, idNumber: v.workerMode === 'free' ? v.idNumber || null : null, content: v.content,
    }),
    onSuccess: async (ticket) => {
      message.success(tx.created(ticket.ticketNo));
      if (ticket.warnings.length) message.warning(tx.warningRaised);
      await queryClient.invalidateQueries({ queryKey: appealKeys.all });
      await queryClient.invalidateQueries({ queryKey: appealKeys.warnings });
      navigate(`/appeals/${ticket.id}`);
    },
    onError,
  });

  return (
    <>
      <PageHeader title={<Space><a onClick={() => navigate('/appeals')}><ArrowLeftOutlined /></a>{tx.intakeTitle}</Space>} />
      <Card size="small">
        <Form<IntakeForm>
          form={form}
          name="appeal-intake"
          layout="vertical"
          initialValues={{ orgId: me.user.orgId, channel: 'phone', type: 'help', subject: 'wage_arrears', tier: 'ordinary', workersAffected: 1, employerMode: 'registered', workerMode: 'free' }}
          onFinish={(v) => save.mutate(v)}
          data-testid="intake-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={6}><Form.Item name="channel" label={tx.channel} rules={[{ required: true }]}><Select options={codeOptions('appeal_channel').filter((o) => o.value !== 'portal')} data-testid="intake-channel" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="type" label={tx.type} rules={[{ required: true }]}><Select options={codeOptions('appeal_type')} data-testid="intake-type" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="subject" label={tx.subject} rules={[{ required: true }]}><Select options={codeOptions('appeal_subject')} data-testid="intake-subject" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="tier" label={tx.tier} rules={[{ required: true }]}><Select options={codeOptions('difficulty_tier')} data-testid="intake-tier" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="workersAffected" label={tx.workers} rules={[{ required: true }]}><InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="intake-workers" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="amountYuan" label={tx.amount}><InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="intake-amount" /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="orgId" label={tx.desk} rules={[{ required: true }]}><OrgTreeSelect valueLabel={me.user.orgName} /></Form.Item></Col>

            <Col xs={24} md={12}>
              <Form.Item name="employerMode" label={tx.employer}>
                <Radio.Group onChange={(e) => setEmployerMode(e.target.value)} options={[{ value: 'registered', label: tx.employerRegistered }, { value: 'free', label: tx.employerFree }]} />
              </Form.Item>
              {employerMode === 'registered'
                ? <Form.Item name="employerId"><EmployerSelect testId="intake-employer" /></Form.Item>
                : <Form.Item name="employerName"><Input maxLength={200} data-testid="intake-employer-name" /></Form.Item>}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="workerMode" label={tx.worker}>
                <Radio.Group onChange={(e) => setWorkerMode(e.target.value)} options={[{ value: 'free', label: tx.notMember }, { value: 'member', label: tx.isMember }]} />
              </Form.Item>
              {workerMode === 'member' ? (
                <Form.Item name="memberId"><MemberSelect testId="intake-member" /></Form.Item>
              ) : (
                <Row gutter={8}>
                  <Col span={8}><Form.Item name="workerName" label={tx.workerName}><Input maxLength={50} data-testid="intake-worker-name" /></Form.Item></Col>
                  <Col span={8}><Form.Item name="idNumber" label={tx.idNumber}><Input maxLength={18} data-testid="intake-id-number" /></Form.Item></Col>
                </Row>
              )}
              <Form.Item name="phone" label={tx.phone}><Input maxLength={20} style={{ maxWidth: 240 }} data-testid="intake-phone" /></Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="content" label={tx.content} rules={[{ required: true, whitespace: true, message: t.common.required(tx.content) }]}>
                <Input.TextArea rows={4} maxLength={5000} placeholder={tx.contentPlaceholder} data-testid="intake-content" />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="intake-submit">{tx.intake}</Button>
            <Button onClick={() => navigate('/appeals')}>{t.common.cancel}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
