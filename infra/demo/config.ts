/**
 * The demo configuration (config/demo.json) is derived from the real
 * registry (config/agencies.json) and the site modules, so it cannot drift
 * from the servers: `npx tsx infra/demo/write-config.ts` rewrites it, and
 * test/demo/demo-sites.test.ts fails when the file differs.
 *
 * Differences from the registry, both on purpose:
 * - one merger is recorded: Sở Kế hoạch và Đầu tư ends on 2025-02-28 and
 *   Sở Tài chính is its successor (the real 2025 merger of planning and
 *   investment into finance);
 * - every agency gets an invented contact `<id>@example.gov.vn`, so that
 *   reminders have a recipient in the local outbox (the real registry
 *   leaves contacts empty rather than guess real addresses).
 */
import { DEMO_SITES, fixedSourceUrl } from './sites';
import { DEMO_USERS } from './users';

/** The agency entry shape of a configuration file (before zod defaults). */
export interface AgencyEntry {
  id: string;
  name: string;
  kind: string;
  leadAreas: string[];
  contacts: string[];
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
}

/** Who sends the demo's e-mail (into the local outbox) and Sở Nội vụ's invented address for the reminders' roll-up. */
export const DEMO_MAIL = { sender: 'cchc@binhdinh.example.gov.vn', homeAffairs: ['so-noi-vu@example.gov.vn'] } as const;

/** The merger the demo records. */
export const DEMO_MERGER = { id: 'so-ke-hoach-dau-tu', validTo: '2025-02-28', successorId: 'so-tai-chinh' } as const;

/** The demo sources, one per site, as config/demo.json lists them. */
export function demoSources() {
  return DEMO_SITES.map((site) => ({
    id: site.id,
    agencyId: site.agencyId,
    kind: site.source.kind,
    url: fixedSourceUrl(site),
    ...(site.source.html ? { html: { ...site.source.html } } : {}),
    ...(site.source.encoding ? { encoding: site.source.encoding } : {}),
  }));
}

/** The weekly digest's demo recipients: the editors and Sở Nội vụ by role (their demo e-mails), and a leader by address. */
export function demoDigest() {
  return { recipients: { roles: ['editor-newspaper', 'editor-tv', 'home-affairs'], emails: ['lanhdao@binhdinh.example.gov.vn'] } };
}

/** config/demo.json built from the registry. */
export function buildDemoConfig(registry: { agencies: AgencyEntry[]; desks?: unknown[] }, users: readonly unknown[] = DEMO_USERS) {
  const agencies = registry.agencies.map((agency) => ({
    ...agency,
    contacts: [`${agency.id}@example.gov.vn`],
    ...(agency.id === DEMO_MERGER.id ? { validTo: DEMO_MERGER.validTo, successorId: DEMO_MERGER.successorId } : {}),
  }));
  return { agencies, sources: demoSources(), desks: registry.desks ?? [], users: [...users], mail: { ...DEMO_MAIL, homeAffairs: [...DEMO_MAIL.homeAffairs] }, digest: demoDigest() };
}
