import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { setCurrentOrg } from '../api';
import { meQueryKey, useAuth, useCurrentOrg } from '../auth';
import { t } from '../i18n';
import { OrgTreeSelect } from './OrgTreeSelect';
import { useNotify } from './use-notify';

/**
 * Narrows every request to one subtree (X-Org-Id) or the whole scope. Changing it refetches
 * every query, so every page shows the new scope.
 */
export function OrgSwitcher() {
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const { message } = useNotify();
  const current = useCurrentOrg();
  const currentId = current?.id ?? 0;
  const seen = useRef(currentId);
  useEffect(() => {
    if (seen.current === currentId) return;
    seen.current = currentId;
    // everything but who I am depends on the scope
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  }, [currentId, queryClient]);
  return (
    <Space size={6}>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }}>{t.header.switcherLabel}</Typography.Text>
      <OrgTreeSelect
        data-testid="org-switcher"
        orgScope={false}
        allOption={t.header.allScope}
        fixedRoots={can('org:read') ? undefined : me.scopeOrgs}
        value={current?.id ?? 0}
        valueLabel={current?.name}
        style={{ width: 260 }}
        popupMinWidth={360}
        onChange={(id, org) => {
          const next = id && org ? { id: org.id, name: org.name, path: org.path } : null;
          if ((next?.id ?? 0) === (current?.id ?? 0)) return;
          setCurrentOrg(next);
          message.info(t.header.switched(next?.name ?? t.header.allScope));
        }}
      />
    </Space>
  );
}
