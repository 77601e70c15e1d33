import { GitHubApiError } from './errors.js';

/**
 * GitHub's page-number paging: `per_page` (default 30, at most 100) and `page` (from 1), with a Link header naming
 * first/prev/next/last as absolute URLs. Octokit's paginate follows rel="next", so the header must be exact.
 */
export function paginate<T>(items: T[], query: URLSearchParams, selfUrl: string): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, intParam(query, 'per_page', 30)));
  const page = Math.max(1, intParam(query, 'page', 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(query);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${selfUrl}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { items: slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new GitHubApiError(422, `Invalid request.\n\n"${name}" must be an integer.`);
  return Number(raw);
}
