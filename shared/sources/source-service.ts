/**
 * Source administration: add, edit, pause / resume, "retry now" and "mark
 * repaired", each validated with {@link parseSource}, written on the version
 * the admin saw and audited (who, when, before, after). The clock and the
 * author are arguments; authorisation is the caller's (shared/auth/policy.ts).
 */
import { ConfigError, parseSource } from '../config/load';
import type { Source } from '../config/schema';
import { StaleVersionError, AlreadyExistsError, type AuditEntry, type SourceAdminRepository, type SourceChange, type VersionedSource } from '../store/source-admin-repo';
import { canonicalSource } from './canonical';
import { fieldChanges } from './config-diff';
import { sourcesVi } from './strings';

export { StaleVersionError, AlreadyExistsError } from '../store/source-admin-repo';

/** Input the admin must fix (an invalid source, an unknown agency): HTTP 400. */
export class SourceInputError extends Error {
  override name = 'SourceInputError';
}

/** No such source: HTTP 404. */
export class SourceNotFoundError extends Error {
  override name = 'SourceNotFoundError';
  constructor() {
    super(sourcesVi.notFound);
  }
}

/**
 * Whether a change alters how the page is fetched or read (URL, kind,
 * selectors, encoding). Such a change forgets the HTTP validators — a 304
 * would keep the old reading — and makes the source due at once, so the next
 * dispatch checks the fix.
 */
export function fetchAffectingChange(before: Source, after: Source): boolean {
  return fieldChanges(canonicalSource(before), canonicalSource(after)).some(({ field }) => /^(url|kind|encoding|html)(\.|$)/.test(field));
}

/**
 * Validates a source as an admin typed it: empty optional fields dropped,
 * then {@link parseSource}. @throws SourceInputError with the reason in Vietnamese.
 */
export function validateSourceInput(raw: unknown): Source {
  try {
    return canonicalSource(parseSource(raw));
  } catch (error) {
    if (error instanceof ConfigError) throw new SourceInputError(sourcesVi.invalid(error.message.replace(/^invalid source( \(id "[^"]*"\))?: /, '')));
    throw error;
  }
}

/** A source's page: its record, stamp and history. */
export interface SourceDetail extends VersionedSource {
  history: AuditEntry[];
}

/** The actions an admin takes on a source besides editing it. */
export type SourceAction = 'pause' | 'resume' | 'retry' | 'repaired';

/** Source administration over the versioned repository. */
export class SourceService {
  constructor(
    private readonly repo: SourceAdminRepository,
    /** The known agency ids (a source must name one). */
    private readonly agencyIds: () => Promise<readonly string[]>,
  ) {}

  /** Every source with its version. */
  list(): Promise<VersionedSource[]> {
    return this.repo.listSources();
  }

  /** One source with its history. @throws SourceNotFoundError */
  async detail(sourceId: string): Promise<SourceDetail> {
    const [source, history] = await Promise.all([this.repo.getSource(sourceId), this.repo.sourceHistory(sourceId)]);
    if (!source) throw new SourceNotFoundError();
    return { ...source, history };
  }

  /** Adds a source; it is due at once. @throws SourceInputError, AlreadyExistsError */
  async add(raw: unknown, by: string, now: Date): Promise<Source> {
    const source = validateSourceInput(raw);
    await this.requireAgency(source.agencyId);
    await this.repo.addSource(source, now, by);
    return source;
  }

  /**
   * Replaces a source's configuration if it is still at `version`; the id
   * cannot change. Returns the new version (the same when nothing changed).
   * @throws SourceInputError, SourceNotFoundError, StaleVersionError
   */
  async edit(sourceId: string, raw: unknown, version: number, by: string, now: Date): Promise<number> {
    const current = await this.current(sourceId, version);
    // The form does not carry `paused` (pause and resume are their own actions): it is kept.
    const after = validateSourceInput({ paused: current.record.source.paused, ...(raw as object), id: sourceId });
    await this.requireAgency(after.agencyId);
    const before = canonicalSource(current.record.source);
    if (fieldChanges(before, after).length === 0) return version;
    const change: SourceChange = { config: after, ...(fetchAffectingChange(before, after) ? { resetHttp: true, dueAt: now } : {}) };
    return this.repo.updateSource(sourceId, version, change, { at: now, by, action: 'edit', before, after });
  }

  /**
   * Pause / resume, "retry now" (due now: the next dispatch polls it) and
   * "mark repaired" (the needs-repair flag cleared, and due now so the next
   * poll confirms the repair; a page that still matches nothing sets it again).
   * @throws SourceNotFoundError, StaleVersionError
   */
  async act(sourceId: string, action: SourceAction, version: number, by: string, now: Date): Promise<number> {
    const current = await this.current(sourceId, version);
    const { source, health } = current.record;
    const audit = { at: now, by, action };
    switch (action) {
      case 'pause':
      case 'resume': {
        const paused = action === 'pause';
        const config = canonicalSource({ ...source, paused });
        // Resuming makes it due at once rather than after a long pause's stale time.
        return this.repo.updateSource(sourceId, version, { config, ...(paused ? {} : { dueAt: now }) }, { ...audit, before: { paused: Boolean(source.paused) }, after: { paused } });
      }
      case 'retry':
        return this.repo.updateSource(sourceId, version, { dueAt: now }, { ...audit, before: { nextAttemptAt: health.nextAttemptAt }, after: { nextAttemptAt: now.toISOString() } });
      case 'repaired':
        return this.repo.updateSource(sourceId, version, { clearNeedsRepair: true, dueAt: now }, { ...audit, before: { needsRepair: health.needsRepair }, after: { needsRepair: false } });
    }
  }

  /** The source, checked against the version the admin saw before any write is tried. */
  private async current(sourceId: string, version: number): Promise<VersionedSource> {
    const current = await this.repo.getSource(sourceId);
    if (!current) throw new SourceNotFoundError();
    if (current.version !== version) throw new StaleVersionError('source', sourceId, current);
    return current;
  }

  private async requireAgency(agencyId: string): Promise<void> {
    if (!(await this.agencyIds()).includes(agencyId)) throw new SourceInputError(sourcesVi.unknownAgency(agencyId));
  }
}
