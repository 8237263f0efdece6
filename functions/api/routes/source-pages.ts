/**
 * The source admin pages answered with data: the add page and a source's
 * page, each with the form's values, a test's result or an error. Used by
 * the api function's source routes (after a refused save or action) and by
 * the source-preview function (after "Thử nguồn này"), so both answer with
 * exactly the same page. Nothing here fetches or parses a source's site.
 */
import type { Session } from '../../../shared/auth/sessions';
import type { SourceService } from '../../../shared/sources/source-service';
import type { SourceTestResult } from '../../../shared/sources/test-source';
import type { PageChrome } from '../../../shared/web/html';
import { formValuesOf, renderNewSourcePage, renderSourcePage, type SourceFormValues } from '../../../shared/web/pages/source-admin';
import { page, type Result } from '../http';

/** Who the page is for: its frame and the session whose CSRF token the forms carry. */
export interface SourcePageViewer {
  chrome: PageChrome;
  session: Pick<Session, 'csrfToken'> | null;
}

/** What the pages read: the agencies to choose from and the source with its history. */
export interface SourcePageData {
  agencies(): Promise<readonly { id: string; name: string }[]>;
  sourceAdmin: Pick<SourceService, 'detail'>;
}

/** What a page shows besides the form. */
export interface SourcePageExtra {
  values?: SourceFormValues;
  test?: SourceTestResult | null;
  error?: string | null;
  notice?: string | null;
}

async function agencyList(data: SourcePageData) {
  return (await data.agencies()).map(({ id, name }) => ({ id, name }));
}

/** The add page with the values given. */
export async function newSourcePage(viewer: SourcePageViewer, data: SourcePageData, status: number, values: SourceFormValues, extra: SourcePageExtra = {}): Promise<Result> {
  return page(
    status,
    renderNewSourcePage({ chrome: viewer.chrome, csrfToken: viewer.session?.csrfToken ?? null, agencies: await agencyList(data), values, test: extra.test ?? null, error: extra.error ?? null }),
  );
}

/** A source's page (health, actions, form, history). @throws SourceNotFoundError */
export async function sourcePage(viewer: SourcePageViewer, data: SourcePageData, sourceId: string, status: number, extra: SourcePageExtra = {}): Promise<Result> {
  const [detail, agencies] = await Promise.all([data.sourceAdmin.detail(sourceId), agencyList(data)]);
  return page(
    status,
    renderSourcePage({
      chrome: viewer.chrome,
      csrfToken: viewer.session?.csrfToken ?? null,
      agencies,
      values: extra.values ?? formValuesOf(detail.record.source),
      test: extra.test ?? null,
      error: extra.error ?? null,
      notice: extra.notice ?? null,
      current: detail,
      history: detail.history,
    }),
  );
}
