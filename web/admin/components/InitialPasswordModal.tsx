import { Alert, Button, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { t } from '../i18n';
import { useNotify } from './use-notify';

/** The generated password, shown once: a copy button and the first-login rule. */
export function InitialPasswordModal({ username, password, onClose }: { username: string; password: string | null; onClose: () => void }) {
  const { message } = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password ?? '');
      message.success(t.common.copied);
    } catch {
      message.warning(t.common.copyFailed);
    }
  };
  return (
    <Modal
      open={password !== null}
      title={t.users.initialPasswordTitle}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={<Button type="primary" onClick={onClose}>{t.users.initialPasswordDone}</Button>}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>{t.users.initialPasswordFor(username)}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Typography.Text
            code
            copyable={false}
            data-testid="initial-password"
            style={{ flex: 1, fontSize: 20, padding: '4px 12px', letterSpacing: 1, userSelect: 'all' }}
          >
            {password}
          </Typography.Text>
          <Button icon={<CopyOutlined />} onClick={copy} data-testid="copy-initial-password">{t.common.copy}</Button>
        </Space.Compact>
        <Alert type="warning" showIcon title={t.users.initialPasswordNote} />
      </Space>
    </Modal>
  );
}
