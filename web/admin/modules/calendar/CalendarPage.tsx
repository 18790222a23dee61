import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Modal, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { del, get, put } from '../../api';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/status';
import { useErrorHandler, useNotify } from '../../components/use-notify';
import { t } from '../../i18n';

interface DayInfo { date: string; working: boolean; name: string | null; source: 'override' | 'statutory' | 'weekend' | 'weekday' }
interface YearCalendar { year: number; today: string; statutoryDataUntil: number; statutoryKnown: boolean; days: DayInfo[] }

const calendarKey = (year: number) => ['calendar', year] as const;
const weekdays = ['一', '二', '三', '四', '五', '六', '日'];

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What a day is, from the year's special days and the day of the week. */
function dayOf(date: string, special: Map<string, DayInfo>): DayInfo {
  const hit = special.get(date);
  if (hit) return hit;
  const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  return { date, working: !weekend, name: null, source: weekend ? 'weekend' : 'weekday' };
}

function MonthGrid({ year, month, special, today, onPick }: {
  year: number; month: number; special: Map<string, DayInfo>; today: string; onPick: ((d: DayInfo) => void) | null;
}) {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const lead = (first + 6) % 7; // Monday first
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (DayInfo | null)[] = [...Array(lead).fill(null), ...Array.from({ length: count }, (_, i) => dayOf(iso(year, month, i + 1), special))];
  return (
    <Card size="small" title={`${month}月`} className="gh-cal-month">
      <div className="gh-cal-grid">
        {weekdays.map((w) => <div key={w} className="gh-cal-head">{w}</div>)}
        {cells.map((d, i) => {
          if (!d) return <div key={`e${i}`} />;
          const marked = d.source === 'statutory' || d.source === 'override';
          const cls = ['gh-cal-day', d.working ? 'is-work' : 'is-rest', marked ? 'is-marked' : '', d.source === 'override' ? 'is-override' : '', d.date === today ? 'is-today' : ''].join(' ');
          const label = Number(d.date.slice(8));
          const cell = (
            <button
              type="button"
              key={d.date}
              className={cls}
              data-testid={`cal-${d.date}`}
              disabled={!onPick}
              onClick={() => onPick?.(d)}
            >
              <span>{label}</span>
              {marked ? <em>{d.working ? t.calendar.workday : t.calendar.holiday}</em> : null}
            </button>
          );
          return d.name ? <Tooltip key={d.date} title={`${d.name} · ${t.calendar.sources[d.source]}`}>{cell}</Tooltip> : cell;
        })}
      </div>
    </Card>
  );
}

/** 工作日历: the year's statutory holidays and 调休 days, and the federation's own changes. */
export function CalendarPage() {
  const { can } = useAuth();
  const writable = can('calendar:write');
  const [year, setYear] = useState<number | null>(null);
  const [editing, setEditing] = useState<DayInfo | null>(null);
  const [form] = Form.useForm<{ name?: string }>();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const onError = useErrorHandler(form);
  const shown = useQuery({
    queryKey: calendarKey(year ?? 0),
    queryFn: () => get<YearCalendar>('/api/calendar', year ? { year } : undefined),
  });
  const data = shown.data;
  const currentYear = year ?? data?.year ?? null;

  const done = async (text: string) => {
    message.success(text);
    setEditing(null);
    await queryClient.invalidateQueries({ queryKey: ['calendar'] });
  };
  const save = useMutation({
    mutationFn: (v: { working: boolean; name: string | null }) => put<DayInfo>(`/api/calendar/days/${editing!.date}`, v),
    onSuccess: () => done(t.calendar.saved),
    onError,
  });
  const clear = useMutation({
    mutationFn: () => del<DayInfo>(`/api/calendar/days/${editing!.date}`),
    onSuccess: () => done(t.calendar.cleared),
    onError,
  });

  const special = new Map((data?.days ?? []).map((d) => [d.date, d]));
  const pick = (d: DayInfo) => {
    form.setFieldsValue({ name: d.name ?? '' });
    setEditing(d);
  };
  const submit = (working: boolean) => form.validateFields().then((v) => save.mutate({ working, name: v.name?.trim() || null }));

  return (
    <>
      <PageHeader
        title={t.calendar.title}
        extra={currentYear ? (
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => setYear(currentYear - 1)} aria-label={String(currentYear - 1)} />
            <Typography.Text strong data-testid="calendar-year">{currentYear}</Typography.Text>
            <Button icon={<RightOutlined />} onClick={() => setYear(currentYear + 1)} aria-label={String(currentYear + 1)} />
          </Space>
        ) : null}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t.calendar.intro}</Typography.Paragraph>
      </PageHeader>
      {shown.error ? <QueryError error={shown.error} onRetry={() => shown.refetch()} /> : null}
      {data && !data.statutoryKnown ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t.calendar.unknownYear(data.year, data.statutoryDataUntil)} /> : null}
      {!writable ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t.calendar.readOnly} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Row gutter={[12, 12]}>
            {data ? Array.from({ length: 12 }, (_, i) => (
              <Col key={i} xs={24} sm={12} lg={8}>
                <MonthGrid year={data.year} month={i + 1} special={special} today={data.today} onPick={writable ? pick : null} />
              </Col>
            )) : <Col span={24}><Card loading /></Col>}
          </Row>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t.calendar.list}>
            <Table<DayInfo>
              size="small"
              rowKey="date"
              loading={shown.isPending}
              dataSource={data?.days ?? []}
              pagination={false}
              locale={{ emptyText: t.calendar.none }}
              data-testid="calendar-days"
              columns={[
                { title: t.calendar.date, dataIndex: 'date', width: 110 },
                { title: t.calendar.kind, dataIndex: 'working', width: 70, render: (w: boolean) => <Tag color={w ? 'blue' : 'red'}>{w ? t.calendar.working : t.calendar.resting}</Tag> },
                { title: t.calendar.name, dataIndex: 'name' },
                { title: t.calendar.source, dataIndex: 'source', width: 90, render: (s: string) => <Tag color={s === 'override' ? 'orange' : undefined}>{t.calendar.sources[s]}</Tag> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!editing}
        title={editing ? t.calendar.editTitle(editing.date) : ''}
        onCancel={() => setEditing(null)}
        footer={editing ? (
          <Space wrap>
            {editing.source === 'override' ? <Button onClick={() => clear.mutate()} loading={clear.isPending} data-testid="calendar-clear">{t.calendar.clear}</Button> : null}
            <Button onClick={() => submit(true)} loading={save.isPending} data-testid="calendar-set-working">{t.calendar.setWorking}</Button>
            <Button type="primary" danger onClick={() => submit(false)} loading={save.isPending} data-testid="calendar-set-holiday">{t.calendar.setHoliday}</Button>
          </Space>
        ) : null}
        destroyOnHidden
      >
        {editing ? (
          <Form form={form} layout="vertical">
            <Typography.Paragraph>
              {t.calendar.current(`${editing.working ? t.calendar.working : t.calendar.resting}${editing.name ? `（${editing.name}）` : ''} · ${t.calendar.sources[editing.source]}`)}
            </Typography.Paragraph>
            <Form.Item name="name" label={t.calendar.name} rules={[{ max: 30 }]}>
              <Input placeholder={t.calendar.namePlaceholder} maxLength={30} data-testid="calendar-name" />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </>
  );
}
