import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { codeOptions, createPair, fetchRounds, helperCandidates, pairingKeys, searchArchivedHouseholds } from './api';
import { RoundSelect } from './PairsPage';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface NewPairForm {
  roundId: number; archiveId: number; helperKind: 'cadre' | 'unit'; helperUserId?: number; helperName?: string; helperPosition?: string;
  helperUnit?: string; contactName?: string; contactPhone?: string; startDate: Dayjs; goals?: string;
}

/** 新建结对: an archived household, a cadre (with or without an account) or a unit, in a round. */
export function NewPairPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const [form] = Form.useForm<NewPairForm>();
  const onError = useErrorHandler(form);
  const kind = Form.useWatch('helperKind', form) ?? 'cadre';
  const [householdQ, setHouseholdQ] = useState('');
  const [userQ, setUserQ] = useState('');
  const rounds = useQuery({ queryKey: pairingKeys.rounds, queryFn: fetchRounds, staleTime: 60_000 });
  const households = useQuery({ queryKey: ['pairing', 'households', householdQ], queryFn: () => searchArchivedHouseholds(householdQ) });
  const users = useQuery({ queryKey: ['pairing', 'helpers', userQ], queryFn: () => helperCandidates(userQ), enabled: kind === 'cadre' });
  const current = rounds.data?.items.find((r) => r.isCurrent);
  // the current round is the usual choice: preselect it once the rounds are in
  useEffect(() => {
    if (current && !form.getFieldValue('roundId')) form.setFieldsValue({ roundId: current.id });
  }, [current, form]);

  const save = useMutation({
    mutationFn: (v: NewPairForm) => createPair({
      roundId: v.roundId, archiveId: v.archiveId, helperKind: v.helperKind,
      helperUserId: v.helperKind === 'cadre' ? v.helperUserId ?? null : null,
      helperName: v.helperName || null, helperPosition: v.helperKind === 'cadre' ? v.helperPosition || null : null, helperUnit: v.helperUnit || null,
      contactName: v.contactName || null, contactPhone: v.contactPhone || null, startDate: v.startDate.format('YYYY-MM-DD'), goals: v.goals || null,
    }),
    onSuccess: async (pair) => {
      message.success(t.pairing.created);
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
      navigate(`/pairing/${pair.id}`);
    },
    onError,
  });

  return (
    <>
      <PageHeader title={<Space><Link to="/pairing"><ArrowLeftOutlined /></Link>{t.pairing.newTitle}</Space>} />
      <Card size="small" style={{ maxWidth: 760 }}>
        <Form form={form} name="new-pair" layout="vertical" onFinish={(v) => save.mutate(v)}
          initialValues={{ helperKind: 'cadre', startDate: dayjs() }}>
          <Form.Item name="roundId" label={t.pairing.round} rules={[{ required: true, message: t.common.select(t.pairing.round) }]}>
            <RoundSelect style={{ width: 240 }} placeholder={t.common.select(t.pairing.round)} data-testid="new-pair-round" />
          </Form.Item>
          <Form.Item name="archiveId" label={t.pairing.chooseHousehold} rules={[{ required: true, message: t.common.select(t.pairing.household) }]}>
            <Select showSearch={{ filterOption: false, onSearch: setHouseholdQ }} placeholder={t.pairing.householdPlaceholder} loading={households.isFetching}
              options={(households.data ?? []).map((h) => ({ value: h.id, label: h.label }))} data-testid="new-pair-household" />
          </Form.Item>
          <Form.Item name="helperKind" label={t.pairing.helperKind}>
            <Radio.Group options={codeOptions('pairing_helper_kind')} optionType="button" />
          </Form.Item>
          {kind === 'cadre' ? (
            <>
              <Form.Item name="helperUserId" label={t.pairing.chooseHelperUser}>
                <Select allowClear showSearch={{ filterOption: false, onSearch: setUserQ }} placeholder={t.pairing.helperUserPlaceholder}
                  options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.orgName}` }))}
                  onChange={(id: number | undefined) => {
                    const u = users.data?.items.find((x) => x.id === id);
                    if (u && !form.getFieldValue('helperName')) form.setFieldsValue({ helperName: u.name, helperUnit: u.orgName });
                  }} />
              </Form.Item>
              <Space size={12} wrap>
                <Form.Item name="helperName" label={t.pairing.helperName} rules={[{ required: true, whitespace: true, message: t.common.required(t.pairing.helperName) }]}>
                  <Input maxLength={100} style={{ width: 160 }} data-testid="new-pair-helper-name" />
                </Form.Item>
                <Form.Item name="helperPosition" label={t.pairing.position}><Input maxLength={100} style={{ width: 180 }} /></Form.Item>
                <Form.Item name="helperUnit" label={t.pairing.unit}><Input maxLength={100} style={{ width: 260 }} /></Form.Item>
              </Space>
            </>
          ) : (
            <Form.Item name="helperName" label={t.pairing.unitName} rules={[{ required: true, whitespace: true, message: t.common.required(t.pairing.unitName) }]}>
              <Input maxLength={100} data-testid="new-pair-unit-name" />
            </Form.Item>
          )}
          <Space size={12} wrap>
            <Form.Item name="contactName" label={t.pairing.contactName}><Input maxLength={50} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="contactPhone" label={t.pairing.contactPhone}><Input maxLength={20} style={{ width: 180 }} /></Form.Item>
            <Form.Item name="startDate" label={t.pairing.startDate} rules={[{ required: true, message: t.common.select(t.pairing.startDate) }]}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="goals" label={t.pairing.goals}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="new-pair-save">{t.common.save}</Button>
            <Button onClick={() => navigate('/pairing')}>{t.common.cancel}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
