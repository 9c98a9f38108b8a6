// The HCL the benchmark plans and applies. Our resource and the Go provider's restapi_object
// manage the same fields (every writable field of the profile, at the emulator's default values)
// and both change only purchaseOrderNumber between runs, so both PUT the same profile.
import { PROVIDER_VERSION, SOURCE_ADDRESS } from '../../provider/meta';
import { defaultProfileData } from '../../emulator/profile';
import { hclString } from '../../provider/cli/cli-config';

export const RESTAPI_SOURCE = 'registry.terraform.io/mastercard/restapi';
export const RESTAPI_VERSION = '1.20.0';

/**
 * Writable fields other than purchaseOrderNumber, camelCase as the API has them: the emulator's
 * default values, so the first apply of either provider changes nothing but the PO number.
 */
const FIXED = (() => {
  const { taxId, address, primaryContact } = defaultProfileData();
  const { country: _readOnly, ...writableAddress } = address ?? {};
  return { taxId, address: writableAddress, primaryContact };
})();

/** The two purchase order numbers the applies alternate between. */
export const PO_VALUES = ['PO-BENCH-A', 'PO-BENCH-B'] as const;

const snake = (key: string) => key.replace(/[A-Z0-9]/g, (c) => `_${c.toLowerCase()}`);

/** Our resource's arguments: the camelCase profile as snake_case HCL. */
function hclObject(obj: Record<string, unknown>, indent: string): string {
  const lines = Object.entries(obj).map(([k, v]) =>
    typeof v === 'object' && v !== null
      ? `${indent}${snake(k)} = {\n${hclObject(v as Record<string, unknown>, `${indent}  `)}\n${indent}}`
      : `${indent}${snake(k)} = ${hclString(String(v))}`,
  );
  return lines.join('\n');
}

const VARS = [
  'variable "po" {\n  type    = string\n  default = null\n}',
  'variable "token" {\n  type      = string\n  default   = null\n  sensitive = true\n}',
];

function oursHeader(): string {
  return `terraform {
  required_providers {
    partnercenter = {
      source  = ${hclString(SOURCE_ADDRESS)}
      version = ${hclString(PROVIDER_VERSION)}
    }
  }
}
${VARS.join('\n')}
`;
}

function restapiHeader(): string {
  return `terraform {
  required_providers {
    restapi = {
      source  = ${hclString(RESTAPI_SOURCE)}
      version = ${hclString(RESTAPI_VERSION)}
    }
  }
}
${VARS.join('\n')}
variable "etag" {
  type    = string
  default = null
}
`;
}

/**
 * Our provider. With TF_VAR_token set it uses that access token as is (as restapi does); with it
 * unset, access_token is null and the provider exchanges PARTNERCENTER_REFRESH_TOKEN instead.
 */
export function oursConfig(): string {
  return `${oursHeader()}
provider "partnercenter" {
  access_token = var.token
}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = var.po
${hclObject(FIXED, '  ')}
}
`;
}

/**
 * The restapi provider block: base URL, static bearer token, and the PUT response taken as the
 * new object (without write_returns_object every update is followed by a GET).
 */
function restapiProvider(baseUrl: string, alias?: string): string {
  return `provider "restapi" {
${alias ? `  alias                = ${hclString(alias)}\n` : ''}  uri                  = ${hclString(baseUrl)}
  write_returns_object = true
  headers = {
    Authorization = "Bearer \${var.token}"
  }
}
`;
}

/** restapi_object arguments for the singleton /v1/profiles/billing (no collection, fixed id). */
function restapiObject(name: string, data: string, alias?: string): string {
  return `resource "restapi_object" ${hclString(name)} {
${alias ? `  provider      = restapi.${alias}\n` : ''}  path          = "/v1/profiles/billing"
  create_path   = "/v1/profiles/billing"
  read_path     = "/v1/profiles/billing"
  update_path   = "/v1/profiles/billing"
  create_method = "PUT"
  update_method = "PUT"
  object_id     = "billing"
  data          = ${data}
}
`;
}

/**
 * The Go provider. restapi cannot send If-Match, so the current etag goes into the body
 * (attributes.etag, which the emulator checks like If-Match) through -var etag=….
 */
export function restapiConfig(baseUrl: string): string {
  const data = `jsonencode(merge(${JSON.stringify(FIXED)}, { purchaseOrderNumber = var.po, attributes = { etag = var.etag } }))`;
  return `${restapiHeader()}
${restapiProvider(baseUrl)}
${restapiObject('billing', data)}`;
}

/** N aliases of our provider (one process each), each reading the profile with the data source. */
export function oursScalingConfig(aliases: number): string {
  const blocks: string[] = [];
  for (let i = 1; i <= aliases; i++) {
    blocks.push(`provider "partnercenter" {
  alias        = "p${i}"
  access_token = var.token
}

data "partnercenter_billing_profile" "p${i}" {
  provider = partnercenter.p${i}
}
`);
  }
  return `${oursHeader()}\n${blocks.join('\n')}`;
}

/**
 * N aliases of restapi, each with a restapi_object in the state (its data source needs a
 * collection to search, which this API does not have). No etag in the body: the N objects write
 * the same profile concurrently at setup, and only plans are timed.
 */
export function restapiScalingConfig(aliases: number, baseUrl: string, po: string): string {
  const data = `jsonencode(${JSON.stringify({ ...FIXED, purchaseOrderNumber: po })})`;
  const blocks: string[] = [];
  for (let i = 1; i <= aliases; i++)
    blocks.push(restapiProvider(baseUrl, `p${i}`) + '\n' + restapiObject(`p${i}`, data, `p${i}`));
  return `${restapiHeader()}\n${blocks.join('\n')}`;
}

export const EMPTY_CONFIG = 'terraform {}\n';
