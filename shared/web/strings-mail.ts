/**
 * Vietnamese wording of the product's e-mail (reminders) and of the outbox
 * pages, in one place so it can be reviewed together.
 */
import type { Agency } from '../config/schema';

/** Agency kinds, as Sở Nội vụ names them. */
export const KIND_NAMES: Readonly<Record<Agency['kind'], string>> = {
  department: 'Sở, ban, ngành',
  district: 'UBND cấp huyện',
  commune: 'UBND cấp xã',
  central: 'Cơ quan Trung ương đóng trên địa bàn',
  association: 'Hội, đoàn thể',
  press: 'Cơ quan báo chí',
  office: 'Văn phòng',
};

/** "Còn 7 ngày đến hết quý." — or, on the last day, that today is the last day. */
function daysLeftText(daysLeft: number): string {
  return daysLeft > 0 ? `Còn ${daysLeft} ngày đến hết quý.` : 'Hôm nay là ngày cuối cùng của quý.';
}

/** The reminder e-mails. */
export const mailStrings = {
  fromName: 'Hệ thống tin CCHC Bình Định',
  quarterName: (quarter: string) => {
    const [year, q] = quarter.split('-Q');
    return `quý ${['I', 'II', 'III', 'IV'][Number(q) - 1] ?? q} năm ${year}`;
  },
  agency: {
    subject: (quarterName: string, deadline: string) => `[CCHC] Nhắc nộp tin cải cách hành chính ${quarterName} — hạn ${deadline}`,
    greeting: (agencyName: string) => `Kính gửi: ${agencyName},`,
    intro: (quarterName: string, daysLeft: number) =>
      `Theo dõi của hệ thống thu thập tin cải cách hành chính (CCHC), đến nay cơ quan chưa hoàn thành yêu cầu đưa tin CCHC ${quarterName}. ${daysLeftText(daysLeft)}`,
    missing: 'Chưa có tin CCHC nào của cơ quan được ghi nhận trong quý.',
    leadMissing: (items: number) => `Đã ghi nhận ${items} tin, nhưng các lĩnh vực cơ quan được giao chủ trì chưa có tin:`,
    deadline: (deadline: string) => `Đề nghị cơ quan đăng tin trên cổng/trang thông tin điện tử của mình hoặc gửi trực tiếp qua hệ thống trước hết ngày ${deadline}.`,
    link: 'Xem và gửi tin tại:',
    sourceTrouble: 'Lưu ý: hệ thống hiện không đọc được trang tin của cơ quan; nếu cơ quan đã đăng tin, đề nghị gửi trực tiếp qua hệ thống để được ghi nhận.',
    closing: 'Đây là thư tự động của hệ thống; cơ quan đã gửi đủ tin thì không cần trả lời thư này.',
    signature: 'Sở Nội vụ tỉnh Bình Định',
  },
  rollup: {
    subject: (quarterName: string, daysLeft: number, laggards: number) =>
      `[CCHC] Tổng hợp ${quarterName}: ${laggards} cơ quan chưa đạt — ${daysLeft > 0 ? `còn ${daysLeft} ngày` : 'hôm nay là hạn cuối'}`,
    intro: (quarterName: string, deadline: string) => `Tình hình đưa tin cải cách hành chính ${quarterName} (hạn cuối ${deadline}):`,
    none: 'Tất cả các cơ quan đã đạt yêu cầu của quý. Không có cơ quan nào cần nhắc.',
    reminded: (count: number) => `Hệ thống đã gửi thư nhắc tới ${count} cơ quan có địa chỉ thư điện tử.`,
    noContact: 'chưa có địa chỉ thư — chưa gửi nhắc được',
    sourceTrouble: 'nguồn tin đang lỗi (có thể do hệ thống không đọc được)',
    statusMissing: 'chưa có tin',
    statusLeadMissing: (areas: string) => `thiếu lĩnh vực chủ trì: ${areas}`,
    link: 'Xem chi tiết:',
  },
} as const;

/** The outbox pages (admins). */
export const outboxStrings = {
  title: 'Hộp thư đã gửi',
  intro: 'Các thư hệ thống đã gửi, mới nhất trước (SES trên AWS, tệp .eml khi chạy trên máy).',
  empty: 'Chưa có thư nào được gửi.',
  columns: { when: 'Thời gian', to: 'Người nhận', subject: 'Tiêu đề', tag: 'Loại', transport: 'Cách gửi' },
  transport: { ses: 'Amazon SES', outbox: 'Hộp thư cục bộ (.eml)' },
  messageTitle: 'Nội dung thư',
  file: 'Tệp',
  back: '← Hộp thư đã gửi',
  notFound: 'Không tìm thấy thư này.',
  navLabel: 'Hộp thư',
} as const;

/** The `cchc reminders` summary line. */
export const remindersCliStrings = {
  summary: (quarter: string, threshold: number | null, sent: number, skipped: number, failed: number) =>
    threshold === null
      ? `Nhắc việc ${quarter}: chưa đến mốc nhắc nào — không gửi thư.`
      : `Nhắc việc ${quarter}, mốc ${threshold} ngày: đã gửi ${sent}, bỏ qua ${skipped} (đã gửi trước đó), lỗi ${failed}.`,
  noMail: 'Cấu hình không có mục "mail" (người gửi, Sở Nội vụ): không gửi thư nhắc.',
} as const;
