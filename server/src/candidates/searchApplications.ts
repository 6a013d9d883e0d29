import type { ApplicationSummary, Page, SessionUser } from '@aireview/shared';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { listApplications, type ApplicationListFilter } from './queries.js';

/**
 * The candidate list for the app. A search (a request with `q`, every page of it) is audited as
 * `applications.searched` with who, the query, the other filters and how many files the page matched,
 * so a search used to probe contact details leaves a trace.
 */
export async function searchApplications(
  deps: Pick<Deps, 'ds' | 'clock'>,
  viewer: SessionUser,
  filter: ApplicationListFilter,
  requestId?: string,
): Promise<Page<ApplicationSummary>> {
  const page = await listApplications(deps.ds, viewer, filter);
  if (filter.q) {
    const { q, cursor, limit, ...filters } = filter;
    await writeAudit(deps.ds.manager, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'applications.searched',
      subjectType: 'applications',
      subjectId: 'search',
      details: {
        q,
        filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
        page: cursor ? 'next' : 'first',
        limit,
        matched: page.items.length,
      },
      requestId: requestId ?? null,
    }, deps.clock.now());
  }
  return page;
}
