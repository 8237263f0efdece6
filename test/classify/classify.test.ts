import { describe, expect, it } from 'vitest';
import { AREA_IDS, type AreaId } from '../../shared/config/areas';
import { classify, CLASSIFIER_VERSION, type Classification } from '../../shared/classify/classify';
import { AREAS, INDEX_RULES } from '../../shared/classify/taxonomy';
import { foldForMatch } from '../../shared/text/normalize';

// Written for these tests (not taken from the dev set): one plainly relevant headline per area,
// with the phrase that must appear in the evidence.
const PER_AREA: { area: AreaId; title: string; phrase: string }[] = [
  { area: 'direction', title: 'UBND huyện Tây Sơn tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm 2026', phrase: 'cải cách hành chính' },
  { area: 'institutions', title: 'Sở Tư pháp rà soát văn bản quy phạm pháp luật do HĐND tỉnh ban hành', phrase: 'văn bản quy phạm pháp luật' },
  { area: 'procedures', title: 'Phường Quy Nhơn Nam cắt giảm thời gian giải quyết thủ tục hành chính về đất đai', phrase: 'thủ tục hành chính' },
  { area: 'organization', title: 'Tỉnh thực hiện tinh giản biên chế đối với 150 trường hợp trong năm 2026', phrase: 'tinh giản biên chế' },
  { area: 'civil_service', title: 'Chấn chỉnh văn hóa công sở tại các cơ quan cấp xã', phrase: 'văn hóa công sở' },
  { area: 'public_finance', title: 'Ba trung tâm thuộc sở được giao tự chủ tài chính từ năm 2026', phrase: 'tự chủ tài chính' },
  { area: 'digital_government', title: 'Tỉnh đưa vào sử dụng hệ thống quản lý văn bản kết nối đến cấp xã', phrase: 'hệ thống quản lý văn bản' },
  { area: 'business_environment', title: 'Lãnh đạo tỉnh đối thoại với doanh nghiệp về cải thiện môi trường kinh doanh', phrase: 'môi trường kinh doanh' },
  { area: 'project06', title: 'Công an xã hướng dẫn người dân cài đặt và kích hoạt VNeID theo Đề án 06', phrase: 'Đề án 06' },
  { area: 'science_innovation', title: 'Tỉnh ủy quán triệt Nghị quyết 57-NQ/TW về phát triển khoa học, công nghệ', phrase: 'Nghị quyết 57' },
];

/** The same text without diacritics, as typed on a phone ("cai cach hanh chinh"). */
const stripDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A light simulation of OCR damage: Đ read as P, a few vowels misread. */
const ocrDamage = (text: string) =>
  stripDiacritics(text)
    .replace(/D(?=[a-z])/g, 'P')
    .replace(/uo/g, 'ue')
    .replace(/ong\b/g, 'óng')
    .replace(/\bthu tuc\b/g, 'tha tuc');

function expectValid(result: Classification) {
  expect(typeof result.relevant).toBe('boolean');
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  for (const area of result.areas) expect(AREA_IDS).toContain(area);
  expect(new Set(result.areas).size).toBe(result.areas.length);
  if (!result.relevant) expect(result.areas).toEqual([]);
  else expect(result.areas.length).toBeGreaterThan(0);
  expect(Array.isArray(result.evidence)).toBe(true);
  for (const phrase of result.evidence) expect(typeof phrase).toBe('string');
}

