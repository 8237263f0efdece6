import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../shared/text/html-to-text';
import { foldForMatch, normalizeText } from '../../shared/text/normalize';

describe('normalizeText', () => {
  it('composes decomposed (NFD) Vietnamese into NFC', () => {
    const nfd = 'Cải cách hành chính'.normalize('NFD');
    const result = normalizeText(nfd);
    expect(result).toBe('Cải cách hành chính'.normalize('NFC'));
    expect(result.length).toBeLessThan(nfd.length);
  });

  it('collapses every kind of whitespace, U+00A0 included, and trims', () => {
    expect(normalizeText('  Cấp tài khoản định\u00A0danh\n\t  điện tử\u2003mức độ 2 \r\n')).toBe(
      'Cấp tài khoản định danh điện tử mức độ 2',
    );
  });

  it('strips control characters, zero-width spaces and stray BOMs', () => {
    expect(normalizeText('\uFEFFTin\u0000 tức\u0007\u200B mới\u0085')).toBe('Tin tức mới');
  });

  it('strips lone UTF-16 surrogates but keeps valid pairs', () => {
    expect(normalizeText('Tin \uD83D tức \uDC00 😀')).toBe('Tin tức 😀');
  });

  it('leaves printable ASCII alone apart from spacing', () => {
    expect(normalizeText(' PAR  INDEX 2023 ')).toBe('PAR INDEX 2023');
  });
});

describe('foldForMatch', () => {
  it('matches accented, unaccented and NFD spellings alike', () => {
    const folded = foldForMatch('Cải cách hành chính');
    expect(folded).toBe('cai cach hanh chinh');
    expect(foldForMatch('cai cach hanh chinh')).toBe(folded);
    expect(foldForMatch('CẢI CÁCH HÀNH CHÍNH'.normalize('NFD'))).toBe(folded);
  });

  it('folds đ and Đ to d and turns punctuation into single spaces', () => {
    expect(foldForMatch('Đề án 06: định danh – điện tử (VNeID)!')).toBe('de an 06 dinh danh dien tu vneid');
  });
});

describe('htmlToText', () => {
  it('removes tags, decodes entities once and spaces block elements', () => {
    expect(htmlToText('<p>Theo kết quả,&nbsp;tăng 6 bậc.</p><p>Chỉ số &quot;TTHC&quot; &amp;amp; khác</p>')).toBe(
      'Theo kết quả, tăng 6 bậc. Chỉ số "TTHC" &amp; khác',
    );
  });

  it('turns <br> (and the broken </br>) into a space and keeps inline text together', () => {
    expect(htmlToText('<a href="x"><img src="y"></a></br>Sáng 14/3, về <strong>cải cách</strong> hành chính')).toBe(
      'Sáng 14/3, về cải cách hành chính',
    );
    expect(htmlToText('dòng 1<br>dòng 2')).toBe('dòng 1 dòng 2');
  });

  it('drops script and style contents and comments', () => {
    expect(htmlToText('<style>p{}</style>Tin<script>alert("x")</script> <!-- ghi chú -->mới')).toBe('Tin mới');
  });

  it('returns plain text without markup unchanged apart from normalisation', () => {
    expect(htmlToText('  Tin  tức ')).toBe('Tin tức');
  });

  it('does not interpret escaped markup a second time', () => {
    expect(htmlToText('&lt;img src=x onerror=alert(1)&gt;')).toBe('<img src=x onerror=alert(1)>');
  });
});
