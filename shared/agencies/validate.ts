/**
 * Validation of an agency change beyond its own shape: the references
 * between agencies (a successor that exists, no merger cycles) and the
 * validity dates. Pure; the registry calls it with every agency as stored.
 */
import { agencySchema, type Agency } from '../config/schema';
import { agenciesVi } from '../web/strings-admin';

/** One problem with an agency change: the field and a Vietnamese message. */
export interface AgencyIssue {
  field: keyof Agency | 'form';
  message: string;
}

/** A change that cannot be saved; `issues` says why, field by field. */
export class AgencyValidationError extends Error {
  override name = 'AgencyValidationError';
  constructor(readonly issues: readonly AgencyIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
  }
}

/**
 * Parses an agency with the configuration's schema (the same rules as the
 * file), answering its first problem per field in Vietnamese.
 * @throws AgencyValidationError
 */
export function parseAgency(raw: unknown): Agency {
  const result = agencySchema.safeParse(raw);
  if (result.success) return result.data;
  const issues: AgencyIssue[] = [];
  for (const issue of result.error.issues) {
    const field = (issue.path[0] as keyof Agency | undefined) ?? 'form';
    if (issues.some((known) => known.field === field)) continue;
    issues.push({ field, message: agenciesVi.validation.field(field, issue.message) });
  }
  throw new AgencyValidationError(issues);
}

/**
 * The reference checks of a change to `agency` among `all` (the stored
 * agencies; the agency's own old version is replaced by the new one):
 * validTo on or after validFrom, a successor that exists and is not the
 * agency itself, a successor only with an end date, and no cycle along the
 * successor links. Empty when the change is sound.
 */
export function referenceIssues(agency: Agency, all: readonly Agency[], options: { creating?: boolean } = {}): AgencyIssue[] {
  const v = agenciesVi.validation;
  const issues: AgencyIssue[] = [];
  if (options.creating && all.some((other) => other.id === agency.id)) issues.push({ field: 'id', message: v.idTaken(agency.id) });
  if (agency.validTo !== null && agency.validTo < agency.validFrom) issues.push({ field: 'validTo', message: v.validToBeforeFrom });
  if (agency.successorId !== null) {
    const byId = new Map(all.map((other) => [other.id, other]));
    byId.set(agency.id, agency);
    if (agency.successorId === agency.id) issues.push({ field: 'successorId', message: v.successorSelf });
    else if (!byId.has(agency.successorId)) issues.push({ field: 'successorId', message: v.successorUnknown(agency.successorId) });
    else {
      // Follow the chain from the successor: coming back to this agency is a cycle.
      const seen = new Set<string>([agency.id]);
      let next: string | null = agency.successorId;
      while (next !== null) {
        if (seen.has(next)) {
          issues.push({ field: 'successorId', message: v.cycle });
          break;
        }
        seen.add(next);
        next = byId.get(next)?.successorId ?? null;
      }
    }
    if (agency.validTo === null) issues.push({ field: 'validTo', message: v.successorNeedsEnd });
  }
  return issues;
}

/**
 * Parses and checks a change in one step.
 * @throws AgencyValidationError with every issue found
 */
export function validateAgencyChange(raw: unknown, all: readonly Agency[], options: { creating?: boolean } = {}): Agency {
  const agency = parseAgency(raw);
  const issues = referenceIssues(agency, all, options);
  if (issues.length) throw new AgencyValidationError(issues);
  return agency;
}
