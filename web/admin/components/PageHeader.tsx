import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's title line with its main actions on the right. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="gh-page-head">
      <div>
        <Typography.Title level={4} className="gh-page-title">{title}</Typography.Title>
        {children}
      </div>
      {extra ? <div>{extra}</div> : null}
    </div>
  );
}
