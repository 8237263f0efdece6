/**
 * The digest's content and its renderings, asserted from the rendered
 * output (HTML parsed with cheerio, the text part read line by line): no
 * snapshots. Pure: no store.
 */
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildDigestContent, digestQuarter, digestSendAt, oneLineSummary, previousIsoWeek, type DigestInput, type DigestStoryInput } from '../../shared/digest/content';
import { digestSubject, renderDigestHtml, renderDigestJson, renderDigestText } from '../../shared/digest/render';
import { isoWeekBounds, isoWeekOf, toVietnamIso } from '../../shared/time/vietnam';

const vn = (local: string) => new Date(`${local}+07:00`);

const AGENCIES = [
  { id: 'so-tu-phap', name: 'Sở Tư pháp' },
  { id: 'ubnd-quy-nhon', name: 'UBND thành phố Quy Nhơn' },
  { id: 'so-noi-vu', name: 'Sở Nội vụ' },
];

function story(id: string, local: string, extra: Partial<DigestStoryInput> = {}): DigestStoryInput {
  const at = vn(local);
  return {
    id,
    title: `Tin ${id}`,
    url: `https://example.gov.vn/tin/${id}`,
    summary: `Tóm tắt của tin ${id}.`,
    agencyId: 'so-tu-phap',
    sortAt: toVietnamIso(at),
    week: isoWeekOf(at),
    relevant: true,
    areas: ['procedures'],
    ...extra,
  };
}

function input(week: string, stories: DigestStoryInput[], extra: Partial<DigestInput> = {}): DigestInput {
  return {
    week,
    stories,
    agencies: AGENCIES,
    schedule: [
      { deskId: 'newspaper', deskName: 'Báo Bình Định', slotId: '2025-04', slotLabel: 'Trang CCHC tháng 04/2025', stories: [{ storyId: 's1', title: 'Một cửa <liên thông>', agencyId: 'so-tu-phap' }] },
      { deskId: 'tv', deskName: 'Đài PT-TH Bình Định', slotId: '2025-04-12', slotLabel: 'Chương trình CCHC phát sóng thứ Bảy, 12/04/2025', stories: [] },
    ],
    complianceRows: [
      { agencyId: 'so-tu-phap', agencyName: 'Sở Tư pháp', status: 'met', items: 3, daysLeft: 84 },
      { agencyId: 'ubnd-quy-nhon', agencyName: 'UBND thành phố Quy Nhơn', status: 'missing', items: 0, daysLeft: 84 },
      { agencyId: 'so-noi-vu', agencyName: 'Sở Nội vụ', status: 'lead_missing', items: 1, daysLeft: 84 },
    ],
    generatedAt: vn('2025-04-07T07:00:05'),
    ...extra,
  };
}

