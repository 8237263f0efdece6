/**
 * The demo agency websites, one module each. Ports are fixed (127.0.0.1:41NN)
 * so config/demo.json can name them; tests start them on port 0 instead.
 */
import type { DemoSite } from '../types';
import { banQuanLyKhuKinhTe } from './ban-quan-ly-khu-kinh-te';
import { baoBinhDinh } from './bao-binh-dinh';
import { congAnTinh } from './cong-an-tinh';
import { daiPtthBinhDinh } from './dai-ptth-binh-dinh';
import { soCongThuong } from './so-cong-thuong';
import { soGiaoDucDaoTao } from './so-giao-duc-dao-tao';
import { soKhoaHocCongNghe } from './so-khoa-hoc-cong-nghe';
import { soNoiVu } from './so-noi-vu';
import { soTaiChinh } from './so-tai-chinh';
import { soThongTinTruyenThong } from './so-thong-tin-truyen-thong';
import { soTuPhap } from './so-tu-phap';
import { ubndHoaiNhon } from './ubnd-hoai-nhon';
import { ubndQuyNhon } from './ubnd-quy-nhon';
import { ubndTuyPhuoc } from './ubnd-tuy-phuoc';
import { ubndVanCanh } from './ubnd-van-canh';
import { vanPhongUbndTinh } from './van-phong-ubnd-tinh';

/** Every demo site, in port order. */
export const DEMO_SITES: readonly DemoSite[] = [
  soNoiVu,
  vanPhongUbndTinh,
  soTaiChinh,
  soThongTinTruyenThong,
  soTuPhap,
  ubndVanCanh,
  congAnTinh,
  ubndQuyNhon,
  ubndHoaiNhon,
  soGiaoDucDaoTao,
  baoBinhDinh,
  daiPtthBinhDinh,
  ubndTuyPhuoc,
  soKhoaHocCongNghe,
  banQuanLyKhuKinhTe,
  soCongThuong,
];

/** The host every fixed-port demo URL uses. */
export const DEMO_HOST = '127.0.0.1';

/** The URL of a site's source as config/demo.json writes it (fixed port). */
export function fixedSourceUrl(site: DemoSite): string {
  return `http://${DEMO_HOST}:${site.port}${site.source.path}`;
}
