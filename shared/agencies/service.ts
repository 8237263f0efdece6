/**
 * Managing agencies (issue 8): a change is validated (the configuration's
 * schema plus the reference checks), previewed against the quarter rules
 * and then saved conditionally on the version the person saw. The page and
 * any other caller go through here, so a change is never saved unchecked.
 */
import type { Agency } from '../config/schema';
import type { QuarterCredit } from '../compliance/types';
import { agencyChangeEffect, affectedQuarters, type AgencyChangeEffect } from './merger-effect';
import { AgencyValidationError, validateAgencyChange } from './validate';
import type { AgencyActor, AgencyRegistry, StoredAgency } from './registry';
import { agenciesVi } from '../web/strings-admin';

/** Where the preview reads an agency's credits of one quarter (StoriesRepository.agencyCredits). */
export interface CreditsReader {
  agencyCredits(agencyId: string, quarter: string): Promise<QuarterCredit[]>;
}

/** A change as the form or a caller sends it. */
export interface AgencyChangeRequest {
  /** The agency's fields (validated here). */
  input: unknown;
  /** `null` when adding; else the version the person saw. */
  version: number | null;
}

/** A validated change with its preview. */
export interface PreviewedChange {
  agency: Agency;
  before: StoredAgency | null;
  effect: AgencyChangeEffect;
}

/**
 * The agency fields from a url-encoded form: empty optional fields become
 * `null`, lead themes are repeated fields, contacts one per line (or comma
 * separated).
 */
export function agencyInputFromForm(form: URLSearchParams, fixedId?: string): Record<string, unknown> {
  const text = (name: string) => (form.get(name) ?? '').normalize('NFC').trim();
  const optional = (name: string) => text(name) || null;
  return {
    id: fixedId ?? text('id'),
    name: text('name'),
    kind: text('kind'),
    leadAreas: form.getAll('leadAreas').map((value) => value.trim()).filter(Boolean),
    contacts: text('contacts')
      .split(/[\s,;]+/)
      .map((value) => value.trim())
      .filter(Boolean),
    validFrom: text('validFrom'),
    validTo: optional('validTo'),
    successorId: optional('successorId'),
  };
}

/** The agency admin's operations over the registry and the credits. */
export class AgencyAdmin {
  constructor(
    private readonly registry: AgencyRegistry,
    private readonly credits: CreditsReader,
  ) {}

  /**
   * Validates a change and computes its effect on the affected quarters (the
   * agency's and its successor's credits, one key query per agency and
   * quarter).
   * @throws AgencyValidationError
   */
  async preview(request: AgencyChangeRequest, now: Date): Promise<PreviewedChange> {
    const all = await this.registry.list();
    const creating = request.version === null;
    const fixedId = creating ? undefined : (request.input as { id?: string } | null)?.id;
    const before = fixedId ? (all.find((entry) => entry.agency.id === fixedId) ?? null) : null;
    if (!creating && !before) throw new AgencyValidationError([{ field: 'id', message: agenciesVi.notFound }]);
    const agencies = all.map((entry) => entry.agency).filter((agency) => creating || agency.id !== fixedId);
    const agency = validateAgencyChange(request.input, agencies, { creating });
    const quarters = affectedQuarters(before?.agency ?? null, agency, now);
    const ids = [...new Set([agency.id, agency.successorId, before?.agency.successorId].filter((id): id is string => Boolean(id)))];
    const lists = await Promise.all(quarters.flatMap((quarter) => ids.map((id) => this.credits.agencyCredits(id, quarter))));
    const credits = new Map(quarters.map((quarter, index) => [quarter, lists.slice(index * ids.length, (index + 1) * ids.length).flat()]));
    const effect = agencyChangeEffect({ before: before?.agency ?? null, after: agency, agencies: all.map((entry) => entry.agency), quarters, credits, now });
    return { agency, before, effect };
  }

  /**
   * Validates and saves a change (an add, or a replacement conditional on
   * `version`), with its audit entry.
   * @throws AgencyValidationError, AgencyConflictError, AgencyExistsError
   */
  async save(request: AgencyChangeRequest, actor: AgencyActor, now: Date): Promise<StoredAgency> {
    const all = (await this.registry.list()).map((entry) => entry.agency);
    const creating = request.version === null;
    const id = (request.input as { id?: string } | null)?.id;
    const agency = validateAgencyChange(request.input, creating ? all : all.filter((other) => other.id !== id), { creating });
    return creating ? this.registry.create(agency, actor, now) : this.registry.update(agency, request.version!, actor, now);
  }
}
