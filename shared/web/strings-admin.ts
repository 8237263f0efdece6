/**
 * The Vietnamese strings of the admin screens of issue 8: agencies (admins
 * and Sở Nội vụ), users and API tokens (admins), kept apart from strings.ts.
 */

const FIELD_NAMES: Record<string, string> = {
  id: 'Mã cơ quan',
  name: 'Tên cơ quan',
  kind: 'Loại cơ quan',
  leadAreas: 'Lĩnh vực chủ trì',
  contacts: 'Thư điện tử liên hệ',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Hiệu lực đến ngày',
  successorId: 'Cơ quan kế thừa',
  form: 'Biểu mẫu',
};

/** The agency registry's pages, its preview and its validation messages. */
export const agenciesVi = {
  nav: 'Cơ quan',
  title: 'Danh mục cơ quan, đơn vị',
  intro: 'Thêm cơ quan, đổi tên, loại, lĩnh vực chủ trì và địa chỉ liên hệ, ghi nhận sáp nhập. Mọi thay đổi được ghi lại (ai, lúc nào, trước, sau).',
  add: 'Thêm cơ quan',
  addTitle: 'Thêm cơ quan mới',
  editTitle: (name: string) => `Sửa thông tin: ${name}`,
  edit: 'Sửa',
  fields: FIELD_NAMES,
  hints: {
    id: 'Chữ thường không dấu, số và dấu gạch ngang, ví dụ so-tu-phap. Không đổi được sau khi tạo.',
    contacts: 'Mỗi dòng một địa chỉ.',
    validTo: 'Để trống nếu cơ quan còn hoạt động. Khi sáp nhập: ngày cuối cùng cơ quan tồn tại.',
    successorId: 'Cơ quan tiếp nhận sau sáp nhập (cần có ngày hết hiệu lực).',
  },
  none: '— Không có —',
  active: 'Đang hoạt động',
  endedOn: (day: string) => `Hết hiệu lực từ ${day}`,
  mergedInto: (name: string) => `Sáp nhập vào ${name}`,
  preview: 'Xem trước ảnh hưởng',
  save: 'Lưu thay đổi',
  saveAnyway: 'Xác nhận và lưu',
  previewTitle: 'Ảnh hưởng tới báo cáo các quý',
  previewIntro: 'Theo quy tắc tính tin: cơ quan được đánh giá trong quý mà thời gian hiệu lực của nó giao với quý; tin đã gửi vẫn thuộc cơ quan đã gửi, không chuyển sang cơ quan kế thừa.',
  previewNone: 'Thay đổi này không làm thay đổi kết quả của quý nào.',
  previewConfirm: 'Kiểm tra bảng trên rồi bấm “Xác nhận và lưu”, hoặc sửa lại biểu mẫu.',
  columns: {
    quarter: 'Quý',
    who: 'Cơ quan',
    expected: 'Phải nộp',
    credited: 'Tin được tính',
    uncredited: 'Tin không được tính cho ai',
    status: 'Trạng thái',
    before: 'Trước',
    after: 'Sau',
    kind: 'Loại',
    validity: 'Hiệu lực',
    leadAreas: 'Lĩnh vực chủ trì',
    contacts: 'Liên hệ',
    actions: 'Thao tác',
  },
  yes: 'Có',
  no: 'Không',
  notJudged: 'Không đánh giá',
  changed: 'có thay đổi',
  newAgency: '(cơ quan mới)',
  warnings: {
    creditsDropped: (quarter: string, count: number) => `Quý ${quarter}: ${count} tin đang được tính sẽ không còn được tính.`,
    gap: (from: string, to: string) => `Từ ${from} đến ${to} không cơ quan nào (cơ quan này hay cơ quan kế thừa) phải nộp tin.`,
    overlap: (from: string, to: string) => `Từ ${from} đến ${to} cả cơ quan này và cơ quan kế thừa cùng được đánh giá.`,
  },
  historyTitle: 'Lịch sử thay đổi',
  historyEmpty: 'Chưa có thay đổi nào qua giao diện (dữ liệu ban đầu lấy từ tệp cấu hình).',
  historyColumns: { at: 'Thời điểm', by: 'Người thay đổi', action: 'Thao tác', before: 'Trước', after: 'Sau' },
  historyActions: { add: 'Thêm mới', edit: 'Sửa', import: 'Nhập từ tệp cấu hình', seed: 'Dữ liệu ban đầu' } as Record<string, string>,
  saved: 'Đã lưu thay đổi.',
  created: 'Đã thêm cơ quan.',
  notFound: 'Không tìm thấy cơ quan này.',
  back: '← Danh mục cơ quan',
  conflict: (who: string, when: string) => `Cơ quan này vừa được ${who} thay đổi lúc ${when} — hãy tải lại trang để xem bản mới trước khi lưu.`,
  exists: (id: string) => `Mã cơ quan “${id}” đã được dùng — hãy tải lại trang.`,
  fixErrors: 'Chưa lưu: hãy sửa các lỗi dưới đây.',
  viewCompliance: 'Xem báo cáo quý của cơ quan',
  validation: {
    field: (field: string, detail: string) => `${FIELD_NAMES[field] ?? field}: ${fieldMessage(detail)}`,
    idTaken: (id: string) => `Mã cơ quan “${id}” đã được dùng.`,
    validToBeforeFrom: 'Ngày hết hiệu lực phải bằng hoặc sau ngày bắt đầu hiệu lực.',
    successorSelf: 'Một cơ quan không thể kế thừa chính nó.',
    successorUnknown: (id: string) => `Không có cơ quan mã “${id}”.`,
    successorNeedsEnd: 'Khi ghi nhận sáp nhập cần nhập ngày hết hiệu lực.',
    cycle: 'Chuỗi sáp nhập tạo thành vòng lặp (cơ quan kế thừa lại sáp nhập về cơ quan này).',
    badVersion: 'Phiên bản không hợp lệ — hãy tải lại trang.',
  },
};

