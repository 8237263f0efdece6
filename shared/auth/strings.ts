/**
 * The Vietnamese strings of sign-in, kept apart from shared/web/strings.ts
 * so the auth module and the pages can change independently.
 */
export const authVi = {
  signIn: {
    title: 'Đăng nhập',
    heading: 'Đăng nhập hệ thống',
    intro: 'Dành cho biên tập viên, Sở Nội vụ, cán bộ các cơ quan, đơn vị và quản trị hệ thống.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    cognito: 'Đăng nhập bằng tài khoản được cấp',
    signOut: 'Đăng xuất',
    signedOut: 'Bạn đã đăng xuất.',
  },
  errors: {
    invalidCredentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    missingCredentials: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    signInRequired: 'Vui lòng đăng nhập để tiếp tục.',
    signInFailed: 'Không đăng nhập được. Vui lòng thử lại.',
    notAuthorised: 'Tài khoản của bạn chưa được phân quyền. Vui lòng liên hệ quản trị hệ thống.',
    unauthenticatedApi: 'Cần đăng nhập (Authorization: Bearer hoặc phiên đăng nhập).',
  },
} as const;

/** Where the sign-in routes live (the api function routes them; pages link to them). */
export const AUTH_PATHS = {
  signIn: '/auth/signin',
  signOut: '/auth/signout',
  /** Cognito's redirect target; registered as a callback URL on the app client. */
  callback: '/auth/callback',
} as const;
