import { Suspense } from 'react';
import { Link } from 'react-router';
import { Card, Tabs, Typography } from 'antd';
import { publicSections } from '../public-sections';
import { PageLoading } from '../components/status';
import { t } from '../i18n';

/** 公示公告: public, outside the login; one tab per section (public-sections.tsx). */
export function PublicNoticePage() {
  return (
    <div className="gh-public">
      <div className="gh-public-head">
        <h1>{t.hardship.publicTitle}</h1>
        <Link to="/login">{t.hardship.publicLogin}</Link>
      </div>
      <div className="gh-public-body">
        <Card>
          <Tabs items={publicSections.map((s) => ({
            key: s.key,
            label: s.label,
            children: <Suspense fallback={<PageLoading />}><s.component /></Suspense>,
          }))} />
        </Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16 }}>{t.hardship.publicFooter}</Typography.Paragraph>
      </div>
    </div>
  );
}