/** zod's English detail, in Vietnamese where we recognise it. */
function fieldMessage(detail: string): string {
  if (/date as YYYY-MM-DD/.test(detail)) return 'cần một ngày dạng NNNN-TT-NN.';
  if (/slug/.test(detail)) return 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang.';
  if (/email/i.test(detail)) return 'địa chỉ thư điện tử không hợp lệ.';
  if (/Too small|at least|>=1|expected string to have/i.test(detail)) return 'không được để trống.';
  if (/Invalid (enum|option)|expected one of/i.test(detail)) return 'giá trị không hợp lệ.';
  return `không hợp lệ (${detail}).`;
}

/** The users page, the invitation's refusals and the set-password page. */
export const usersVi = {
  nav: 'Người dùng',
  title: 'Người dùng',
  introLocal: 'Tài khoản đăng nhập của hệ thống chạy trên máy (lưu trong bảng dữ liệu).',
  introCognito: 'Tài khoản trong Amazon Cognito: thư mời và đặt lại mật khẩu do Cognito gửi qua thư điện tử.',
  columns: { id: 'Tên đăng nhập', name: 'Họ tên', email: 'Thư điện tử', role: 'Vai trò', agency: 'Cơ quan', status: 'Trạng thái', actions: 'Thao tác' },
  statuses: { active: 'Đang hoạt động', invited: 'Chờ đặt mật khẩu', disabled: 'Đã khóa' },
  invite: 'Mời người dùng',
  inviteTitle: 'Mời người dùng mới',
  fields: { id: 'Tên đăng nhập', name: 'Họ tên', email: 'Thư điện tử', role: 'Vai trò', agencyId: 'Cơ quan (chỉ với cán bộ cơ quan)' },
  disable: 'Khóa',
  enable: 'Mở khóa',
  resetPassword: 'Đặt lại mật khẩu',
  invited: (id: string) => `Đã tạo tài khoản “${id}”.`,
  linkOnce: 'Gửi đường dẫn sau cho người dùng để họ tự đặt mật khẩu. Đường dẫn chỉ hiện một lần, dùng được một lần và hết hạn sau 72 giờ:',
  emailSent: (email: string) => `Cognito đã gửi thư tới ${email}.`,
  disabled: (id: string) => `Đã khóa “${id}”: mọi phiên đăng nhập và token API của người này đã bị chấm dứt.`,
  enabled: (id: string) => `Đã mở khóa “${id}”.`,
  reset: (id: string) => `Đã đặt lại mật khẩu của “${id}”; mật khẩu cũ không còn dùng được.`,
  errors: {
    self: 'Bạn không thể tự khóa tài khoản của mình.',
    lastAdmin: 'Không thể khóa quản trị viên cuối cùng còn hoạt động.',
    exists: (id: string) => `Tên đăng nhập “${id}” đã có.`,
    notFound: 'Không tìm thấy người dùng này.',
    agencyRequired: 'Cán bộ cơ quan cần chọn cơ quan.',
    agencyNotAllowed: 'Chỉ cán bộ cơ quan mới gắn với một cơ quan.',
    agencyUnknown: (id: string) => `Không có cơ quan mã “${id}”.`,
    id: 'Tên đăng nhập: chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự).',
    name: 'Họ tên không được để trống.',
    email: 'Địa chỉ thư điện tử không hợp lệ.',
    emailRequired: 'Cần địa chỉ thư điện tử (Cognito gửi thư mời tới đó).',
    role: 'Vai trò không hợp lệ.',
    service: (detail: string) => `Dịch vụ người dùng từ chối: ${detail}`,
  },
  setPassword: {
    title: 'Đặt mật khẩu',
    intro: (name: string) => `Xin chào ${name}. Hãy đặt mật khẩu cho tài khoản của bạn.`,
    password: 'Mật khẩu mới',
    confirm: 'Nhập lại mật khẩu',
    submit: 'Đặt mật khẩu',
    done: 'Đã đặt mật khẩu. Bạn có thể đăng nhập.',
    signIn: 'Đến trang đăng nhập',
    invalidLink: 'Đường dẫn không hợp lệ, đã dùng hoặc đã hết hạn. Hãy nhờ quản trị viên gửi đường dẫn mới.',
    tooShort: 'Mật khẩu cần ít nhất 10 ký tự.',
    mismatch: 'Hai lần nhập mật khẩu không khớp.',
  },
};

