// The Terraform configuration of the fixture provider (test/fixtures/kit-provider.ts) in the e2e
// suites: required_providers at KIT_SOURCE, the provider block with its store file, then `body`.
import { hclString } from '../../provider/cli/cli-config';
import { KIT_SOURCE } from './bundles';

/** main.tf requiring the fixture provider, storing its objects in `storePath`, followed by `body`. */
export function kitMainTf(storePath: string, body: string): string {
  return `terraform {
  required_providers {
    kitfixture = {
      source  = "${KIT_SOURCE}"
      version = "0.1.0"
    }
  }
}

provider "kitfixture" {
  store_path = ${hclString(storePath)}
}

${body}
`;
}
