import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { codeOptions } from '../membership/api';
import { fenToYuan, previewLevel, yuanToFen, type ArchiveDetail, type ArchiveInput, type LevelBasis } from './api';
import { LevelCalculation } from './LevelCalculation';
import { t } from '../../i18n';

/** The form's values: money in yuan (the API takes fen), dates as dayjs. */
export interface ArchiveFormValues {
  health: string; disability: string; workStatus: string; hukou: string; housing: string; employerName?: string; employerCondition: string;
  modelWorker: boolean; address?: string; mainCause: string; secondaryCause?: string | null; situation?: string; bankName?: string; bankAccount?: string;
  household: { id?: number; name: string; relation: string; idNumber?: string; birthDate?: Dayjs | null; income?: number; health: string; insurance: string; schoolStage: string; occupation?: string }[];
  lines: { direction: 'income' | 'expense' | 'hardship_cost'; item: string; amount?: number; note?: string }[];
}

export const emptyArchiveValues: ArchiveFormValues = {
  health: 'healthy', disability: 'none', workStatus: 'employed', hukou: 'urban', housing: 'own', employerCondition: 'normal', modelWorker: false,
  mainCause: 'illness', secondaryCause: null,
  household: [{ name: '', relation: 'self', income: 0, health: 'healthy', insurance: 'employee_medical', schoolStage: 'none' }],
  lines: [],
};

/** An archive as form values (edit, yearly review). */
export function valuesOf(d: ArchiveDetail): ArchiveFormValues {
  return {
    health: d.worker.health, disability: d.worker.disability, workStatus: d.worker.workStatus, hukou: d.worker.hukou, housing: d.worker.housing,
    employerName: d.worker.employerName ?? undefined, employerCondition: d.worker.employerCondition, modelWorker: d.worker.modelWorker,
    address: d.worker.address ?? undefined, mainCause: d.mainCause, secondaryCause: d.secondaryCause, situation: d.situation ?? undefined,
    bankName: d.worker.bankName ?? undefined,
    household: d.household.map((h) => ({
      id: h.id, name: h.name, relation: h.relation, birthDate: h.birthDate ? dayjs(h.birthDate) : null, income: fenToYuan(h.incomeFen),
      health: h.health, insurance: h.insurance, schoolStage: h.schoolStage, occupation: h.occupation ?? undefined,
      // a stored ID number is kept as it is when the field stays empty
      idNumber: undefined,
    })),
    lines: d.lines.map((l) => ({ direction: l.direction, item: l.item, amount: fenToYuan(l.amountFen), note: l.note ?? undefined })),
  };
}

/** Form values as the API's body. A household row of a stored archive without a new ID number keeps none (the self row is always the member's). */
export function inputOf(v: ArchiveFormValues, keep?: ArchiveDetail): ArchiveInput {
  return {
    health: v.health, disability: v.disability, workStatus: v.workStatus, hukou: v.hukou, housing: v.housing,
    employerName: v.employerName?.trim() || null, employerCondition: v.employerCondition, modelWorker: !!v.modelWorker,
    address: v.address?.trim() || null, mainCause: v.mainCause, secondaryCause: v.secondaryCause || null, situation: v.situation?.trim() || null,
    bankName: v.bankName?.trim() || null,
    // an empty account field keeps the stored one
    ...(v.bankAccount?.trim() ? { bankAccount: v.bankAccount.trim() } : keep?.worker.bankAccount ? {} : { bankAccount: null }),
    household: (v.household ?? []).map((h) => ({
      ...(h.id ? { id: h.id } : {}),
      name: h.name?.trim() || (h.relation === 'self' ? t.hardship.self : ''), relation: h.relation, idNumber: h.idNumber?.trim() || null,
      birthDate: h.birthDate ? h.birthDate.format('YYYY-MM-DD') : null, incomeFen: yuanToFen(h.income),
      health: h.health, insurance: h.insurance, schoolStage: h.schoolStage, occupation: h.occupation?.trim() || null,
    })),
    lines: (v.lines ?? []).map((l) => ({ direction: l.direction, item: l.item, amountFen: yuanToFen(l.amount), note: l.note?.trim() || null })),
  };
}

