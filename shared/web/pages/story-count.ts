/**
 * The story page's section for Sở Nội vụ's mark: what counts now and why,
 * and for home-affairs/admin the form "Tính vào báo cáo quý" / "Không
 * tính" (reason required) and "Bỏ đánh dấu". Every form carries the CSRF
 * token and the story version it was rendered from.
 */
import { creditCounts } from '../../compliance/types';
import type { AuditEvent } from '../../desks/workflow';
import type { Story } from '../../stories/story';
import { formatVietnamDateTime, html, type RawHtml } from '../html';
import { complianceVi } from '../strings-compliance';

const v = complianceVi.mark;

function hidden(csrfToken: string | null, version: number): RawHtml {
  return html`${csrfToken ? html`<input type="hidden" name="_csrf" value="${csrfToken}">` : ''}<input type="hidden" name="version" value="${String(version)}">`;
}

/** The section; `canMark` shows the forms. */
export function renderStoryCountSection(input: { story: Story; canMark: boolean; csrfToken: string | null }): RawHtml {
  const { story } = input;
  const mark = story.countMark ?? null;
  const counts = creditCounts({ relevant: story.relevant ?? false, mark });
  const action = `/stories/${encodeURIComponent(story.id)}/count`;
  const status = mark
    ? html`<p><strong>${v.current(mark.counted)}</strong> <span class="muted">${v.byAt(mark.by, formatVietnamDateTime(mark.at))}</span></p><p>${v.reason}: ${mark.reason}</p>`
    : html`<p class="muted">${v.none}</p>`;
  const forms = input.canMark
    ? html`<form method="post" action="${action}" class="actions">${hidden(input.csrfToken, story.version)}<label for="count-reason">${v.reason}</label><input id="count-reason" name="reason" required maxlength="500"><button type="submit" name="counted" value="true" class="primary">${v.counted}</button><button type="submit" name="counted" value="false">${v.notCounted}</button></form>${
        mark ? html`<form method="post" action="${action}" class="actions">${hidden(input.csrfToken, story.version)}<input type="hidden" name="clear" value="true"><button type="submit">${v.clear}</button></form>` : ''
      }`
    : '';
  return html`<section class="panel" aria-labelledby="count-mark"><h2 id="count-mark">${v.heading}</h2>${status}<p>${v.effective(counts)}</p>${forms}</section>`;
}

/** How a `count` event reads in the story's history. */
export function describeCountEvent(event: Pick<AuditEvent, 'from' | 'to'>): string {
  const name = (value: string | null) => (value === 'counted' ? v.audit(true) : value === 'not-counted' ? v.audit(false) : '—');
  return `${complianceVi.mark.heading}: ${name(event.from)} → ${event.to === 'none' ? v.audit(null) : name(event.to)}`;
}
