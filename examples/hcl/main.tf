# Manage the Partner Center billing profile as code.
#
# The provider reads its credentials from PARTNERCENTER_* environment variables (see the
# README); against the local emulator:
#   PARTNERCENTER_BASE_URL=http://127.0.0.1:PORT  PARTNERCENTER_AUTHORITY_HOST=http://127.0.0.1:PORT
#   PARTNERCENTER_TENANT_ID=00000000-0000-0000-0000-0000000000aa
#   PARTNERCENTER_CLIENT_ID=emulator-client  PARTNERCENTER_REFRESH_TOKEN=emulator-refresh-token
terraform {
  required_providers {
    partnercenter = {
      source  = "terraform.local/partnercenter/partnercenter"
      version = "0.1.0"
    }
  }
}

provider "partnercenter" {}

# Only the attributes written here are managed: the others keep whatever the profile holds.
resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-2026-001"
  tax_id                = "12-3456789"

  primary_contact = {
    email = "billing@contoso.example"
  }

  address = {
    address_line1 = "1 Microsoft Way"
  }
}

output "etag" {
  description = "Version of the billing profile after the last apply."
  value       = partnercenter_billing_profile.this.etag
}

output "company_name" {
  description = "Read-only: changed in the Partner Center dashboard."
  value       = partnercenter_billing_profile.this.company_name
}
