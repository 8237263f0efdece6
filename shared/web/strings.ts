/**
 * Every Vietnamese string of the interface, in one place so the wording can
 * be reviewed together. Code and identifiers stay English.
 */
export const vi = {
  productName: 'Tin cải cách hành chính Bình Định',
  nav: { stories: 'Tin đã thu thập', sources: 'Nguồn tin', health: 'Tình trạng hệ thống' },
  stories: {
    heading: 'Tin mới thu thập',
    intro: (count: number) => `Tổng cộng ${count.toLocaleString('vi-VN')} tin trong kho; dưới đây là các tin mới nhất.`,
    empty: 'Chưa có tin nào. Chu kỳ thu thập đầu tiên sẽ chạy trong ít phút.',
    columns: { date: 'Ngày đăng', title: 'Tiêu đề', agency: 'Cơ quan', article: 'Nội dung' },
    noDate: 'không rõ ngày',
    collectedAt: 'thu thập lúc',
    alsoPublishedBy: 'Cũng đăng trên',
    articlePending: 'đang lấy nội dung',
    articleDone: (words: number) => `${words.toLocaleString('vi-VN')} từ`,
    articleFailed: 'không lấy được nội dung',
  },
  story: {
    source: 'Xem bài gốc',
    agency: 'Cơ quan đăng',
    published: 'Ngày đăng',
    collected: 'Thời điểm thu thập',
    quarterWeek: 'Quý / tuần',
    summary: 'Tóm tắt',
    text: 'Nội dung bài viết',
    noText: 'Chưa có nội dung bài viết (đang chờ lấy từ trang gốc).',
    notFound: 'Không tìm thấy tin này.',
    back: '← Về danh sách tin',
  },
  sources: {
    heading: 'Tình trạng các nguồn tin',
    summary: (total: number, failing: number, repair: number) =>
      `${total} nguồn · ${failing} đang lỗi · ${repair} cần sửa bộ chọn`,
    columns: {
      source: 'Nguồn',
      agency: 'Cơ quan',
      kind: 'Loại',
      status: 'Trạng thái',
      lastSuccess: 'Thành công gần nhất',
      lastError: 'Lỗi gần nhất',
      failures: 'Lỗi liên tiếp',
      next: 'Lần thử kế tiếp',
    },
    ok: 'Hoạt động tốt',
    failing: 'Đang lỗi',
    needsRepair: 'Cần sửa (trang đã đổi giao diện)',
    paused: 'Tạm dừng',
    never: 'chưa lần nào',
    pending: 'Chưa thu thập',
  },
  lastCycle: (when: string | null) => (when ? `Chu kỳ thu thập gần nhất kết thúc lúc ${when}.` : 'Chưa có chu kỳ thu thập nào kết thúc.'),
  notFound: 'Không tìm thấy trang.',
  serverError: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.',
} as const;
