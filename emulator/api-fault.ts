// ApiFault bodies as Partner Center sends them: numeric code, description, data, source.
// Codes from the Partner Center error list (docs/architecture.md §5.5).

export interface ApiFault {
  code: number;
  description: string;
  data: string[];
  source: string;
}

export const FAULT_CODES = {
  accessDenied: 400,
  tokenMissing: 800001,
  forbidden: 2032,
  notFound: 1000,
  invalidProperty: 3000,
  invalidInput: 800002,
  staleEtag: 2055,
  unexpected: 800003,
} as const;

export function apiFault(code: number, description: string, data: string[] = []): ApiFault {
  return { code, description, data, source: 'PartnerFD' };
}
