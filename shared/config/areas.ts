/**
 * The reform-area ids of domain.md. They are a contract: tests, exports and
 * the API use exactly these strings.
 */
export const AREA_IDS = [
  'direction',
  'institutions',
  'procedures',
  'organization',
  'civil_service',
  'public_finance',
  'digital_government',
  'business_environment',
  'project06',
  'science_innovation',
] as const;

/** One reform-area id. */
export type AreaId = (typeof AREA_IDS)[number];
