import type { Source } from '../config/schema';

/** One item as a list page or feed gives it, before it becomes a story. */
export interface ExtractedItem {
  /** Plain text, NFC, whitespace collapsed. */
  title: string;
  /** Absolute URL, resolved against the page URL (WHATWG). */
  url: string;
  /** ISO 8601 with an explicit offset (Vietnam time, `+07:00`), or null. */
  publishedAt: string | null;
  /** Plain text, NFC, whitespace collapsed; null when absent or empty. */
  summary: string | null;
}

/** Everything an extractor needs: bytes and a base URL, never a URL to fetch. */
export interface ExtractInput {
  source: Source;
  /** The body exactly as fetched. */
  body: Uint8Array;
  /** The URL the body came from (base for relative links). */
  url: string;
  /** The Content-Type header as served, if any. */
  contentType?: string | null;
  /** The clock, for relative dates such as "2 giờ trước". */
  now: Date;
}

/** Why a body yielded no items; carries a one-line reason for humans. */
export class ExtractError extends Error {
  override name = 'ExtractError';
  constructor(
    message: string,
    /** `selector-no-match`: the page parsed but the item selector found nothing. */
    readonly code: 'unreadable' | 'truncated' | 'wrong-kind' | 'empty' | 'selector-no-match' | 'no-feed-link',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A body as fetched from one URL: what `extractAuto` needs of the page and of its feed. */
export interface FetchedBody {
  /** The body exactly as fetched. */
  body: Uint8Array;
  /** The URL it came from (after redirects): the base for relative links. */
  url: string;
  /** The Content-Type header as served, if any. */
  contentType?: string | null;
}
