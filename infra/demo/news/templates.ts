/**
 * Stories that many agencies publish in their own words: the site's
 * {@link Voice} fills `{agency}`, `{units}` and `{place}`.
 */
import { story } from './story';

export const TEMPLATE_STORIES = [
  story(
    'tpl-ke-hoach-cchc',
    ['direction'],
    '{agency} ban hành Kế hoạch cải cách hành chính năm {year}',
    '{agency} vừa ban hành Kế hoạch cải cách hành chính năm {year} với 6 nhóm nhiệm vụ, 32 chỉ tiêu cụ thể, giao rõ trách nhiệm cho {units} và gắn kết quả thực hiện với đánh giá người đứng đầu.',
    'Kế hoạch xác định trọng tâm là cải cách thủ tục hành chính gắn với chuyển đổi số, nâng tỷ lệ hồ sơ trực tuyến, số hóa hồ sơ và giải quyết đúng hạn; đồng thời siết chặt kỷ luật, kỷ cương hành chính, nâng cao chất lượng đội ngũ cán bộ, công chức.',
    'Mỗi nhiệm vụ đều có thời hạn hoàn thành và sản phẩm đầu ra. Bộ phận tham mưu sẽ theo dõi tiến độ hằng tháng, báo cáo kết quả định kỳ hằng quý, 6 tháng và năm theo yêu cầu của Ủy ban nhân dân tỉnh.',
  ),
  story(
    'tpl-kiem-tra-cchc',
    ['direction'],
    '{agency} kiểm tra công tác cải cách hành chính tại {units}',
    'Đoàn kiểm tra của {agency} vừa kiểm tra công tác cải cách hành chính, công tác văn thư, lưu trữ và việc giải quyết thủ tục hành chính tại {units}.',
    'Qua kiểm tra, các đơn vị cơ bản triển khai đầy đủ kế hoạch cải cách hành chính, niêm yết công khai thủ tục theo quy định. Tuy nhiên, vẫn còn tình trạng chậm cập nhật hồ sơ trên hệ thống, báo cáo định kỳ chưa đúng hạn, một số hồ sơ lưu trữ chưa đầy đủ thành phần.',
    'Đoàn kiểm tra đề nghị các đơn vị khắc phục ngay những tồn tại đã chỉ ra, báo cáo kết quả bằng văn bản trong thời hạn 15 ngày; kết quả kiểm tra là căn cứ chấm điểm cải cách hành chính cuối năm.',
  ),
  story(
    'tpl-van-hoa-cong-so',
    ['civil_service'],
    '{agency} quán triệt thực hiện kỷ luật, kỷ cương hành chính và văn hóa công sở',
    '{agency} tổ chức hội nghị quán triệt các quy định về kỷ luật, kỷ cương hành chính, đạo đức công vụ và văn hóa công sở đến toàn thể cán bộ, công chức, viên chức, người lao động.',
    'Hội nghị nhấn mạnh yêu cầu chấp hành nghiêm thời gian làm việc, trang phục, thái độ giao tiếp với người dân, doanh nghiệp; không để xảy ra tình trạng né tránh, đùn đẩy trách nhiệm hay sợ sai không dám làm.',
    'Mỗi cán bộ, công chức ký cam kết thực hiện; thủ trưởng {units} chịu trách nhiệm kiểm tra, nhắc nhở thường xuyên và đưa kết quả chấp hành vào đánh giá, xếp loại chất lượng hằng năm.',
  ),
  story(
    'tpl-dvc-truc-tuyen',
    ['procedures'],
    '{agency} đẩy mạnh hướng dẫn người dân sử dụng dịch vụ công trực tuyến',
    '{agency} giao {units} tổ chức hướng dẫn “cầm tay chỉ việc” cho người dân tạo tài khoản, nộp hồ sơ và thanh toán trực tuyến, phấn đấu tỷ lệ hồ sơ trực tuyến {place} đạt trên 60%.',
    'Tại Bộ phận Một cửa, công chức không tiếp nhận hồ sơ giấy đối với những thủ tục người dân đã được hướng dẫn và đủ điều kiện nộp trực tuyến, mà trực tiếp hỗ trợ người dân thao tác ngay trên máy tính đặt tại khu vực chờ.',
    'Những trường hợp khó khăn về thiết bị, kỹ năng được đoàn viên thanh niên, Tổ công nghệ số cộng đồng hỗ trợ tại nhà. Kết quả hướng dẫn được tổng hợp hằng tuần, báo cáo lãnh đạo để kịp thời chỉ đạo.',
  ),
  story(
    'tpl-danh-gia-quy',
    ['direction'],
    '{agency} đánh giá kết quả cải cách hành chính quý {prevQuarter}/{prevQuarterYear}',
    '{agency} tổ chức họp đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính quý {prevQuarter}/{prevQuarterYear} và triển khai nhiệm vụ trọng tâm thời gian tới.',
    'Trong quý, tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%, tỷ lệ hồ sơ trực tuyến tiếp tục tăng; công tác tuyên truyền cải cách hành chính được thực hiện thường xuyên qua trang thông tin điện tử, mạng xã hội và hệ thống truyền thanh {place}.',
    'Hội nghị cũng chỉ ra một số hạn chế như việc cập nhật dữ liệu chưa kịp thời, một số công chức còn lúng túng khi sử dụng phần mềm. Lãnh đạo yêu cầu {units} khắc phục ngay, bảo đảm hoàn thành các chỉ tiêu của kế hoạch năm.',
  ),
  story(
    'tpl-vi-tri-viec-lam',
    ['civil_service'],
    '{agency} rà soát, hoàn thiện đề án vị trí việc làm',
    '{agency} hoàn thành rà soát, điều chỉnh đề án vị trí việc làm sau sắp xếp tổ chức bộ máy, xác định rõ số lượng người làm việc, bản mô tả công việc và khung năng lực của từng vị trí.',
    'Qua rà soát, một số vị trí được gộp lại do khối lượng công việc không nhiều; một số vị trí mới được bổ sung để đáp ứng yêu cầu chuyển đổi số và giải quyết thủ tục hành chính trực tuyến.',
    'Đề án là căn cứ để tuyển dụng, bố trí, đánh giá cán bộ, công chức theo kết quả công việc; {units} được yêu cầu thực hiện nghiêm túc, không bố trí người trái vị trí.',
  ),
];