describe('digest content', () => {
  const stories = [
    story('a1', '2025-04-01T09:00:00', { title: 'Cải cách thủ tục <b>hành chính</b> & "một cửa"' }),
    story('a2', '2025-04-02T10:00:00', { agencyId: 'ubnd-quy-nhon', areas: ['digital_government', 'procedures'], agencyIds: ['ubnd-quy-nhon', 'so-tu-phap'] }),
    story('a3', '2025-04-06T23:59:59', { areas: ['procedures'], summary: 'Đây là một câu rất dài. '.repeat(20) }),
    story('x-not-relevant', '2025-04-03T10:00:00', { relevant: false, areas: [] }),
    story('x-next-week', '2025-04-07T00:00:00'),
    story('x-previous-week', '2025-03-30T23:59:59'),
    story('a4', '2025-03-31T00:00:00', { areas: [] }),
  ];
  const content = buildDigestContent(input('2025-W14', stories));
  const $ = cheerio.load(renderDigestHtml(content, { unsubscribeUrl: 'https://cchc.example.vn/digests/unsubscribe?token=abc&x=1', archiveUrl: 'https://cchc.example.vn/digests/2025-W14' }));

  it('holds the relevant stories of the ISO week, Monday 00:00 to Sunday 23:59:59 Vietnam time, grouped by primary area', () => {
    const ids = $('[data-story]').map((_, el) => $(el).attr('data-story')).get();
    expect(ids.sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect($('[data-area]').map((_, el) => $(el).attr('data-area')).get()).toEqual(['procedures', 'digital_government', 'other']);
    expect($('[data-area="procedures"] [data-story]').map((_, el) => $(el).attr('data-story')).get()).toEqual(['a1', 'a3']);
    expect($('[data-area="digital_government"] h2').text()).toBe('Chính quyền điện tử, chính quyền số (1)');
    expect($('[data-area="other"] h2').text()).toBe('Nội dung CCHC khác (1)');
  });

  it('shows each story with title, link, agency, date and a one-line summary of at most 160 characters', () => {
    const a2 = $('[data-story="a2"]');
    expect(a2.find('a').attr('href')).toBe('https://example.gov.vn/tin/a2');
    expect(a2.find('a').text()).toBe('Tin a2');
    expect(a2.find('[data-field="agency"]').text()).toBe('UBND thành phố Quy Nhơn');
    expect(a2.find('[data-field="date"]').text()).toBe('02/04/2025');
    const long = $('[data-story="a3"] [data-field="summary"]').text();
    expect([...long].length).toBeLessThanOrEqual(160);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/\n/);
    expect($('[data-story="a4"] [data-field="date"]').text()).toBe('31/03/2025');
  });

  it('escapes every value: markup in a title is text, not HTML', () => {
    const a1 = $('[data-story="a1"] a');
    expect(a1.text()).toBe('Cải cách thủ tục <b>hành chính</b> & "một cửa"');
    expect(a1.find('b')).toHaveLength(0);
    expect($('[data-scheduled="s1"]').text()).toContain('Một cửa <liên thông>');
    expect($('[data-link="unsubscribe"]').attr('href')).toBe('https://cchc.example.vn/digests/unsubscribe?token=abc&x=1');
  });

  it('counts per area and per agency (every publisher of a syndicated story)', () => {
    expect($('[data-section="counts-areas"] [data-count="procedures"] td').last().text()).toBe('2');
    expect($('[data-section="counts-agencies"] [data-count="so-tu-phap"] td').last().text()).toBe('4');
    expect($('[data-section="counts-agencies"] [data-count="ubnd-quy-nhon"] td').last().text()).toBe('1');
    expect(content.totals).toEqual({ stories: 4, agencies: 2, areas: 3 });
  });

  it("shows the desks' next slots and the quarter's snapshot with missing agencies and days left", () => {
    expect($('[data-desk="newspaper"]').text()).toContain('Trang CCHC tháng 04/2025');
    expect($('[data-desk="tv"]').text()).toContain('Chưa có tin nào được xếp lịch.');
    expect($('[data-section="compliance"] h2').text()).toBe('Tình hình gửi tin quý II năm 2025');
    expect($('[data-field="submitted"]').text()).toBe('Đã có tin: 2/3 cơ quan, đơn vị (còn 84 ngày).');
    expect($('[data-missing]').map((_, el) => $(el).attr('data-missing')).get()).toEqual(['ubnd-quy-nhon']);
    expect($('[data-missing="ubnd-quy-nhon"]').text()).toBe('UBND thành phố Quy Nhơn — còn 84 ngày');
  });

  it('is a phone-friendly e-mail: Vietnamese, a viewport, one column at most 600 px, inline CSS only', () => {
    expect($('html').attr('lang')).toBe('vi');
    expect($('meta[name="viewport"]').attr('content')).toContain('width=device-width');
    expect($('style')).toHaveLength(0);
    expect($('link[rel="stylesheet"]')).toHaveLength(0);
    expect($('table[style*="max-width:600px"]')).toHaveLength(1);
    expect($('h1').text()).toBe('Bản tin CCHC tuần 14/2025');
    // Diacritics survive as characters (NFC), not entities or mojibake.
    expect(renderDigestHtml(content)).toContain('Cải cách thủ tục hành chính (2)');
    expect(digestSubject(content)).toBe('Bản tin CCHC tuần 14/2025 (31/03/2025 – 06/04/2025)');
  });

  it('has a plain-text part with the same content, and JSON that is the content as data', () => {
    const text = renderDigestText(content, { unsubscribeUrl: 'https://u.example/x' });
    const lines = text.split('\n');
    expect(lines).toContain('== Cải cách thủ tục hành chính (2) ==');
    expect(lines).toContain('  https://example.gov.vn/tin/a2');
    expect(lines).toContain('  UBND thành phố Quy Nhơn · 02/04/2025');
    expect(lines).toContain('- UBND thành phố Quy Nhơn — còn 84 ngày');
    expect(lines).toContain('Hủy đăng ký nhận bản tin: https://u.example/x');
    expect(text).toContain('Cải cách thủ tục <b>hành chính</b> & "một cửa"');
    const json = JSON.parse(renderDigestJson(content));
    expect(json).toEqual(JSON.parse(JSON.stringify(content)));
    expect(json.areas[0].stories[0]).toMatchObject({ id: 'a1', agencyName: 'Sở Tư pháp', date: '01/04/2025', url: 'https://example.gov.vn/tin/a1' });
  });

  it('leaves the unsubscribe link out of the archived rendering', () => {
    const archived = cheerio.load(renderDigestHtml(content));
    expect(archived('[data-link="unsubscribe"]')).toHaveLength(0);
  });
});

