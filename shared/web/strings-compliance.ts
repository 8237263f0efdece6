/**
 * The Vietnamese strings of the compliance view, its exports and Sở Nội
 * vụ's counted marks (issue 5), kept apart from strings.ts.
 */
import type { Agency } from '../config/schema';
import type { ComplianceStatus } from '../compliance/types';

export const complianceVi = {
  nav: 'Báo cáo quý',
  statuses: {
    met: 'Đạt',
    lead_missing: 'Thiếu lĩnh vực chủ trì',
    missing: 'Chưa có tin',
  } satisfies Record<ComplianceStatus, string>,
  kinds: {
    department: 'Sở, ban, ngành',
    district: 'UBND cấp huyện',
    commune: 'UBND cấp xã',
    central: 'Cơ quan Trung ương trên địa bàn',
    association: 'Tổ chức chính trị - xã hội, hội',
    press: 'Cơ quan báo chí',
    office: 'Văn phòng',
  } satisfies Record<Agency['kind'], string>,
  health: {
    ok: 'Nguồn tin hoạt động bình thường',
    failing: 'Nguồn tin đang lỗi',
    needs_repair: 'Nguồn tin cần sửa',
    no_sources: 'Không có nguồn tự động',
  },
  healthShort: { ok: 'Nguồn ổn định', failing: 'Nguồn lỗi', needs_repair: 'Nguồn cần sửa', no_sources: 'Không có nguồn' },
  /** Shown next to `missing` when the scraper, not the agency, may be at fault. */
  silentOrBroken: 'Có thể do lỗi thu thập, không phải cơ quan không gửi tin',
  quarterTitle: (quarter: string) => `Báo cáo tin CCHC quý ${quarterLabel(quarter)}`,
  periodTitle: (id: string) => `Báo cáo tin CCHC ${periodLabel(id)}`,
  daysLeft: (days: number) => `Còn ${days} ngày của quý`,
  asOfNow: 'Quý đang diễn ra: trạng thái tính đến thời điểm hiện tại.',
  ended: 'Quý đã kết thúc.',
  future: 'Quý chưa bắt đầu.',
  previous: '← Quý trước',
  next: 'Quý sau →',
  filters: { kind: 'Loại cơ quan', status: 'Trạng thái', all: 'Tất cả', apply: 'Lọc' },
  columns: {
    agencyId: 'Mã cơ quan',
    agency: 'Cơ quan',
    kind: 'Loại cơ quan',
    items: 'Số tin được tính',
    areas: 'Lĩnh vực đã có tin',
    leadAreas: 'Lĩnh vực chủ trì',
    leadAreasMissing: 'Lĩnh vực chủ trì còn thiếu',
    leadCovered: 'Lĩnh vực chủ trì đã có',
    status: 'Trạng thái',
    firstAt: 'Tin đầu tiên',
    lastAt: 'Tin gần nhất',
    daysLeft: 'Số ngày còn lại',
    health: 'Tình trạng nguồn tin',
    year: 'Cả năm / chỉ tiêu',
    quarter: 'Quý',
    title: 'Tiêu đề',
    at: 'Thời điểm',
    mark: 'Đánh dấu của Sở Nội vụ',
  },
  totals: {
    heading: 'Tổng hợp',
    agencies: 'Số cơ quan',
    items: 'Tổng số tin được tính',
  },
  none: 'Không có cơ quan nào phù hợp.',
  exports: { heading: 'Xuất báo cáo', csv: 'CSV (Excel)', xlsx: 'XLSX', json: 'JSON', half: (id: string) => `Nửa năm ${periodLabel(id)}`, year: (year: number) => `Cả năm ${year}` },
  history: {
    title: (name: string) => `Lịch sử gửi tin: ${name}`,
    quarters: 'Các quý trong 2 năm gần nhất',
    chart: (name: string) => `Biểu đồ số tin được tính theo quý của ${name}`,
    notJudged: 'Không xét (ngoài thời gian hoạt động)',
    mergedInto: 'Đã hợp nhất vào',
    mergedOn: (date: string) => `Hoạt động đến ngày ${date}`,
    predecessors: 'Cơ quan đã hợp nhất vào đơn vị này',
    yearTarget: (year: number, items: number, target: number) => `Năm ${year}: ${items}/${target} tin theo kế hoạch`,
    counted: 'Tin được tính',
    notCounted: 'Tin không được tính',
    noItems: 'Chưa có tin nào.',
    back: '← Về báo cáo quý',
  },
  mark: {
    heading: 'Tính vào báo cáo quý',
    current: (counted: boolean) => (counted ? 'Sở Nội vụ đã đánh dấu: tính vào báo cáo quý' : 'Sở Nội vụ đã đánh dấu: không tính vào báo cáo quý'),
    byAt: (by: string, at: string) => `bởi ${by} lúc ${at}`,
    none: 'Chưa có đánh dấu của Sở Nội vụ: tin được tính theo nhãn (của người, nếu có; nếu không, của hệ thống).',
    effective: (counts: boolean) => (counts ? 'Hiện tại: được tính vào báo cáo quý.' : 'Hiện tại: không được tính vào báo cáo quý.'),
    reason: 'Lý do',
    counted: 'Tính vào báo cáo quý',
    notCounted: 'Không tính',
    clear: 'Bỏ đánh dấu',
    reasonRequired: 'Cần nhập lý do.',
    saved: 'Đã lưu đánh dấu.',
    audit: (counted: boolean | null) => (counted === null ? 'Bỏ đánh dấu' : counted ? 'Tính vào báo cáo quý' : 'Không tính vào báo cáo quý'),
  },
  notFoundAgency: 'Không tìm thấy cơ quan.',
};

/** `2025-Q2` → `II/2025`. */
export function quarterLabel(quarter: string): string {
  const roman = ['I', 'II', 'III', 'IV'][Number(quarter.slice(-1)) - 1] ?? quarter.slice(-1);
  return `${roman}/${quarter.slice(0, 4)}`;
}

/** `2025-H1` → `6 tháng đầu năm 2025`; `2025` → `năm 2025`; a quarter → `quý II/2025`. */
export function periodLabel(id: string): string {
  const half = /^(\d{4})-H([12])$/.exec(id);
  if (half) return `${half[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${half[1]}`;
  if (/^\d{4}-Q[1-4]$/.test(id)) return `quý ${quarterLabel(id)}`;
  return `năm ${id}`;
}
