import { describe, expect, it } from 'vitest';
import { buildRundown, renderRundownPrint, rundownCsv, type RundownEntry } from '../../shared/desks/rundown';
import { SlotIdError } from '../../shared/desks/slots';
import { PAGE, SEGMENT } from './fixtures';

const AGENCIES = new Map([
  ['so-noi-vu', 'Sở Nội vụ'],
  ['ubnd-an-nhon', 'UBND thị xã An Nhơn'],
]);

const ENTRIES: RundownEntry[] = [
  { storyId: 's1', title: 'Sở Nội vụ triển khai "Chỉ số CCHC", năm 2026', agencyId: 'so-noi-vu', seconds: 165 },
  { storyId: 's2', title: '=HYPERLINK("http://x","bấm")', agencyId: 'ubnd-an-nhon', seconds: 130 },
  { storyId: 's3', title: 'Một cửa liên thông', agencyId: 'unknown-agency', seconds: 95.4 },
];

/** A minimal RFC 4180 reader, to check the CSV parses back to the cells meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') [cell, i] = [cell + '"', i + 1];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') [row, cell] = [[...row, cell], ''];
    else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      [row, cell, i] = [[], '', i + 1];
    } else cell += ch;
  }
  return rows;
}

describe('buildRundown', () => {
  it('numbers the rows in the order given, names agencies and totals the airtime', () => {
    const rundown = buildRundown(SEGMENT, '2026-12-05', ENTRIES, AGENCIES);
    expect(rundown).toEqual({
      slotId: '2026-12-05',
      label: 'Chương trình CCHC phát sóng thứ Bảy, 05/12/2026',
      rows: [
        { order: 1, storyId: 's1', title: ENTRIES[0]!.title, agencyName: 'Sở Nội vụ', seconds: 165 },
        { order: 2, storyId: 's2', title: ENTRIES[1]!.title, agencyName: 'UBND thị xã An Nhơn', seconds: 130 },
        // An agency with no name on file shows its id; airtime is whole seconds.
        { order: 3, storyId: 's3', title: 'Một cửa liên thông', agencyName: 'unknown-agency', seconds: 95 },
      ],
      totalSeconds: 390,
      minSeconds: 600,
      maxSeconds: 900,
    });
  });

  it('takes agency names as a plain record too', () => {
    expect(buildRundown(SEGMENT, '2026-12-05', ENTRIES.slice(0, 1), { 'so-noi-vu': 'Sở Nội vụ' }).rows[0]!.agencyName).toBe('Sở Nội vụ');
  });

  it.each([
    ['a page has no rundown', PAGE, '2026-12', TypeError],
    ['an off-cadence date', SEGMENT, '2026-12-06', SlotIdError],
    ['not a date', SEGMENT, 'tomorrow', SlotIdError],
  ] as const)('refuses %s', (_, slot, id, error) => {
    expect(() => buildRundown(slot, id, ENTRIES, AGENCIES)).toThrow(error);
  });
});

describe('rundownCsv', () => {
  const csv = rundownCsv(buildRundown(SEGMENT, '2026-12-05', ENTRIES, AGENCIES));

  it('is UTF-8 with a BOM, CRLF line ends and the Vietnamese headers', () => {
    expect(csv.startsWith('\uFEFFSTT,Tiêu đề,Cơ quan,Thời lượng (giây),Thời lượng\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas and quotes, and defuses formulas', () => {
    expect(csv).toBe(
      '\uFEFF' +
        [
          'STT,Tiêu đề,Cơ quan,Thời lượng (giây),Thời lượng',
          '1,"Sở Nội vụ triển khai ""Chỉ số CCHC"", năm 2026",Sở Nội vụ,165,2:45',
          `2,"'=HYPERLINK(""http://x"",""bấm"")",UBND thị xã An Nhơn,130,2:10`,
          '3,Một cửa liên thông,unknown-agency,95,1:35',
          ',Tổng cộng,,390,6:30',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+84 256 382', "'+84 256 382"],
    ['-5 thủ tục', "'-5 thủ tục"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['Bình thường', 'Bình thường'],
    ['Dòng 1\nDòng 2', 'Dòng 1\nDòng 2'],
    [' lề ', ' lề '],
  ])('the cell %j reads back as %j', (title, cell) => {
    const rows = parseCsv(rundownCsv(buildRundown(SEGMENT, '2026-12-05', [{ storyId: 'x', title, agencyId: title, seconds: 60 }], {})).slice(1));
    expect(rows[1]).toEqual(['1', cell, cell, '60', '1:00']);
  });
});

describe('renderRundownPrint', () => {
  const page = renderRundownPrint(
    buildRundown(SEGMENT, '2026-12-05', [...ENTRIES, { storyId: 'x', title: '<img src=x onerror=alert(1)>', agencyId: '<b>', seconds: 300 }], AGENCIES),
    { csvHref: '/desks/tv/slots/2026-12-05/rundown.csv', generatedAt: '01/12/2026 10:00' },
  );

  it('is a Vietnamese page with every row, its airtime and the total', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Kịch bản chương trình CCHC phát sóng thứ Bảy, 05/12/2026');
    expect(page).toContain('Khung thời lượng: 10:00–15:00 · 4 tin · Lập lúc 01/12/2026 10:00');
    for (const text of ['STT', 'Tiêu đề', 'Cơ quan', 'Thời lượng', 'Tổng cộng', '2:45', '2:10', '1:35', '5:00', '11:30', 'Sở Nội vụ', 'UBND thị xã An Nhơn']) {
      expect(page).toContain(text);
    }
    expect(page).toContain('<td class="num">11:30</td>');
  });

  it('escapes every value', () => {
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;b&gt;');
    expect(page).toContain('Sở Nội vụ triển khai &quot;Chỉ số CCHC&quot;, năm 2026');
  });

  it('has a print stylesheet and keeps screen-only links off paper', () => {
    expect(page).toMatch(/@media print\{[^]*header\.top,\.no-print\{display:none!important\}/);
    expect(page).toContain('@page{size:A4');
    expect(page).toContain('<p class="muted no-print">');
    expect(page).toContain('href="/desks/tv/slots/2026-12-05/rundown.csv"');
  });

  it.each([
    ['over the maximum', [{ storyId: 'a', title: 'A', agencyId: 'so-noi-vu', seconds: 960 }], 'Vượt thời lượng tối đa 1:00.'],
    ['under the minimum', [{ storyId: 'a', title: 'A', agencyId: 'so-noi-vu', seconds: 480 }], 'Còn thiếu 2:00 so với thời lượng tối thiểu.'],
    ['empty', [], 'Chương trình chưa có tin nào.'],
  ])('says when the segment is %s', (_, entries, message) => {
    expect(renderRundownPrint(buildRundown(SEGMENT, '2026-12-05', entries, AGENCIES))).toContain(message);
  });
});
