/**
 * The reform-area ids of domain.md. They are a contract: tests, exports and
 * the API use exactly these strings.
 */
export const AREA_IDS = [
  'direction',
  'institutions',
  'procedures',
  'organization',
  'civil_service',
  'public_finance',
  'digital_government',
  'business_environment',
  'project06',
  'science_innovation',
] as const;

/** One reform-area id. */
export type AreaId = (typeof AREA_IDS)[number];

/** The Vietnamese name of each area (domain.md), for display. */
export const AREA_NAMES: Readonly<Record<AreaId, string>> = {
  direction: 'Công tác chỉ đạo, điều hành CCHC',
  institutions: 'Cải cách thể chế',
  procedures: 'Cải cách thủ tục hành chính',
  organization: 'Cải cách tổ chức bộ máy',
  civil_service: 'Cải cách chế độ công vụ',
  public_finance: 'Cải cách tài chính công',
  digital_government: 'Chính quyền điện tử, chính quyền số',
  business_environment: 'Môi trường đầu tư, kinh doanh',
  project06: 'Đề án 06',
  science_innovation: 'Khoa học, công nghệ, đổi mới sáng tạo',
};
