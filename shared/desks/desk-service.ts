/**
 * The desks' use cases over the store: routing stories to desks, editors'
 * workflow steps, airtime edits, label corrections that re-route, queues and
 * slots. Every person's change is conditional on the story version they saw.
 */
import type { Agency } from '../config/schema';
import type { AreaId } from '../config/areas';
import type { Story } from '../stories/story';
import { ConflictError, LabelError, parseHumanLabelInput } from '../stories/labels';
import { foldForMatch } from '../text/normalize';
import { countWords } from '../text/words';
import { toVietnamIso } from '../time/vietnam';
import type { StoriesRepository } from '../store/stories-repo';
import { DesksRepository, StaleWriteError, type QueueQuery, type QueueRow, type SlotContents, type StoredEntry } from '../store/desks-repo';
import { planSlot, type Plan } from './planner';
import type { AwsClients } from '../store/clients';
import type { StoryRouter } from '../collect/collect-source';
import type { Desk } from './config';
import { meetsDeskRules } from './routing';
import { checkTransition, TransitionError, type AuditEvent, type DeskEntry, type DeskStatus } from './workflow';
import { checkFit, estimateSeconds, requireSlotId } from './slots';

/** Who does a change: the name shown in "changed by X at T". */
export const SYSTEM_ACTOR = 'Hệ thống';

/** Routing retries this often when it races another writer of the same entry. */
const ROUTING_ATTEMPTS = 3;
/** How many of the newest proposed (and shortlisted) stories the planner considers. */
const PLANNER_CANDIDATES_PER_STATUS = 400;
/** Folded search text is capped: it is a filter field, not the article. */
const SEARCH_TEXT_CHARS = 600;

/** A desk, story or slot that does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Scheduling that would overfill a slot; the message says by how much. */
export class SlotFullError extends Error {
  override name = 'SlotFullError';
}

/** What a desk's copy of a story holds, from the story's current state. */
export function entryFromStory(story: Story, desk: Desk, now: Date, existing: DeskEntry | null): DeskEntry {
  const words = story.wordCount ?? countWords(`${story.title} ${story.summary ?? ''}`);
  const seconds =
    existing?.secondsEdited ? existing.seconds : desk.slot.kind === 'recurring-segment' ? estimateSeconds(desk.slot, words) : 0;
  const at = toVietnamIso(now);
  return {
    desk: desk.id,
    storyId: story.id,
    status: existing?.status ?? 'proposed',
    slot: existing?.slot ?? null,
    rejectReason: existing?.rejectReason ?? null,
    title: story.title,
    agencyId: story.agencyId,
    agencyIds: story.agencyIds,
    areas: story.areas ?? [],
    confidence: story.confidence ?? 0,
    sortAt: story.sortAt,
    searchText: foldForMatch(`${story.title} ${story.summary ?? ''}`).slice(0, SEARCH_TEXT_CHARS),
    words,
    seconds,
    secondsEdited: existing?.secondsEdited ?? false,
    routedAt: existing?.routedAt ?? at,
    updatedAt: existing?.updatedAt ?? at,
    updatedBy: existing?.updatedBy ?? SYSTEM_ACTOR,
  };
}

const COPIED_FIELDS = ['title', 'agencyId', 'agencyIds', 'areas', 'confidence', 'sortAt', 'searchText', 'words', 'seconds'] as const;

function sameCopy(a: DeskEntry, b: DeskEntry): boolean {
  return COPIED_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

function withoutRev(entry: StoredEntry): DeskEntry {
  const { rev, ...rest } = entry;
  void rev;
  return rest;
}

/** Turns the search box's text into folded words (at most 6, each 2+ characters). */
export function searchWords(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(foldForMatch(text).split(' ').filter((word) => word.length >= 2))].slice(0, 6);
}

/** The desks of the product over one table. */
export class DeskService implements StoryRouter {
  readonly repo: DesksRepository;
  private readonly byId: Map<string, Desk>;

