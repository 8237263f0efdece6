/**
 * The demo users of the local runtime, one per role (README, "Local
 * sign-in"). Their hashes use a salt derived from `cchc-demo:<id>` so that
 * config/demo.json is reproducible — acceptable for demo data only, never
 * for real users. Made with:
 * `printf '%s' 'bao-2026' | node bin/run-ts.mjs scripts/hash-password.ts --demo-salt cchc-demo:bao`
 */
export const DEMO_USERS = [
  { id: 'bao', name: 'Biên tập viên Báo Bình Định', role: 'editor-newspaper', email: 'bao@baobinhdinh.example.vn', passwordHash: 'scrypt$16384$8$1$FFcZ/gkIio+APQnMB+RRXQ==$j2la6EZx6E0llOCQfCUvaBXGxlIHH8sCBcCkC9Lz0Sc=' },
  { id: 'truyenhinh', name: 'Biên tập viên Đài PT-TH Bình Định', role: 'editor-tv', email: 'truyenhinh@ptthbinhdinh.example.vn', passwordHash: 'scrypt$16384$8$1$iVvWVLKHFI8JNTQxLHYJWA==$XRXMlbl8Gtz8WU89Y/QIPuhGUNg1UMt1ej4NqOL8Th4=' },
  { id: 'noivu', name: 'Chuyên viên Sở Nội vụ', role: 'home-affairs', email: 'noivu@sonoivu.binhdinh.example.gov.vn', passwordHash: 'scrypt$16384$8$1$GNsVT/gjUa7AqN7GalN7pA==$EBO8R2MkG86fIzsFxAwqgwCCVDtbCZuKQ2wdIwulxWU=' },
  { id: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', email: 'sotuphap@sotuphap.binhdinh.example.gov.vn', passwordHash: 'scrypt$16384$8$1$Ur3DXfYPhccgePHBI5xAdw==$8r9idAcgM6fKd+zUjHezIT3Ud7EX8xwQyN7SOXg8Yx8=' },
  { id: 'quantri', name: 'Quản trị hệ thống', role: 'admin', email: 'quantri@binhdinh.example.gov.vn', passwordHash: 'scrypt$16384$8$1$AxTSV18Y3DLl2m44fIANCQ==$zbmrQ/jNUV8brZtuGvV5s9iSh2dLJ7E/57P8xbyLsv8=' },
] as const;

/** The demo passwords, for the README and the browser tests. */
export const DEMO_PASSWORDS: Readonly<Record<(typeof DEMO_USERS)[number]['id'], string>> = {
  bao: 'bao-2026',
  truyenhinh: 'truyenhinh-2026',
  noivu: 'noivu-2026',
  sotuphap: 'sotuphap-2026',
  quantri: 'quantri-2026',
};