/** The API tokens page. */
export const tokensVi = {
  nav: 'Token API',
  title: 'Token API cho hệ thống tích hợp',
  intro: 'Token thay mặt một người dùng (và vai trò của họ) khi gọi /api/v1/. Chỉ lưu mã băm: token chỉ hiện một lần khi cấp.',
  columns: { label: 'Nhãn', user: 'Người dùng', role: 'Vai trò', created: 'Ngày cấp', expires: 'Hết hạn', lastUsed: 'Lần dùng gần nhất', status: 'Trạng thái', actions: 'Thao tác' },
  issue: 'Cấp token',
  issueTitle: 'Cấp token mới',
  fields: { userId: 'Người dùng', label: 'Nhãn (để nhận ra token)', days: 'Số ngày hiệu lực (để trống: đến khi thu hồi)' },
  never: 'Không hết hạn',
  notTracked: 'Không theo dõi',
  revoke: 'Thu hồi',
  active: 'Đang dùng',
  revokedAt: (when: string) => `Đã thu hồi lúc ${when}`,
  expired: 'Đã hết hạn',
  issued: 'Đã cấp token. Hãy lưu ngay: token chỉ hiện một lần.',
  revoked: 'Đã thu hồi token.',
  empty: 'Chưa có token nào.',
  errors: {
    user: 'Hãy chọn một người dùng đang hoạt động.',
    label: 'Nhãn không được để trống (tối đa 200 ký tự).',
    days: 'Số ngày hiệu lực là số nguyên từ 1 đến 3660.',
    notFound: 'Không có token này.',
  },
};
