// The emulator's out-of-band admin API (DESIGN §6), as a test needs it.
export interface ApiProfile {
  purchaseOrderNumber?: string;
  taxId?: string;
  address?: Record<string, string>;
  primaryContact?: Record<string, string>;
  attributes?: { etag?: string };
  [key: string]: unknown;
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<ApiProfile> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as ApiProfile;
}

export const getProfile = (url: string) => call(url, 'GET', '/_emulator/profile');
/** An edit made "in the dashboard": merges the partial camelCase profile and bumps the etag. */
export const patchProfile = (url: string, patch: object) => call(url, 'PATCH', '/_emulator/profile', patch);
