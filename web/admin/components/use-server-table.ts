import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SortOrder, SorterResult } from 'antd/es/table/interface';
import { get, type Page, type Query } from '../api';
import { t } from '../i18n';

export interface ServerTableOptions {
  /** the list's query-key root, e.g. 'users' */
  key: string;
  url: string;
  /** '-at' for descending; the server's default when omitted */
  defaultSort?: string;
  pageSize?: number;
  initialFilters?: Query;
}

/**
 * A server-side paged, sorted and filtered list: `?page&pageSize&sort&<filters>`. Returns the
 * antd Table props, the sort state for columns and the query an export must repeat.
 */
export function useServerTable<T extends object>(opts: ServerTableOptions) {
  const [filters, setFilters] = useState<Query>(opts.initialFilters ?? {});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(opts.pageSize ?? 20);
  const [sort, setSort] = useState<string | undefined>(opts.defaultSort);

  const params: Query = { ...filters, page, pageSize, sort };
  const query = useQuery({
    queryKey: [opts.key, 'list', params],
    queryFn: ({ signal }) => get<Page<T>>(opts.url, params, { signal }),
    placeholderData: keepPreviousData,
  });

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t.common.total(n),
    size: 'small',
  };

  const onChange: TableProps<T>['onChange'] = (p, _filters, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const field = s?.columnKey ?? (Array.isArray(s?.field) ? s?.field.join('.') : s?.field);
    const next = s?.order && field ? `${s.order === 'descend' ? '-' : ''}${String(field)}` : opts.defaultSort;
    if (next !== sort) {
      setSort(next);
      setPage(1);
    } else {
      setPage(p.current ?? 1);
    }
    setPageSize(p.pageSize ?? pageSize);
  };

  /** for a column: `sortOrder: sortOrderFor('createdAt')` */
  const sortOrderFor = (field: string): SortOrder => {
    if (!sort) return null;
    if (sort === field) return 'ascend';
    if (sort === `-${field}`) return 'descend';
    return null;
  };

  const tableProps: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange' | 'size'> = {
    dataSource: query.data?.items ?? [],
    loading: query.isFetching,
    pagination,
    onChange,
    size: 'small',
  };

  return {
    query,
    tableProps,
    sortOrderFor,
    filters,
    /** new filters start again from page 1 */
    applyFilters: (f: Query) => {
      setFilters(f);
      setPage(1);
    },
    /** the export repeats the filters and the order, not the page */
    exportQuery: { ...filters, sort } as Query,
    hasFilters: Object.values(filters).some((v) => v !== undefined && v !== null && v !== ''),
  };
}
