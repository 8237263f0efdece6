/** The pure parts of direct submissions: schema limits, the state machine, magic numbers, receipt numbers. */
import { describe, expect, it } from 'vitest';
import { matchesDeclaredType } from '../../shared/submissions/magic';
import { RECEIPT_PATTERN, formatReceipt, receiptPrefix } from '../../shared/submissions/receipt';
import { attachmentDeclarationSchema, submissionTextSchema } from '../../shared/submissions/schema';
import { assertEditable, canTransition, isEditable, submitStep } from '../../shared/submissions/state';
import { FILES } from './support';

describe('submission schema', () => {
  it('keeps the limits: title 5–300, summary ≤ 1000, body ≤ 50,000; text is NFC, trimmed, without control characters', () => {
    expect(submissionTextSchema.safeParse({ title: 'Tin' }).success).toBe(false);
    expect(submissionTextSchema.safeParse({ title: 'x'.repeat(301) }).success).toBe(false);
    expect(submissionTextSchema.safeParse({ title: 'Tiêu đề', summary: 'x'.repeat(1001) }).success).toBe(false);
    expect(submissionTextSchema.safeParse({ title: 'Tiêu đề', body: 'x'.repeat(50_001) }).success).toBe(false);
    const parsed = submissionTextSchema.parse({ title: '  Cải   cách\u0007 hành chính ', body: 'Dòng 1\r\nDòng 2\n\n\n\nĐoạn 2' });
    expect(parsed).toEqual({ title: 'Cải cách hành chính', summary: '', body: 'Dòng 1\nDòng 2\n\nĐoạn 2' });
    expect(submissionTextSchema.parse({ title: 'Cai cach hành chi\u0301nh' }).title).toBe('Cai cach hành chính'.normalize('NFC'));
  });

  it('allows only PDF, DOCX, XLSX, JPEG and PNG up to 20 MB', () => {
    for (const type of ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/jpeg', 'image/png']) {
      expect(attachmentDeclarationSchema.safeParse({ name: 'tệp', type }).success, type).toBe(true);
    }
    for (const type of ['text/html', 'application/zip', 'image/svg+xml', 'application/msword']) expect(attachmentDeclarationSchema.safeParse({ name: 'tệp', type }).success, type).toBe(false);
    expect(attachmentDeclarationSchema.safeParse({ name: 'tệp', type: 'image/png', size: 20 * 1024 * 1024 }).success).toBe(true);
    expect(attachmentDeclarationSchema.safeParse({ name: 'tệp', type: 'image/png', size: 20 * 1024 * 1024 + 1 }).success).toBe(false);
  });
});

describe('submission state machine', () => {
  it('goes draft → submitted once; only an unlocked draft is editable', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'draft')).toBe(false);
    expect(canTransition('submitted', 'submitted')).toBe(false);
    expect(isEditable({ status: 'draft', receipt: null })).toBe(true);
    expect(isEditable({ status: 'draft', receipt: 'CCHC-2026-Q4-00001' })).toBe(false);
    expect(() => assertEditable({ status: 'submitted', receipt: 'CCHC-2026-Q4-00001' })).toThrow('Tin đã gửi không thể sửa.');
    expect(submitStep({ status: 'submitted' })).toBe('already-submitted');
    expect(submitStep({ status: 'draft' })).toBe('proceed');
  });
});

describe('magic numbers', () => {
  const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
  it('accepts each type’s own first bytes and refuses the others', () => {
    expect(matchesDeclaredType(FILES.pdf(), 'application/pdf')).toBe(true);
    expect(matchesDeclaredType(FILES.png(), 'image/png')).toBe(true);
    expect(matchesDeclaredType(jpeg, 'image/jpeg')).toBe(true);
    expect(matchesDeclaredType(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true);
    expect(matchesDeclaredType(docx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(true);
    expect(matchesDeclaredType(FILES.pdf(), 'image/png')).toBe(false);
    expect(matchesDeclaredType(FILES.html(), 'application/pdf')).toBe(false);
    expect(matchesDeclaredType(jpeg, 'image/png')).toBe(false);
    expect(matchesDeclaredType(Buffer.from([0x25, 0x50]), 'application/pdf')).toBe(false);
    expect(matchesDeclaredType(new Uint8Array(), 'image/jpeg')).toBe(false);
  });
});

describe('receipt numbers', () => {
  it('are CCHC-<year>-Q<quarter>-<5 digits> in Vietnam time', () => {
    // 31 Dec 2026 17:30 UTC is 1 Jan 2027 00:30 in Vietnam.
    expect(receiptPrefix(new Date('2026-12-31T17:30:00Z'))).toEqual({ year: '2027', prefix: 'CCHC-2027-Q1' });
    expect(receiptPrefix(new Date('2026-12-01T03:00:00Z'))).toEqual({ year: '2026', prefix: 'CCHC-2026-Q4' });
    expect(formatReceipt('CCHC-2026-Q4', 42)).toBe('CCHC-2026-Q4-00042');
    expect(formatReceipt('CCHC-2026-Q4', 123456)).toMatch(RECEIPT_PATTERN);
  });
});