const itemsFor: Record<string, string[]> = {
  income: ['pension', 'dibao', 'subsidy', 'rent_income', 'farming', 'other_income'],
  expense: ['medical', 'schooling', 'rent', 'care', 'other_expense'],
  hardship_cost: ['accident_cost', 'disaster_loss', 'medical'],
};

/** The worker's fields, the household, the lines and the live level calculation. */
export function ArchiveFields({ form, bankOnFile }: { form: FormInstance<ArchiveFormValues>; bankOnFile?: string | null }) {
  const [basis, setBasis] = useState<LevelBasis | null>(null);
  const household = Form.useWatch('household', form);
  const lines = Form.useWatch('lines', form);
  useEffect(() => {
    const hh = (household ?? []).map((h) => ({ incomeFen: yuanToFen(h?.income) }));
    if (hh.length === 0) { setBasis(null); return; }
    const ls = (lines ?? []).filter((l) => l?.direction).map((l) => ({ direction: l.direction, amountFen: yuanToFen(l.amount) }));
    const timer = setTimeout(() => { previewLevel({ household: hh, lines: ls }).then(setBasis).catch(() => setBasis(null)); }, 300);
    return () => clearTimeout(timer);
  }, [household, lines]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title={t.hardship.workerSection}>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="workStatus" label={t.hardship.workStatus} rules={[{ required: true }]}><Select options={codeOptions('work_status')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="health" label={t.hardship.health} rules={[{ required: true }]}><Select options={codeOptions('hardship_health')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="disability" label={t.hardship.disability}><Select options={codeOptions('disability_grade')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="hukou" label={t.hardship.hukou}><Select options={codeOptions('hukou_kind')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="housing" label={t.hardship.housing}><Select options={codeOptions('housing_kind')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="employerCondition" label={t.hardship.employerCondition}><Select options={codeOptions('employer_condition')} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="employerName" label={t.hardship.employerName}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} md={4}><Form.Item name="modelWorker" label={t.hardship.modelWorker} valuePropName="checked"><Checkbox /></Form.Item></Col>
          <Col span={24}><Form.Item name="address" label={t.hardship.address}><Input maxLength={200} /></Form.Item></Col>
        </Row>
      </Card>

      <Card size="small" title={t.hardship.householdSection} extra={<Typography.Text type="secondary">{t.hardship.selfHint}</Typography.Text>}>
        <Form.List name="household">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" data-testid={`household-row-${i}`}>
                  <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                  <Col xs={12} md={3}><Form.Item name={[f.name, 'name']} label={i === 0 ? t.hardship.name : undefined} rules={[{ required: form.getFieldValue(['household', f.name, 'relation']) !== 'self', message: t.common.required(t.hardship.name) }]}><Input maxLength={50} disabled={form.getFieldValue(['household', f.name, 'relation']) === 'self'} data-testid={`household-name-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={2}><Form.Item name={[f.name, 'relation']} label={i === 0 ? t.hardship.relation : undefined} rules={[{ required: true }]}><Select options={codeOptions('household_relation')} data-testid={`household-relation-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={4}><Form.Item name={[f.name, 'idNumber']} label={i === 0 ? t.hardship.idNumber : undefined}><Input maxLength={18} placeholder={form.getFieldValue(['household', f.name, 'id']) ? t.hardship.idKeep : undefined} disabled={form.getFieldValue(['household', f.name, 'relation']) === 'self'} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[f.name, 'birthDate']} label={i === 0 ? t.hardship.birthDate : undefined}><DatePicker style={{ width: '100%' }} disabled={form.getFieldValue(['household', f.name, 'relation']) === 'self'} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[f.name, 'income']} label={i === 0 ? t.hardship.incomeYear : undefined}><InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid={`household-income-${i}`} /></Form.Item></Col>
                  <Col xs={12} md={2}><Form.Item name={[f.name, 'health']} label={i === 0 ? t.hardship.health : undefined}><Select options={codeOptions('hardship_health')} popupMatchSelectWidth={false} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[f.name, 'insurance']} label={i === 0 ? t.hardship.insurance : undefined}><Select options={codeOptions('insurance_kind')} popupMatchSelectWidth={false} /></Form.Item></Col>
                  <Col xs={10} md={3}><Form.Item name={[f.name, 'schoolStage']} label={i === 0 ? t.hardship.schoolStage : undefined}><Select options={codeOptions('school_stage')} popupMatchSelectWidth={false} /></Form.Item></Col>
                  <Col xs={2} md={1} style={{ paddingTop: i === 0 ? 30 : 4 }}>
                    {form.getFieldValue(['household', f.name, 'relation']) === 'self' ? null : <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t.hardship.remove} />}
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', relation: 'spouse', income: 0, health: 'healthy', insurance: 'resident_medical', schoolStage: 'none' })} data-testid="household-add">{t.hardship.addPerson}</Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t.hardship.financeSection}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => {
                const dir = form.getFieldValue(['lines', f.name, 'direction']) as string | undefined;
                return (
                  <Row gutter={8} key={f.key} data-testid={`line-row-${i}`}>
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'direction']} label={i === 0 ? t.hardship.direction : undefined} rules={[{ required: true }]}>
                      <Select options={Object.entries(t.hardship.directions).map(([value, label]) => ({ value, label }))} onChange={() => form.setFieldValue(['lines', f.name, 'item'], undefined)} data-testid={`line-direction-${i}`} />
                    </Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'item']} label={i === 0 ? t.hardship.item : undefined} rules={[{ required: true, message: t.common.required(t.hardship.item) }]}>
                      <Select options={codeOptions('finance_item').filter((o) => !dir || itemsFor[dir]?.includes(o.value))} data-testid={`line-item-${i}`} />
                    </Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'amount']} label={i === 0 ? t.hardship.amountYear : undefined} rules={[{ required: true, message: t.common.required(t.hardship.amountYear) }]}>
                      <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid={`line-amount-${i}`} />
                    </Form.Item></Col>
                    <Col xs={10} md={8}><Form.Item name={[f.name, 'note']} label={i === 0 ? t.hardship.note : undefined}><Input maxLength={200} /></Form.Item></Col>
                    <Col xs={2} md={1} style={{ paddingTop: i === 0 ? 30 : 4 }}><MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t.hardship.remove} /></Col>
                  </Row>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ direction: 'expense' })} data-testid="line-add">{t.hardship.addLine}</Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t.hardship.calcPreview} data-testid="level-preview">
        <LevelCalculation basis={basis} />
      </Card>

      <Card size="small" title={t.hardship.causeSection}>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="mainCause" label={t.hardship.mainCause} rules={[{ required: true }]}><Select options={codeOptions('hardship_cause')} data-testid="main-cause" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="secondaryCause" label={t.hardship.secondaryCause}><Select allowClear options={codeOptions('hardship_cause')} /></Form.Item></Col>
          <Col span={24}><Form.Item name="situation" label={t.hardship.situation}><Input.TextArea rows={3} maxLength={2000} showCount data-testid="situation" /></Form.Item></Col>
        </Row>
      </Card>

      <Card size="small" title={t.hardship.bankSection}>
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item name="bankName" label={t.hardship.bankName}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="bankAccount" label={t.hardship.bankAccount} extra={bankOnFile ? `${t.hardship.bankAccountKeep}（${bankOnFile}）` : undefined}><Input maxLength={30} inputMode="numeric" /></Form.Item></Col>
        </Row>
      </Card>
    </Space>
  );
}

