import { Tag } from 'antd';
import type { TimeStatus } from './api';

const statusColors: Record<string, string> = {
  accepted: 'processing', assigned: 'blue', handling: 'cyan', replied: 'geekblue', visited: 'purple', closed: 'success', returned: 'warning', transferred: 'magenta',
};
const timeColors: Record<TimeStatus, string> = { normal: 'green', due_soon: 'orange', overdue: 'red', done: 'default' };

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={statusColors[status] ?? 'default'}>{label}</Tag>;
}

export function TimeTag({ status, label }: { status: TimeStatus; label: string }) {
  if (status === 'done') return null;
  return <Tag color={timeColors[status]} data-testid={`time-${status}`}>{label}</Tag>;
}
