/**
 * The type of an uploaded file, checked again after upload from its first
 * bytes ("magic number"): the browser's declared Content-Type is only what
 * the uploader claimed.
 */
import type { AttachmentType } from './schema';

/** How many leading bytes the check reads. */
export const MAGIC_BYTES = 16;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: DOCX and XLSX are ZIP (OOXML) packages
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const SIGNATURES: Readonly<Record<AttachmentType, readonly number[]>> = {
  'application/pdf': PDF,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'image/jpeg': JPEG,
  'image/png': PNG,
};

/**
 * Whether the file's first bytes match its declared type. DOCX and XLSX
 * share the ZIP signature; telling them apart would need the package's
 * directory, which a ranged read of the head does not have.
 */
export function matchesDeclaredType(head: Uint8Array, type: AttachmentType): boolean {
  const signature = SIGNATURES[type];
  if (!signature || head.length < signature.length) return false;
  return signature.every((byte, index) => head[index] === byte);
}
