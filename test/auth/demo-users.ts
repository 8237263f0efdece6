/** The demo users' hashes as handed over for config/demo.json (salt derived from `cchc-demo:<id>`). */
export const DEMO_HASHES = {
  bao: 'scrypt$16384$8$1$FFcZ/gkIio+APQnMB+RRXQ==$j2la6EZx6E0llOCQfCUvaBXGxlIHH8sCBcCkC9Lz0Sc=',
  truyenhinh: 'scrypt$16384$8$1$iVvWVLKHFI8JNTQxLHYJWA==$XRXMlbl8Gtz8WU89Y/QIPuhGUNg1UMt1ej4NqOL8Th4=',
  noivu: 'scrypt$16384$8$1$GNsVT/gjUa7AqN7GalN7pA==$EBO8R2MkG86fIzsFxAwqgwCCVDtbCZuKQ2wdIwulxWU=',
  sotuphap: 'scrypt$16384$8$1$Ur3DXfYPhccgePHBI5xAdw==$8r9idAcgM6fKd+zUjHezIT3Ud7EX8xwQyN7SOXg8Yx8=',
  quantri: 'scrypt$16384$8$1$AxTSV18Y3DLl2m44fIANCQ==$zbmrQ/jNUV8brZtuGvV5s9iSh2dLJ7E/57P8xbyLsv8=',
};

/** The demo users exactly as handed over for config/demo.json. */
export const DEMO_USERS = [
  { id: 'bao', name: 'Biên tập viên Báo Bình Định', role: 'editor-newspaper', passwordHash: DEMO_HASHES.bao },
  { id: 'truyenhinh', name: 'Biên tập viên Đài PT-TH Bình Định', role: 'editor-tv', passwordHash: DEMO_HASHES.truyenhinh },
  { id: 'noivu', name: 'Chuyên viên Sở Nội vụ', role: 'home-affairs', passwordHash: DEMO_HASHES.noivu },
  { id: 'sotuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', passwordHash: DEMO_HASHES.sotuphap },
  { id: 'quantri', name: 'Quản trị hệ thống', role: 'admin', passwordHash: DEMO_HASHES.quantri },
];
export const DEMO_PASSWORDS: Record<string, string> = {
  bao: 'bao-2026', truyenhinh: 'truyenhinh-2026', noivu: 'noivu-2026', sotuphap: 'sotuphap-2026', quantri: 'quantri-2026',
};
