/**
 * The agency registry as the `/agencies` screens use it (issue 8): the same
 * items the collector and the compliance view read (pk `AGENCY#<id>`,
 * listed via gsi1 `AGENCIES`), with their version stamp and audit trail.
 * Writes go through {@link SourceAdminRepository} — the one writer of
 * versioned sources and agencies, shared with `/sources` and `cchc config
 * import` — so every change is one transaction conditional on the version
 * the person saw, together with its audit entry; here its refusals become
 * this module's errors.
 */
import type { Agency } from '../config/schema';
import type { AwsClients } from '../store/clients';
import { AlreadyExistsError, SourceAdminRepository, StaleVersionError } from '../store/source-admin-repo';

/** An agency as stored, with what a conditional change needs. */
export interface StoredAgency {
  agency: Agency;
  /** 0 for an agency written before versions existed, then +1 per change. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What a change did: who, when, what, the record before (null: added) and after. */
export interface AgencyAuditEntry {
  at: string;
  by: string;
  /** `add`, `edit`, `import`, … */
  action: string;
  before: Agency | null;
  after: Agency | null;
}

/** Who makes a change. */
export interface AgencyActor {
  userId: string;
  name: string;
}

/** The agency changed since the person loaded it: who changed it last, and when. */
export class AgencyConflictError extends Error {
  override name = 'AgencyConflictError';
  constructor(
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    super(`agency changed by ${changedBy ?? 'someone'} at ${changedAt ?? 'an unknown time'} — reload`);
  }
}

/** Adding an agency whose id is taken (two people adding the same one at once). */
export class AgencyExistsError extends Error {
  override name = 'AgencyExistsError';
}

/** The registry over the table; reads by key and gsi1 only. */
export class AgencyRegistry {
  private readonly repo: SourceAdminRepository;

  constructor(clients: AwsClients) {
    this.repo = new SourceAdminRepository(clients);
  }

  /** Every agency with its version. */
  list(): Promise<StoredAgency[]> {
    return this.repo.listAgencies();
  }

  /** One agency, read consistently (a form shows the version it will be saved against). */
  get(agencyId: string): Promise<StoredAgency | undefined> {
    return this.repo.getAgency(agencyId);
  }

  /** The agency's changes, newest first. */
  async history(agencyId: string, limit = 100): Promise<AgencyAuditEntry[]> {
    return (await this.repo.agencyHistory(agencyId, limit)).map((entry) => ({ ...entry, before: (entry.before as Agency | null) ?? null, after: (entry.after as Agency | null) ?? null }));
  }

  /**
   * Adds an agency with its first audit entry.
   * @throws AgencyExistsError when the id is taken
   */
  async create(agency: Agency, actor: AgencyActor, now: Date): Promise<StoredAgency> {
    try {
      await this.repo.addAgency(agency, now, actor.name, 'add');
    } catch (error) {
      if (error instanceof AlreadyExistsError) throw new AgencyExistsError(error.message);
      throw error;
    }
    return { agency, version: 1, updatedAt: now.toISOString(), updatedBy: actor.name };
  }

  /**
   * Replaces an agency, conditional on `expectedVersion` (the one the person
   * saw), with an audit entry of before and after, in one transaction.
   * @throws AgencyConflictError when it changed meanwhile (or is gone)
   */
  async update(agency: Agency, expectedVersion: number, actor: AgencyActor, now: Date): Promise<StoredAgency> {
    const current = await this.get(agency.id);
    if (!current) throw new AgencyConflictError(null, null);
    // Checked here too so the audit's `before` is the version the person saw.
    if (current.version !== expectedVersion) throw new AgencyConflictError(current.updatedBy, current.updatedAt);
    try {
      const version = await this.repo.updateAgency(agency, expectedVersion, { at: now, by: actor.name, action: 'edit', before: current.agency });
      return { agency, version, updatedAt: now.toISOString(), updatedBy: actor.name };
    } catch (error) {
      if (error instanceof StaleVersionError) throw new AgencyConflictError(error.stamp?.updatedBy ?? null, error.stamp?.updatedAt ?? null);
      throw error;
    }
  }
}
