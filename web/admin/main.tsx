import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isApiError, setRedirectHandler } from './api';
import { meQueryKey } from './auth';
import { createRouter } from './router';
import { theme } from './theme';
import { t } from './i18n';
import './styles.css';

dayjs.locale('zh-cn');
document.title = t.app.name;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a 4xx will not change by asking again
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});

const router = createRouter();

setRedirectHandler((to, reason) => {
  if (to === '/login') {
    if (router.state.location.pathname === '/login') return;
    queryClient.clear();
    void router.navigate('/login', { replace: true, state: { reason, from: router.state.location.pathname } });
  } else {
    // the server wants a new password first: who-am-I says so, the guard takes the user there
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    if (router.state.location.pathname !== to) void router.navigate(to, { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} componentSize="middle">
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