describe('edge cases', () => {
  it('an empty week still gets a short digest that says so', () => {
    const content = buildDigestContent(input('2025-W20', []));
    expect(content.empty).toBe(true);
    const $ = cheerio.load(renderDigestHtml(content));
    expect($('[data-section="empty"]').text()).toBe('Tuần này không có tin cải cách hành chính nào được ghi nhận.');
    expect($('[data-story]')).toHaveLength(0);
    expect($('[data-section="counts-areas"]')).toHaveLength(0);
    expect($('[data-section="compliance"]')).toHaveLength(1);
    expect(renderDigestText(content)).toContain('Tuần này không có tin cải cách hành chính nào được ghi nhận.');
  });

  it("a week across a quarter boundary shows the quarter of its send time", () => {
    // 2025-W14 is Mon 31/03 – Sun 06/04/2025: Q1 and Q2; sent Mon 07/04/2025 07:00 → Q2.
    expect(toVietnamIso(digestSendAt('2025-W14'))).toBe('2025-04-07T07:00:00+07:00');
    expect(digestQuarter('2025-W14')).toBe('2025-Q2');
    // 2025-W13 ends Sun 30/03, sent Mon 31/03 (still Q1, its last day).
    expect(digestQuarter('2025-W13')).toBe('2025-Q1');
    // 2025-W27 is 30/06 – 06/07: sent 07/07 → Q3.
    expect(digestQuarter('2025-W27')).toBe('2025-Q3');
    const content = buildDigestContent(input('2025-W14', [story('q1', '2025-03-31T08:00:00'), story('q2', '2025-04-03T08:00:00')]));
    expect(content.compliance.quarter).toBe('2025-Q2');
    expect(content.areas[0]!.stories.map((s) => s.id)).toEqual(['q1', 'q2']);
  });

  it('ISO week 53: 2026-W53 and 2020-W53 exist, their stories are found and the digest goes out in the new year', () => {
    expect(isoWeekOf(vn('2026-12-31T12:00:00'))).toBe('2026-W53');
    expect(isoWeekOf(vn('2027-01-03T23:59:59'))).toBe('2026-W53');
    expect(isoWeekOf(vn('2027-01-04T00:00:00'))).toBe('2027-W01');
    expect(isoWeekOf(vn('2020-12-31T12:00:00'))).toBe('2020-W53');
    expect(() => isoWeekBounds('2025-W53')).toThrow(RangeError);
    expect(toVietnamIso(isoWeekBounds('2026-W53').start)).toBe('2026-12-28T00:00:00+07:00');
    expect(toVietnamIso(digestSendAt('2026-W53'))).toBe('2027-01-04T07:00:00+07:00');
    expect(digestQuarter('2026-W53')).toBe('2027-Q1');
    // The run on Monday 04/01/2027 sends the week that ended: 2026-W53.
    expect(previousIsoWeek(vn('2027-01-04T07:00:00'))).toBe('2026-W53');
    expect(previousIsoWeek(vn('2021-01-04T07:00:00'))).toBe('2020-W53');
    const content = buildDigestContent(input('2026-W53', [story('w53a', '2026-12-28T00:00:00'), story('w53b', '2027-01-03T22:00:00'), story('w01', '2027-01-04T00:00:01')]));
    expect(content.weekLabel).toBe('tuần 53/2026');
    expect(content.period).toMatchObject({ firstDay: '28/12/2026', lastDay: '03/01/2027' });
    expect(content.areas.flatMap((g) => g.stories.map((s) => s.id))).toEqual(['w53a', 'w53b']);
    expect(cheerio.load(renderDigestHtml(content))('h1').text()).toBe('Bản tin CCHC tuần 53/2026');
  });

  it('cuts summaries to one line of at most 160 characters', () => {
    expect(oneLineSummary('  Dòng một\n\tdòng\u00a0hai  ')).toBe('Dòng một dòng hai');
    expect(oneLineSummary(null)).toBe('');
    const cut = oneLineSummary('chữ '.repeat(100));
    expect([...cut].length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('chữ…')).toBe(true);
  });
});
