/**
 * A story's life on one desk: proposed → shortlisted → scheduled (into a
 * slot) → published, or rejected with a reason, with the steps back an
 * editor expects (unschedule, restore a rejected story). Pure: the store
 * applies what this module allows.
 */
import type { AreaId } from '../config/areas';

/** Where a story stands on one desk. */
export const DESK_STATUSES = ['proposed', 'shortlisted', 'scheduled', 'published', 'rejected'] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

/** Vietnamese names of the statuses, for messages (the UI's own labels live in shared/web/strings.ts). */
const STATUS_NAMES: Readonly<Record<DeskStatus, string>> = {
  proposed: 'đề xuất',
  shortlisted: 'đã chọn sơ bộ',
  scheduled: 'đã xếp lịch',
  published: 'đã đăng/phát',
  rejected: 'đã loại',
};

/** Every allowed move, from → to. */
const ALLOWED: Readonly<Record<DeskStatus, readonly DeskStatus[]>> = {
  proposed: ['shortlisted', 'scheduled', 'rejected'],
  shortlisted: ['scheduled', 'proposed', 'rejected'],
  // Back to the shortlist is "unschedule".
  scheduled: ['published', 'shortlisted', 'rejected'],
  // A page or segment marked published by mistake can be stepped back.
  published: ['scheduled'],
  // "Restore" puts a rejected story back in the queue.
  rejected: ['proposed'],
};

/** A story's entry on one desk, as stored and shown in the queue. */
export interface DeskEntry {
  desk: string;
  storyId: string;
  status: DeskStatus;
  /** The slot it is scheduled into (or was published in). */
  slot: string | null;
  /** Why it was rejected (the editor's note). */
  rejectReason: string | null;
  // What the queue shows and filters on, copied from the story at routing.
  title: string;
  agencyId: string;
  agencyIds: string[];
  areas: AreaId[];
  confidence: number;
  sortAt: string;
  /** Folded title + summary (see foldForMatch) for diacritic-insensitive search. */
  searchText: string;
  /** Words of the article text (or title + summary before it arrives). */
  words: number;
  /** Airtime in seconds for a segment desk: estimated, or set by an editor. */
  seconds: number;
  secondsEdited: boolean;
  routedAt: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * One change in a story's history (the audit trail): a desk step (`from`/`to`
 * are statuses; `from` null when routing proposed it, `to` `withdrawn` when a
 * relabelled story no longer meets the desk's rules), a label correction
 * (`from`/`to` describe the labels) or an airtime edit.
 */
export interface AuditEvent {
  storyId: string;
  kind: 'desk' | 'label' | 'airtime' | 'count';
  desk: string | null;
  at: string;
  by: string;
  from: string | null;
  to: string;
  slot: string | null;
  note: string | null;
}

/** A refused workflow step, with the message for the editor. */
export class TransitionError extends Error {
  override name = 'TransitionError';
}

/** Whether `from → to` is a move the workflow allows. */
export function isAllowedTransition(from: DeskStatus, to: DeskStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The moves available from a status (for the story page's buttons). */
export function nextStatuses(from: DeskStatus): readonly DeskStatus[] {
  return ALLOWED[from];
}

/**
 * Checks one requested move and what it needs: a slot to schedule into, a
 * reason to reject.
 * @throws TransitionError with a message naming what is wrong.
 */
export function checkTransition(from: DeskStatus, to: DeskStatus, input: { slot?: string | null; note?: string | null }): void {
  if (from === to) throw new TransitionError(`Tin đã ở trạng thái “${STATUS_NAMES[to]}”.`);
  if (!isAllowedTransition(from, to)) throw new TransitionError(`Không thể chuyển tin từ “${STATUS_NAMES[from]}” sang “${STATUS_NAMES[to]}”.`);
  if (to === 'scheduled' && from !== 'published' && !input.slot) throw new TransitionError('Cần chọn kỳ (trang hoặc chương trình) để xếp lịch.');
  if (to === 'rejected' && !input.note?.trim()) throw new TransitionError('Cần ghi lý do khi loại tin.');
}
