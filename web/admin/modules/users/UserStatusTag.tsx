import { Tag } from 'antd';
import { codeLabel } from '../../../../lib/code-tables';

const colors: Record<string, string> = { active: 'success', disabled: 'default', locked: 'error' };

export function UserStatusTag({ status }: { status: string }) {
  return <Tag color={colors[status] ?? 'default'}>{codeLabel('user_status', status)}</Tag>;
}
