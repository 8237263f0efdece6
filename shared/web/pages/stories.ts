import type { Story } from '../../stories/story';
import { formatVietnamDateTime, html, layout, type PageChrome, type RawHtml } from '../html';
import { vi } from '../strings';
import { AREA_NAMES } from '../../config/areas';

type AgencyNames = ReadonlyMap<string, string>;

function articleCell(story: Story) {
  if (story.article.status === 'done') return html`<span class="badge ok">${vi.stories.articleDone(story.wordCount ?? 0)}</span>`;
  if (story.article.status === 'failed') return html`<span class="badge bad">${vi.stories.articleFailed}</span>`;
  return html`<span class="badge warn">${vi.stories.articlePending}</span>`;
}

function publishers(story: Story, names: AgencyNames) {
  const others = story.alsoPublishedBy.map((p) => html`<a href="${p.url}" rel="noopener noreferrer">${names.get(p.agencyId) ?? p.agencyId}</a>`);
  return html`${names.get(story.agencyId) ?? story.agencyId}${
    others.length ? html`<div class="muted">${vi.stories.alsoPublishedBy}: ${others.map((o, i) => html`${i ? ', ' : ''}${o}`)}</div>` : ''
  }`;
}

function areaCell(story: Story) {
  if (story.relevant === undefined) return html`<span class="muted">${vi.story.unclassified}</span>`;
  if (!story.relevant) return html`<span class="muted">${vi.stories.notRelevant}</span>`;
  const [primary, ...others] = story.areas ?? [];
  return html`${primary ? AREA_NAMES[primary] : ''}${others.length ? html`<div class="muted">+ ${others.map((a) => AREA_NAMES[a]).join(', ')}</div>` : ''}`;
}

function classificationSection(story: Story) {
  const machine = story.machineLabel;
  const human = story.humanLabel;
  if (!machine && !human) return html`<h2>${vi.story.classification}</h2><p class="muted">${vi.story.unclassified}</p>`;
  return html`<h2>${vi.story.classification}</h2>
<p><strong>${story.relevant ? vi.story.relevant : vi.story.notRelevant}</strong>${
    story.confidence !== undefined ? html` · <span class="muted">${vi.story.confidence(story.confidence)}</span>` : ''
  }</p>
${story.relevant && story.areas?.length ? html`<p>${vi.story.areas}: ${story.areas.map((a, i) => html`${i ? ', ' : ''}${AREA_NAMES[a]}`)}</p>` : ''}
<p class="muted">${human ? vi.story.byHuman(human.by, formatVietnamDateTime(human.at)) : vi.story.byMachine(machine!.version)}</p>
${
  machine?.evidence.length
    ? html`<p>${human ? vi.story.machineSaid : vi.story.evidence}: ${machine.evidence.map((e, i) => html`${i ? ', ' : ''}<q>${e}</q>`)}</p>`
    : ''
}`;
}

/** The first plain page: the newest stories with agency and date, newest first. */
export function renderStoriesPage(input: { stories: Story[]; total: number; agencyNames: AgencyNames; lastCycleAt: string | null; chrome?: PageChrome }): string {
  const rows = input.stories.map(
    (story) => html`<tr>
<td class="date">${story.publishedAt ? formatVietnamDateTime(story.publishedAt) : html`<span class="muted">${vi.stories.noDate}</span>`}</td>
<td><a href="/stories/${encodeURIComponent(story.id)}">${story.title}</a>${story.summary ? html`<div class="muted">${story.summary.slice(0, 220)}</div>` : ''}</td>
<td>${publishers(story, input.agencyNames)}</td>
<td>${areaCell(story)}</td>
<td>${articleCell(story)}</td></tr>`,
  );
  const body = html`<h1>${vi.stories.heading}</h1>
<p class="muted">${vi.stories.intro(input.total)} ${vi.lastCycle(input.lastCycleAt ? formatVietnamDateTime(input.lastCycleAt) : null)}</p>
${
  rows.length
    ? html`<table><thead><tr><th scope="col">${vi.stories.columns.date}</th><th scope="col">${vi.stories.columns.title}</th><th scope="col">${vi.stories.columns.agency}</th><th scope="col">${vi.stories.columns.area}</th><th scope="col">${vi.stories.columns.article}</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>${vi.stories.empty}</p>`
}`;
  return layout(vi.stories.heading, body, input.chrome);
}

/** One story: title, link to the source, agency, dates, summary and article text; desk sections and a notice when given. */
export function renderStoryPage(
  story: Story,
  agencyNames: AgencyNames,
  extras: { sections?: RawHtml; notice?: string | null; error?: RawHtml | string | null; chrome?: PageChrome; backHref?: string } = {},
): string {
  const paragraphs = (story.text ?? '').split(/\n{2,}/).filter(Boolean);
  const body = html`<p class="noprint"><a href="${extras.backHref ?? '/'}">${vi.story.back}</a></p>
${extras.error ? html`<div class="error" role="alert">${extras.error}</div>` : ''}${extras.notice ? html`<div class="notice" role="status">${extras.notice}</div>` : ''}
<article class="story">
<h1>${story.title}</h1>
${/^https?:/i.test(story.url) ? html`<p><a href="${story.url}" rel="noopener noreferrer">${vi.story.source}</a></p>` : ''}
<dl>
<dt>${vi.story.agency}</dt><dd>${publishers(story, agencyNames)}</dd>
<dt>${vi.story.published}</dt><dd>${story.publishedAt ? formatVietnamDateTime(story.publishedAt) : vi.stories.noDate}</dd>
<dt>${vi.story.collected}</dt><dd>${formatVietnamDateTime(story.collectedAt)}</dd>
<dt>${vi.story.quarterWeek}</dt><dd>${story.quarter} / ${story.week}</dd>
</dl>
${classificationSection(story)}
${story.summary ? html`<h2>${vi.story.summary}</h2><p>${story.summary}</p>` : ''}
<h2>${vi.story.text}</h2>
${paragraphs.length ? paragraphs.map((p) => html`<p>${p}</p>`) : html`<p class="muted">${vi.story.noText}</p>`}
</article>
${extras.sections ?? ''}`;
  return layout(story.title, body, extras.chrome);
}
