/** One page of a paged list, as the list views get it. */
export type ListPage<Item> = {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/**
 * One page of a paged list with the list's total. A page past the end (an old link after the list
 * shrank or a filter changed) gives the last page instead of nothing.
 */
export async function readClampedPage<Row>(
  fetchPage: (page: number) => Promise<Row[]>,
  count: () => Promise<number>,
  requestedPage: number,
  pageSize: number,
): Promise<{ rows: Row[]; total: number; page: number; pageCount: number }> {
  const [firstRows, total] = await Promise.all([fetchPage(requestedPage), count()]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (requestedPage <= pageCount) return { rows: firstRows, total, page: requestedPage, pageCount };
  return { rows: total > 0 ? await fetchPage(pageCount) : [], total, page: pageCount, pageCount };
}
