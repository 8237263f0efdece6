import type { SourceRecord } from '../../store/sources-repo';
import { formatVietnamDateTime, html, layout, type PageChrome } from '../html';
import { vi } from '../strings';
import { sourcesVi } from '../../sources/strings';

function status(record: SourceRecord) {
  const { health, source } = record;
  if (source.paused) return html`<span class="badge warn">${vi.sources.paused}</span>`;
  if (health.needsRepair) return html`<span class="badge bad">${vi.sources.needsRepair}</span>`;
  if (health.consecutiveFailures > 0) return html`<span class="badge bad">${vi.sources.failing}</span>`;
  if (!health.lastAttemptAt) return html`<span class="badge warn">${vi.sources.pending}</span>`;
  return html`<span class="badge ok">${vi.sources.ok}</span>`;
}

/** Source health: last success, last error, failures, next attempt, needs-repair. */
export function renderSourcesPage(input: {
  sources: SourceRecord[];
  agencyNames: ReadonlyMap<string, string>;
  chrome?: PageChrome;
  /** Admins (policy `admin.sources`) get each source's page and "add". */
  manage?: boolean;
  notice?: string | null;
}): string {
  const failing = input.sources.filter((r) => r.health.consecutiveFailures > 0 && !r.health.needsRepair).length;
  const repair = input.sources.filter((r) => r.health.needsRepair).length;
  const sorted = [...input.sources].sort((a, b) => a.source.id.localeCompare(b.source.id));
  const rows = sorted.map(
    (record) => html`<tr>
<td><a href="${record.source.url}" rel="noopener noreferrer">${record.source.id}</a></td>
<td>${input.agencyNames.get(record.source.agencyId) ?? record.source.agencyId}</td>
<td>${record.source.kind}</td>
<td>${status(record)}</td>
<td class="date">${record.health.lastSuccessAt ? formatVietnamDateTime(record.health.lastSuccessAt) : vi.sources.never}</td>
<td>${record.health.lastError ? html`<span class="muted">${formatVietnamDateTime(record.health.lastErrorAt)}</span> ${record.health.lastError}` : ''}</td>
<td>${record.health.consecutiveFailures}</td>
<td class="date">${formatVietnamDateTime(record.health.nextAttemptAt)}</td>${
      input.manage ? html`<td><a href="/sources/${encodeURIComponent(record.source.id)}" aria-label="${sourcesVi.open} ${record.source.id}">${sourcesVi.open}</a></td>` : ''
    }</tr>`,
  );
  const c = vi.sources.columns;
  const body = html`<h1>${vi.sources.heading}</h1>${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}<p class="muted">${vi.sources.summary(input.sources.length, failing, repair)}</p>${
    input.manage ? html`<p><a class="button" href="/sources/new">${sourcesVi.add}</a></p>` : ''
  }
<table><thead><tr><th scope="col">${c.source}</th><th scope="col">${c.agency}</th><th scope="col">${c.kind}</th><th scope="col">${c.status}</th><th scope="col">${c.lastSuccess}</th><th scope="col">${c.lastError}</th><th scope="col">${c.failures}</th><th scope="col">${c.next}</th>${input.manage ? html`<th scope="col">${sourcesVi.actionsColumn}</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`;
  return layout(vi.sources.heading, body, input.chrome);
}