  constructor(
    clients: AwsClients,
    private readonly stories: StoriesRepository,
    readonly desks: readonly Desk[],
    private readonly agencyKinds: () => Promise<ReadonlyMap<string, Agency['kind']>>,
  ) {
    this.repo = new DesksRepository(clients);
    this.byId = new Map(desks.map((desk) => [desk.id, desk]));
  }

  /** A desk by id. @throws NotFoundError */
  desk(id: string): Desk {
    const desk = this.byId.get(id);
    if (!desk) throw new NotFoundError(`Không có ban biên tập “${id}”.`);
    return desk;
  }

  /**
   * Proposes a story to the desks whose rules it meets and refreshes its copy
   * on the desks that have it. A story whose labels no longer meet a desk's
   * rules is withdrawn from that desk while it is only proposed; once an
   * editor has acted on it, it stays (the editor decided). Freshness decides
   * only whether a story is proposed, never withdraws one. Idempotent.
   */
  async route(story: Story, now: Date, options: { isNew?: boolean } = {}): Promise<void> {
    if (this.desks.length === 0) return;
    const kinds = await this.agencyKinds();
    for (const desk of this.desks) {
      for (let attempt = 1; ; attempt++) {
        try {
          // A story just created has no entry yet: skip the read (a retry fails the write's condition and reads).
          await this.routeToDesk(story, desk, kinds, now, options.isNew === true && attempt === 1);
          break;
        } catch (error) {
          if (!(error instanceof StaleWriteError) || attempt >= ROUTING_ATTEMPTS) throw error;
        }
      }
    }
  }

  private async routeToDesk(story: Story, desk: Desk, kinds: ReadonlyMap<string, Agency['kind']>, now: Date, assumeNew: boolean): Promise<void> {
    const before = assumeNew ? null : await this.repo.getEntry(story.id, desk.id);
    const at = toVietnamIso(now);
    if (!before) {
      if (!meetsDeskRules(story, desk, kinds, now)) return;
      const after = entryFromStory(story, desk, now, null);
      await this.repo.write({
        before: null,
        after,
        audit: { storyId: story.id, kind: 'desk', desk: desk.id, at, by: SYSTEM_ACTOR, from: null, to: 'proposed', slot: null, note: null },
      });
      return;
    }
    const stillMeets = meetsDeskRules({ ...story, sortAt: at }, desk, kinds, now);
    if (!stillMeets && before.status === 'proposed') {
      await this.repo.write({
        before,
        after: null,
        audit: { storyId: story.id, kind: 'desk', desk: desk.id, at, by: SYSTEM_ACTOR, from: 'proposed', to: 'withdrawn', slot: null, note: null },
      });
      return;
    }
    const after = entryFromStory(story, desk, now, withoutRev(before));
    if (!sameCopy(withoutRev(before), after)) await this.repo.write({ before, after, audit: null });
  }

