import { Button, Space, type FormInstance } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { t } from '../i18n';
import { ExportButton } from './ExportButton';

type Query = Parameters<typeof ExportButton>[0]['query'];

/**
 * The buttons under every list's filter form: search (the form's submit), reset (clears the
 * form and the table's filters) and the .xlsx export of the same query.
 */
export function FilterActions({ form, onReset, exportUrl, exportQuery, testId }: {
  form: FormInstance;
  onReset: () => void;
  exportUrl: string;
  exportQuery: Query;
  testId: string;
}) {
  return (
    <Space>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t.common.search}</Button>
      <Button onClick={() => { form.resetFields(); onReset(); }}>{t.common.reset}</Button>
      <ExportButton url={exportUrl} query={exportQuery} testId={testId} />
    </Space>
  );
}
