/**
 * The Vietnamese wording of slots, budgets and rundowns. Kept here rather
 * than in shared/web/strings.ts so the desk core stays self-contained (and
 * usable by the CLI and the API alike); reviewed together all the same.
 */

/** Weekday names, index 0 = Sunday as in `Date#getUTCDay`. */
const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** Every Vietnamese string of the desk core modules. */
export const desksVi = {
  weekdays: WEEKDAYS,
  /** "Trang CCHC tháng 12/2026" */
  pageLabel: (month: string, year: string) => `Trang CCHC tháng ${month}/${year}`,
  /** "Chương trình CCHC phát sóng thứ Bảy, 05/12/2026" — the weekday is lower-cased mid-sentence. */
  segmentLabel: (weekday: string, date: string) => `Chương trình CCHC phát sóng ${lowerFirst(weekday)}, ${date}`,
  overfill: {
    segment: (date: string, used: string, max: string, story: string) =>
      `Vượt dung lượng: chương trình ${date} đã có ${used} trên tối đa ${max}; tin này dài ${story}.`,
    pageStories: (month: string, used: number, max: number) =>
      `Vượt dung lượng: trang tháng ${month} đã có ${used}/${max} tin.`,
    pageWords: (month: string, used: string, max: string, story: string) =>
      `Vượt dung lượng: trang tháng ${month} đã có ${used}/${max} chữ; tin này ${story} chữ.`,
  },
  rundown: {
    csvHeaders: ['STT', 'Tiêu đề', 'Cơ quan', 'Thời lượng (giây)', 'Thời lượng'] as const,
    total: 'Tổng cộng',
    heading: (label: string) => `Kịch bản ${lowerFirst(label)}`,
    title: 'Kịch bản chương trình CCHC',
    columns: { order: 'STT', title: 'Tiêu đề', agency: 'Cơ quan', airtime: 'Thời lượng' },
    budget: (min: string, max: string) => `Khung thời lượng: ${min}–${max}`,
    stories: (count: number) => `${count} tin`,
    overMax: (over: string) => `Vượt thời lượng tối đa ${over}.`,
    underMin: (short: string) => `Còn thiếu ${short} so với thời lượng tối thiểu.`,
    empty: 'Chương trình chưa có tin nào.',
    printHint: 'Dùng lệnh In của trình duyệt (Ctrl+P) để in kịch bản.',
    csvLink: 'Tải tệp CSV',
    generatedAt: (when: string) => `Lập lúc ${when}`,
  },
  errors: {
    notMonth: (id: string) => `"${id}" không phải mã trang tháng (cần dạng YYYY-MM, ví dụ 2026-12)`,
    notDate: (id: string) => `"${id}" không phải ngày phát sóng (cần dạng YYYY-MM-DD, ví dụ 2026-12-05)`,
    offCadence: (id: string, every: number, anchor: string) =>
      `${id} không phải ngày phát sóng: chương trình phát mỗi ${every} ngày kể từ ${anchor}`,
    notSegment: 'Chỉ chương trình truyền hình mới có kịch bản',
  },
} as const;

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}