  /**
   * One editor's workflow step on one desk.
   * @throws ConflictError when the story changed since `version`;
   *   TransitionError for a move the workflow does not allow;
   *   SlotFullError when the slot has no room; NotFoundError.
   */
  async transition(input: {
    storyId: string;
    desk: string;
    to: DeskStatus;
    slot?: string | null;
    note?: string | null;
    version: number;
    by: string;
    now: Date;
  }): Promise<{ story: Story; entry: DeskEntry }> {
    const desk = this.desk(input.desk);
    const story = await this.stories.get(input.storyId);
    if (!story) throw new NotFoundError(`Không tìm thấy tin ${input.storyId}.`);
    if (story.version !== input.version) throw new ConflictError(story.updatedBy ?? null, story.updatedAt ?? null);
    const before = await this.repo.getEntry(story.id, desk.id);
    if (!before) throw new NotFoundError(`Tin này không có trong hàng chờ của ${desk.name}.`);
    const note = input.note?.trim() || null;
    checkTransition(before.status, input.to, { slot: input.slot, note });
    const at = toVietnamIso(input.now);
    const slotId = input.to === 'scheduled' && before.status !== 'published' ? requireSlotId(desk.slot, input.slot ?? '').id : before.slot;
    const after: DeskEntry = {
      ...withoutRev(before),
      status: input.to,
      slot: input.to === 'scheduled' || input.to === 'published' ? slotId : null,
      rejectReason: input.to === 'rejected' ? note : null,
      updatedAt: at,
      updatedBy: input.by,
    };
    const leavesSlot = (before.status === 'scheduled' || before.status === 'published') && after.slot === null;
    const entersSlot = input.to === 'scheduled' && before.status !== 'published';
    const member = { storyId: story.id, title: before.title, agencyId: before.agencyId, areas: before.areas, words: before.words, seconds: before.seconds, scheduledAt: at };
    if (entersSlot) await this.checkRoom(desk, slotId!, member);
    try {
      await this.repo.write({
        before,
        after,
        audit: { storyId: story.id, kind: 'desk', desk: desk.id, at, by: input.by, from: before.status, to: input.to, slot: after.slot ?? before.slot, note },
        storyVersion: { expected: input.version, by: input.by, at },
        slotChange: {
          ...(entersSlot ? { add: { slotId: slotId!, member, definition: desk.slot } } : {}),
          ...(leavesSlot ? { remove: { slotId: before.slot!, storyId: story.id, words: before.words, seconds: before.seconds } } : {}),
        },
      });
    } catch (error) {
      throw await this.explainStale(error, story.id, desk, slotId, member);
    }
    return { story: (await this.stories.get(story.id))!, entry: after };
  }

  /**
   * Sets a story's airtime on a segment desk by hand (an editor's estimate
   * wins over the read-aloud one from then on).
   */
  async setAirtime(input: { storyId: string; desk: string; seconds: number; version: number; by: string; now: Date }): Promise<DeskEntry> {
    const desk = this.desk(input.desk);
    if (desk.slot.kind !== 'recurring-segment') throw new TransitionError('Ban biên tập này không tính thời lượng phát sóng.');
    if (!Number.isInteger(input.seconds) || input.seconds < 5 || input.seconds > desk.slot.maxSeconds) {
      throw new TransitionError(`Thời lượng phải là số giây nguyên từ 5 đến ${desk.slot.maxSeconds}.`);
    }
    const story = await this.stories.get(input.storyId);
    if (!story) throw new NotFoundError(`Không tìm thấy tin ${input.storyId}.`);
    if (story.version !== input.version) throw new ConflictError(story.updatedBy ?? null, story.updatedAt ?? null);
    const before = await this.repo.getEntry(story.id, desk.id);
    if (!before) throw new NotFoundError(`Tin này không có trong hàng chờ của ${desk.name}.`);
    const at = toVietnamIso(input.now);
    if (before.slot && input.seconds > before.seconds) {
      const member = { storyId: story.id, title: before.title, agencyId: before.agencyId, areas: before.areas, words: before.words, seconds: input.seconds - before.seconds, scheduledAt: at };
      await this.checkRoom(desk, before.slot, member);
    }
    try {
      await this.repo.writeAirtime({
        before,
        seconds: input.seconds,
        definition: desk.slot,
        audit: { storyId: story.id, kind: 'airtime', desk: desk.id, at, by: input.by, from: String(before.seconds), to: String(input.seconds), slot: before.slot, note: null },
        storyVersion: { expected: input.version, by: input.by, at },
      });
    } catch (error) {
      throw await this.explainStale(error, story.id, desk, before.slot, null);
    }
    return { ...withoutRev(before), seconds: input.seconds, secondsEdited: true, updatedAt: at, updatedBy: input.by };
  }

