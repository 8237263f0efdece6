/**
 * Closing paragraphs shared by stories. They use no site placeholders, so a
 * syndicated story reads the same on every site that carries it.
 */

/** For administrative-reform stories. */
export const CCHC_CLOSINGS: readonly string[] = [
  'Thời gian tới, đơn vị tiếp tục quán triệt nghiêm túc chỉ đạo của Ủy ban nhân dân tỉnh về cải cách hành chính, gắn trách nhiệm của người đứng đầu với kết quả thực hiện từng nhiệm vụ; định kỳ đánh giá, báo cáo và kịp thời tháo gỡ khó khăn, vướng mắc phát sinh, phấn đấu hoàn thành các chỉ tiêu của kế hoạch cải cách hành chính năm {year}.',
  'Theo lãnh đạo đơn vị, kết quả bước đầu cho thấy khi quy trình được công khai, minh bạch và có sự giám sát của người dân, chất lượng phục vụ được nâng lên rõ rệt. Những cách làm hiệu quả sẽ được tổng kết, nhân rộng; những hạn chế đã được chỉ ra sẽ được khắc phục ngay trong thời gian tới, không để kéo dài.',
  'Người dân, doanh nghiệp có ý kiến phản ánh, kiến nghị về việc giải quyết thủ tục hành chính có thể gửi qua đường dây nóng, hộp thư góp ý đặt tại Bộ phận Một cửa hoặc qua Cổng Dịch vụ công của tỉnh để được tiếp nhận, xử lý và trả lời theo đúng quy định.',
  'Các ý kiến tại buổi làm việc đều thống nhất rằng cải cách hành chính phải lấy người dân, doanh nghiệp làm trung tâm, lấy sự hài lòng của người dân làm thước đo hiệu quả phục vụ; mỗi cán bộ, công chức cần đổi mới tác phong, lề lối làm việc, nói đi đôi với làm và chịu trách nhiệm đến cùng với công việc được giao.',
  'Kết quả thực hiện nhiệm vụ này là một trong những tiêu chí đánh giá, chấm điểm Chỉ số cải cách hành chính hằng năm của các cơ quan, đơn vị, địa phương. Sở Nội vụ sẽ tiếp tục theo dõi, đôn đốc và tổng hợp báo cáo Ủy ban nhân dân tỉnh theo định kỳ hằng quý.',
];

/** For everything else an agency publishes. */
export const OTHER_CLOSINGS: readonly string[] = [
  'Ban tổ chức cho biết sẽ rút kinh nghiệm để công tác chuẩn bị những lần tiếp theo chu đáo hơn, đồng thời mong tiếp tục nhận được sự đồng hành, hưởng ứng của đông đảo người dân, du khách và các đơn vị liên quan trong và ngoài tỉnh.',
  'Chính quyền địa phương khuyến cáo người dân thường xuyên theo dõi thông tin trên các phương tiện thông tin đại chúng, chủ động các biện pháp phòng tránh và liên hệ ngay với cơ quan chức năng gần nhất khi cần được hỗ trợ, hướng dẫn kịp thời.',
  'Thông tin chi tiết được đăng tải trên trang thông tin điện tử của đơn vị và các phương tiện thông tin đại chúng của tỉnh. Mọi thắc mắc, người dân có thể liên hệ trực tiếp bộ phận phụ trách trong giờ hành chính các ngày làm việc trong tuần để được giải đáp.',
];

/**
 * Background paragraphs added before the closing when a story's own text is
 * short, so that every article body has 150–600 words.
 */
export const CCHC_CONTEXT: readonly string[] = [
  'Cải cách hành chính được tỉnh xác định là một trong những khâu đột phá của nhiệm kỳ. Kết quả thực hiện ở từng cơ quan, đơn vị, địa phương được theo dõi thường xuyên và đánh giá công khai qua Bộ chỉ số cải cách hành chính cùng mức độ hài lòng của người dân, tổ chức.',
  'Theo kế hoạch truyền thông cải cách hành chính của tỉnh, các cơ quan, đơn vị định kỳ mỗi quý gửi tin, bài về kết quả, mô hình hay, cách làm sáng tạo đến Sở Nội vụ, Báo Bình Định, Đài Phát thanh và Truyền hình tỉnh và Cổng Thông tin điện tử tỉnh để tuyên truyền rộng rãi.',
  'Trước đó, đơn vị đã tổ chức quán triệt đến toàn thể cán bộ, công chức, viên chức; phân công rõ người, rõ việc, rõ thời hạn và rõ kết quả; đồng thời lấy ý kiến góp ý của người dân, doanh nghiệp để hoàn thiện cách làm trước khi triển khai rộng rãi.',
];

/** Background paragraphs for other agency news. */
export const OTHER_CONTEXT: readonly string[] = [
  'Theo đánh giá của địa phương, những năm gần đây đời sống vật chất và tinh thần của người dân từng bước được nâng lên; các phong trào thi đua, hoạt động văn hóa, thể thao và sản xuất kinh doanh được duy trì thường xuyên, tạo không khí phấn khởi trong cộng đồng dân cư.',
  'Cơ quan chức năng cho biết sẽ tiếp tục phối hợp chặt chẽ với chính quyền cơ sở và các hội, đoàn thể để theo dõi tình hình, kịp thời thông tin đến người dân và có phương án hỗ trợ phù hợp khi phát sinh khó khăn, vướng mắc.',
  'Nhiều người dân tham gia bày tỏ mong muốn các hoạt động như thế này được tổ chức thường xuyên hơn, với quy mô lớn hơn và có thêm nhiều nội dung thiết thực, phù hợp với điều kiện thực tế của từng địa phương.',
  'Trước đó, các đơn vị liên quan đã họp bàn, phân công nhiệm vụ cụ thể, chuẩn bị chu đáo về nhân lực, phương tiện và kinh phí, bảo đảm an toàn, tiết kiệm và hiệu quả trong suốt quá trình tổ chức thực hiện.',
];
