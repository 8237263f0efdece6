/**
 * Personal data out of log lines. Logs carry ids and counts; free text that
 * comes from elsewhere — an SES error ("… the following identities failed
 * the check: someone@example.vn"), a library's message — may still name a
 * person, so it passes through here first.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** `lỗi gửi tới lanhdao@binhdinh.gov.vn` → `lỗi gửi tới <email>`. */
export function redactEmails(text: string): string {
  return text.replace(EMAIL, '<email>');
}