  /**
   * A person's correction of a story's labels (the classifier issue's
   * function), recorded in its history, then the story re-routed.
   * @throws LabelError for invalid input; ConflictError on a stale version.
   */
  async correctLabels(input: { storyId: string; raw: unknown; version: number; by: string; now: Date }): Promise<Story> {
    const label = parseHumanLabelInput(input.raw);
    const before = await this.stories.get(input.storyId);
    if (!before) throw new LabelError(`no story with id ${input.storyId}`);
    const at = input.now.toISOString();
    const story = await this.stories.saveHumanLabel(input.storyId, { ...label, by: input.by, at }, input.version);
    const describe = (relevant: boolean | undefined, areas: AreaId[] | undefined) => (relevant ? (areas ?? []).join(', ') : 'not relevant');
    await this.repo.appendAudit({ storyId: story.id, kind: 'label', desk: null, at: toVietnamIso(input.now), by: input.by, from: describe(before.relevant, before.areas), to: describe(label.relevant, label.areas), slot: null, note: null });
    await this.route(story, input.now);
    return story;
  }

  /** One page of a desk's queue. */
  queue(query: QueueQuery) {
    this.desk(query.desk);
    return this.repo.listQueue(query);
  }

  /** A slot's contents. */
  slot(deskId: string, slotId: string): Promise<SlotContents> {
    const desk = this.desk(deskId);
    return this.repo.getSlot(desk.id, requireSlotId(desk.slot, slotId).id);
  }

  /**
   * The planner's proposal for one slot, with the slot's contents and the
   * candidates it chose from: the newest proposed and shortlisted stories
   * (freshness dominates the score, and the planner must answer fast).
   */
  async plan(deskId: string, slotId: string, now: Date): Promise<{ slot: SlotContents; candidates: QueueRow[]; plan: Plan }> {
    const desk = this.desk(deskId);
    const id = requireSlotId(desk.slot, slotId).id;
    const [slot, proposed, shortlisted] = await Promise.all([
      this.repo.getSlot(desk.id, id),
      this.repo.listQueue({ desk: desk.id, status: 'proposed', limit: PLANNER_CANDIDATES_PER_STATUS }),
      this.repo.listQueue({ desk: desk.id, status: 'shortlisted', limit: PLANNER_CANDIDATES_PER_STATUS }),
    ]);
    const candidates = [...shortlisted.rows, ...proposed.rows];
    const plan = planSlot({ slot: desk.slot, candidates, inSlot: slot.members, taken: slot.members.map((member) => member.storyId), now });
    return { slot, candidates, plan };
  }

  /** A story with its desk entries and history. */
  async storyView(storyId: string): Promise<{ story: Story; entries: StoredEntry[]; history: AuditEvent[] } | null> {
    const [story, rest] = await Promise.all([this.stories.get(storyId), this.repo.entriesAndHistory(storyId)]);
    return story ? { story, ...rest } : null;
  }

  private async checkRoom(desk: Desk, slotId: string, member: { words: number; seconds: number }): Promise<void> {
    const slot = await this.repo.getSlot(desk.id, slotId);
    const fit = checkFit(desk.slot, slotId, slot.members, member);
    if (!fit.fits) throw new SlotFullError(fit.message!);
  }

  /** Turns a lost condition into the error the editor should see. */
  private async explainStale(error: unknown, storyId: string, desk: Desk, slotId: string | null, member: { words: number; seconds: number } | null): Promise<Error> {
    if (!(error instanceof StaleWriteError)) return error as Error;
    if (error.failedItem === 'story' || error.failedItem === 'entry') {
      const current = await this.stories.get(storyId);
      return new ConflictError(current?.updatedBy ?? null, current?.updatedAt ?? null);
    }
    if (error.failedItem === 'slot' && slotId && member) {
      const slot = await this.repo.getSlot(desk.id, slotId);
      const fit = checkFit(desk.slot, slotId, slot.members, member);
      // The slot filled between our check and the write: say how it stands now.
      return new SlotFullError(fit.message ?? 'Kỳ này vừa thay đổi — hãy tải lại trang.');
    }
    if (error.failedItem === 'member') return new TransitionError('Tin đã có trong kỳ này.');
    return error;
  }
}
