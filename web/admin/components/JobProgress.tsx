import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Progress, Space, Typography } from 'antd';
import { get } from '../api';
import { t } from '../i18n';

export interface Job<R = unknown> {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  done: number;
  total: number;
  message: string | null;
  result: R;
}

/** Polls `/api/jobs/:id` every second while the job runs; stops when it ends. */
export function useJobProgress<R = unknown>(id: string | null | undefined) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: ({ signal }) => get<Job<R>>(`/api/jobs/${id}`, undefined, { signal, orgScope: false }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
    refetchIntervalInBackground: true,
  });
}

/** A long job's progress bar with its counts and message. */
export function JobProgress({ id, onDone }: { id: string | null | undefined; onDone?: (job: Job) => void }) {
  const { data: job, error } = useJobProgress(id);
  const reported = useRef<string | null>(null);
  useEffect(() => {
    // tell the caller once per job that it ended
    if (job && job.status !== 'running' && reported.current !== job.id) {
      reported.current = job.id;
      onDone?.(job);
    }
  }, [job, onDone]);
  if (!id) return null;
  if (error) return <Typography.Text type="danger">{(error as Error).message}</Typography.Text>;
  if (!job) return <Progress percent={0} status="active" size="small" />;
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : job.status === 'succeeded' ? 100 : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="job-progress">
      <Progress percent={percent} status={status} />
      <Typography.Text type="secondary">
        {t.jobs[job.status]}
        {job.total > 0 ? ` · ${t.jobs.progress(job.done, job.total)}` : ''}
        {job.message ? ` · ${job.message}` : ''}
      </Typography.Text>
    </Space>
  );
}