describe('classify', () => {
  it('has a version string and a taxonomy covering exactly the contract areas', () => {
    expect(CLASSIFIER_VERSION).toMatch(/\S/);
    expect(AREAS.map((area) => area.id)).toEqual([...AREA_IDS]);
    for (const area of AREAS) {
      expect(area.name).toMatch(/\S/);
      expect(area.phrases.length).toBeGreaterThan(10);
    }
  });

  it('lists each phrase once per area (folded), so a weight is what its line says', () => {
    for (const area of AREAS) {
      const seen = new Map<string, string>();
      for (const [phrase] of area.phrases) {
        const key = foldForMatch(phrase);
        expect(seen.has(key), `${area.id}: "${phrase}" repeats "${seen.get(key)}" (their weights add up silently)`).toBe(false);
        seen.set(key, phrase);
      }
    }
  });

  it.each(PER_AREA)('$area: a clearly relevant title gets the area as primary, with the deciding phrase as evidence', ({ area, title, phrase }) => {
    const result = classify({ title });
    expectValid(result);
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe(area);
    // The phrase itself, or a longer one containing it (evidence shows the longest).
    expect(result.evidence.some((e) => foldForMatch(e).includes(foldForMatch(phrase))), result.evidence.join(' | ')).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.6);
  });

  it.each(PER_AREA)('$area: the same title without diacritics, in NFD and OCR-damaged gets the same label', ({ area, title }) => {
    for (const variant of [stripDiacritics(title), title.normalize('NFD'), ocrDamage(title)]) {
      const result = classify({ title: variant });
      expectValid(result);
      expect(result.relevant, variant).toBe(true);
      expect(result.areas[0], variant).toBe(area);
    }
  });

  it('shows evidence in display form, with diacritics, even when the text had none', () => {
    const result = classify({ title: 'Tinh gian bien che va sap xep to chuc bo may' });
    expect(result.areas[0]).toBe('organization');
    expect(result.evidence).toContain('tinh giản biên chế');
  });

  it('reads OCR text where Đ came out as P and vowels are wrong', () => {
    const result = classify({ title: 'Ké hoach truyén thong vé cai cach hanh chinh nha nuéc trén dia ban tinh Binh Pinh' });
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe('direction');
    const procedures = classify({ title: 'Pon gian hoa tha tuc hanh chinh tai bo phan mot ctra cap xa' });
    expect(procedures.areas[0]).toBe('procedures');
  });

  it('weighs the title above the summary', () => {
    const result = classify({
      title: 'Thi tuyển công chức cấp tỉnh năm 2026',
      summary: 'Thí sinh đăng ký dự tuyển qua dịch vụ công trực tuyến.',
    });
    expect(result.areas[0]).toBe('civil_service');
  });

  it('works on a summary when the title is vague', () => {
    const result = classify({ title: 'Những con số ấn tượng năm 2025', summary: 'Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hơn 100.000 hồ sơ thủ tục hành chính.' });
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe('procedures');
  });

  // Near-misses: they share vocabulary with reform news but are not about state administrative reform.
  it.each([
    ['education reform', { title: 'Cải cách giáo dục: các trường THCS đổi mới phương pháp dạy học', summary: 'Giáo viên được tập huấn sách giáo khoa mới trước năm học.' }],
    ['a hospital clinical procedure', { title: 'Bệnh viện tỉnh rút ngắn thủ tục nhập viện cho người bệnh cấp cứu', summary: 'Bệnh nhân được khám bệnh và làm xét nghiệm ngay tại khoa cấp cứu.' }],
    ['a private company going digital', { title: 'Công ty may mặc chuyển đổi số toàn bộ dây chuyền quản lý sản xuất', summary: 'Doanh nghiệp đầu tư phần mềm quản trị để theo dõi đơn hàng.' }],
    ['a private company recruiting', { title: 'Công ty chế biến gỗ tuyển dụng 500 công nhân, thu nhập từ 9 triệu đồng', summary: 'Người lao động được hỗ trợ chỗ ở và xe đưa đón.' }],
    ['a festival', { title: 'Lễ hội đua thuyền truyền thống đầu xuân thu hút hàng nghìn du khách', summary: 'Các đội thuyền của các xã ven biển tranh tài sôi nổi.' }],
    ['a court case', { title: 'Tòa án nhân dân tỉnh xét xử vụ lừa đảo chiếm đoạt tài sản', summary: 'Bị cáo làm giả giấy tờ để vay tiền của nhiều người.' }],
    ['a bank payment offer', { title: 'Ngân hàng khuyến mãi hoàn tiền khi khách hàng thanh toán bằng mã QR', summary: '' }],
    ['an economic index', { title: 'Chỉ số giá tiêu dùng tháng 5 tăng 0,3%', summary: 'Giá thực phẩm và xăng dầu tăng nhẹ.' }],
    ['the weather', { title: 'Áp thấp nhiệt đới gây mưa lớn ở các tỉnh miền Trung', summary: '' }],
    ['staff sport', { title: 'Giải bóng chuyền công chức, viên chức khối cơ quan tỉnh', summary: '' }],
  ])('%s is not relevant', (_name, input) => {
    const result = classify(input);
    expectValid(result);
    expect(result.relevant).toBe(false);
    expect(result.areas).toEqual([]);
    expect(result.evidence).toEqual([]);
  });

  // domain.md: an index result is direction first with the index's own field second.
  it.each([
    ['Chỉ số PCI 2025 của tỉnh tăng 5 bậc', ['direction', 'business_environment']],
    ['Công bố kết quả DDCI năm 2025: Sở Xây dựng dẫn đầu', ['direction', 'business_environment']],
    ['Kết quả Chỉ số chuyển đổi số DTI năm 2024 của tỉnh', ['direction', 'digital_government']],
    ['Bộ chỉ số 766: tỉnh đạt 86 điểm trong quý II', ['direction', 'procedures']],
    ['Chỉ số PII 2025 của tỉnh xếp thứ 20 cả nước', ['direction', 'science_innovation']],
    ['PAR INDEX 2024: tỉnh đứng thứ 15', ['direction']],
    ['SIPAS 2025: 86% người dân hài lòng', ['direction']],
    ['PAPI 2024 của tỉnh cải thiện ở 5 trục nội dung', ['direction']],
  ])('index result "%s" → %j', (title, areas) => {
    const result = classify({ title });
    expect(result.relevant).toBe(true);
    expect(result.areas).toEqual(areas);
  });

  it('a plan to improve an index goes to the index’s own field first', () => {
    const result = classify({ title: 'Kế hoạch nâng cao Chỉ số PCI giai đoạn 2026–2030' });
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe('business_environment');
  });

  it('every index named in the taxonomy has at least one name and a contract field', () => {
    for (const rule of INDEX_RULES) {
      expect(rule.phrases.length).toBeGreaterThan(0);
      expect(AREA_IDS).toContain(rule.field);
    }
  });

  it('public-sector recruitment is civil_service; public hospitals’ financial autonomy is public_finance', () => {
    expect(classify({ title: 'Sở Nội vụ thông báo tuyển dụng công chức năm 2026' }).areas[0]).toBe('civil_service');
    expect(classify({ title: 'Bệnh viện Đa khoa tỉnh được giao tự chủ tài chính, tự bảo đảm chi thường xuyên' }).areas[0]).toBe('public_finance');
  });

  // lexicon-2026.2: written for these tests from the seeds' and domain.md's wording, not taken from the dev set.
  it.each([
    ['Phường Nhơn Phú vận hành chính quyền địa phương hai cấp', 'organization'],
    ['Tỉnh sắp xếp, tinh gọn các cơ quan chuyên môn', 'organization'],
    ['Giải thể ba trung tâm thuộc Sở Nông nghiệp', 'organization'],
    ['Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước cấp xã', 'digital_government'],
    ['Hướng dẫn cán bộ xã sử dụng chữ ký số cá nhân', 'digital_government'],
    ['Ra mắt nền tảng tích hợp, chia sẻ dữ liệu của tỉnh', 'digital_government'],
    ['Triển khai phong trào Bình dân học vụ số tại các khu dân cư', 'digital_government'],
    ['Tổ chức thi nâng ngạch công chức năm 2026', 'civil_service'],
    ['Tập huấn trợ giúp pháp lý cho người dân vùng sâu', 'institutions'],
  ] as const)('a headline alone is enough: "%s" → %s', (title, area) => {
    const result = classify({ title });
    expect(result.relevant, title).toBe(true);
    expect(result.areas[0], title).toBe(area);
  });

  it('a near-miss cue inside a longer reform phrase does not cancel it', () => {
    // "lễ hội" is a near-miss cue, but "cắt giảm lễ hội" is thrift in public spending.
    const result = classify({ title: 'Huyện cắt giảm lễ hội để thực hành tiết kiệm ngân sách' });
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe('public_finance');
    expect(classify({ title: 'Tái cấu trúc quy trình giải quyết hồ sơ tại bộ phận một cửa' }).areas[0]).toBe('procedures');
  });

  // Vocabulary of domain.md's scopes as agencies write it (hybrid-2026.5): each headline needs its new phrase.
  it.each([
    ['UBND tỉnh bãi bỏ 5 quyết định QPPL', 'institutions', 'QPPL'],
    ['Ban hành quy định theo trình tự rút gọn', 'institutions', 'trình tự rút gọn'],
    ['98% hồ sơ thuế được nộp qua mạng', 'procedures', 'nộp qua mạng'],
    ['Tỉnh tuyển dụng 20 người có tài năng vào cơ quan nhà nước', 'civil_service', 'người có tài năng'],
  ] as const)('%s → %s', (title, area, phrase) => {
    const result = classify({ title });
    expect(result.relevant).toBe(true);
    expect(result.areas[0]).toBe(area);
    expect(result.evidence).toContain(phrase);
  });

  it('a company going digital is still not e-government', () => {
    expect(classify({ title: 'Cửa hàng nông sản bán hàng qua livestream và chuyển đổi số' }).relevant).toBe(false);
  });

  describe('bad input always gets a valid answer', () => {
    const huge = 'Lorem ipsum dolor sit amet '.repeat(200_000); // about 5 MB
    it.each([
      ['empty title', { title: '' }],
      ['whitespace only', { title: '   \n\t ', summary: '  ' }],
      ['null summary and body', { title: 'Tin ngắn', summary: null, body: null }],
      ['5 MB body', { title: 'Tin tức', body: huge }],
      ['5 MB title', { title: huge }],
      ['HTML inside text', { title: '<b>Tin</b> <script>alert(1)</script>', summary: '<p>Nội dung &amp; <a href="x">liên kết</a></p>' }],
      ['emoji', { title: '🎉🎉🎉 🚀', summary: '👍' }],
      ['lone surrogates', { title: 'Tin \uD800 lỗi \uDC00 mã hóa', summary: '\uDBFF' }],
      ['English', { title: 'The provincial government announces a new football stadium', summary: 'Construction starts next month.' }],
      ['numbers and punctuation', { title: '2025 — 12/3 — 100%!!!', summary: '...' }],
    ])('%s', (_name, input) => {
      const result = classify(input);
      expectValid(result);
      expect(result.relevant).toBe(false);
      expect(() => JSON.stringify(result)).not.toThrow();
    });

    it('wrong types from a JavaScript caller do not crash', () => {
      for (const input of [{ title: 42 }, { title: null }, { title: undefined, summary: {} }, null, undefined]) {
        expectValid(classify(input as never));
      }
    });

    it('HTML around relevant text is stripped, not fatal', () => {
      const result = classify({ title: '<h1>Đẩy mạnh <em>dịch vụ công trực tuyến</em> toàn trình</h1>' });
      expect(result.relevant).toBe(true);
      expect(result.areas[0]).toBe('procedures');
    });

    it('a 5 MB body is read only in its first part, quickly', () => {
      // 20,000 characters (the body's cap), then 5 MB of another area's words that must never be read.
      const head = 'cải cách hành chính '.repeat(1_000);
      const start = performance.now();
      const result = classify({ title: 'Tin tức', body: head + 'chuyển đổi số '.repeat(360_000) });
      const elapsed = performance.now() - start;
      expect(result).toEqual(classify({ title: 'Tin tức', body: head }));
      // Generous for a loaded CI machine; reading all 5 MB takes seconds.
      expect(elapsed).toBeLessThan(1_000);
    });

    it('mixed Vietnamese and English still finds the Vietnamese phrase', () => {
      const result = classify({ title: 'Quy Nhon launches new dịch vụ công trực tuyến for citizens' });
      expect(result.relevant).toBe(true);
      expect(result.areas[0]).toBe('procedures');
    });
  });

  it('evidence phrases fold to something found in the item', () => {
    const title = 'Sở Tài chính công khai ngân sách và thực hành tiết kiệm, chống lãng phí';
    const result = classify({ title });
    const folded = ` ${foldForMatch(title)} `;
    for (const phrase of result.evidence) expect(folded).toContain(` ${foldForMatch(phrase)} `);
  });
});
