/**
 * Direct submissions by agency users (issue 5): the validated shapes. Every
 * input — form, JSON API — goes through these schemas; the limits live here
 * and nowhere else.
 */
import * as z from 'zod';

/** Attachments are uploaded straight to S3; this is the most one may weigh. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** The most attachments one submission may carry. */
export const MAX_ATTACHMENTS = 10;
export const TITLE_MIN = 5;
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 1000;
export const BODY_MAX = 50_000;
export const ATTACHMENT_NAME_MAX = 200;

/** The file types an attachment may be, by MIME type, with what people call them. */
export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', extension: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (DOCX)', extension: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel (XLSX)', extension: 'xlsx' },
  'image/jpeg': { label: 'Ảnh JPEG', extension: 'jpg' },
  'image/png': { label: 'Ảnh PNG', extension: 'png' },
} as const;

/** One of {@link ATTACHMENT_TYPES}. */
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_IDS = Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]];

/** Text as people type it: NFC, no control characters except newlines and tabs, trimmed. */
function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}

/** A single line (title, file name): whitespace collapsed. */
const line = (min: number, max: number) =>
  z
    .string()
    .transform((value) => cleanText(value).replace(/\s+/g, ' '))
    .pipe(z.string().min(min, `at least ${min} characters`).max(max, `at most ${max} characters`));

/** Free text with paragraphs kept. Plain text: HTML is not interpreted (it is escaped wherever shown). */
const paragraphs = (max: number) =>
  z
    .string()
    .transform((value) => cleanText(value).replace(/[ \t\u00a0]+/g, ' ').replace(/\n{3,}/g, '\n\n'))
    .pipe(z.string().max(max, `at most ${max} characters`));

/** The text of a submission, as created or updated. */
export const submissionTextSchema = z
  .object({
    title: line(TITLE_MIN, TITLE_MAX),
    summary: paragraphs(SUMMARY_MAX).default(''),
    body: paragraphs(BODY_MAX).default(''),
  })
  .strict();
export type SubmissionText = z.infer<typeof submissionTextSchema>;

/** Creating a draft: its text, and for an admin the agency it is for (an agency user's is always its own). */
export const createSubmissionSchema = submissionTextSchema.extend({
  agencyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
});

/** Updating a draft: its text and the version the editor saw. */
export const updateSubmissionSchema = submissionTextSchema.extend({
  version: z.coerce.number().int().positive(),
});

/** Declaring an attachment before its upload: name, declared type, and optionally its size. */
export const attachmentDeclarationSchema = z
  .object({
    name: line(1, ATTACHMENT_NAME_MAX),
    type: z.enum(ATTACHMENT_TYPE_IDS, { message: `expected one of ${ATTACHMENT_TYPE_IDS.join(', ')}` }),
    size: z.coerce.number().int().min(1).max(MAX_ATTACHMENT_BYTES, `at most ${MAX_ATTACHMENT_BYTES} bytes (20 MB)`).optional(),
  })
  .strict();
export type AttachmentDeclaration = z.infer<typeof attachmentDeclarationSchema>;

/** Where an attachment stands: declared (presigned), uploaded (seen in S3 and its type checked), or refused (deleted). */
export type AttachmentStatus = 'pending' | 'uploaded' | 'rejected';

/** An attachment of a submission. */
export interface Attachment {
  id: string;
  submissionId: string;
  name: string;
  type: AttachmentType;
  /** S3 key: always under `uploads/<submissionId>/`. */
  key: string;
  status: AttachmentStatus;
  /** The size S3 reported, once uploaded. */
  size: number | null;
  /** Why it was refused (Vietnamese), when `rejected`. */
  rejectReason: string | null;
  createdAt: string;
}

/** Where a submission stands. */
export type SubmissionStatus = 'draft' | 'submitted';

/** Who did something: the principal's id and display name. */
export interface Actor {
  userId: string;
  name: string;
}

/** A direct submission with its attachments. */
export interface Submission {
  id: string;
  agencyId: string;
  title: string;
  summary: string;
  body: string;
  status: SubmissionStatus;
  /** Optimistic lock of the text: every edit is conditional on it. */
  version: number;
  attachments: Attachment[];
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
  /** Reserved at the start of the submit step and kept forever after (a retry reuses it). */
  receipt: string | null;
  /** The story the submission became. */
  storyId: string | null;
  submittedAt: string | null;
  submittedBy: Actor | null;
  /** When the receipt e-mail was sent, and to whom. */
  mailedAt: string | null;
  mailedTo: string[];
}
