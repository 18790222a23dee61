import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download, type Query } from '../api';
import { t } from '../i18n';
import { useNotify, showError } from './use-notify';

/** Downloads `<listUrl>/export.xlsx` with the table's filters, order and organization. */
export function ExportButton({ url, query, testId }: { url: string; query: Query; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const { message } = useNotify();
  const run = async () => {
    setBusy(true);
    try {
      await download(`${url}/export.xlsx`, query);
      message.success(t.common.exported);
    } catch (e) {
      showError(e, message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid={testId}>
      {busy ? t.common.exporting : t.common.export}
    </Button>
  );
}
