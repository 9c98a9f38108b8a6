# Manage the partner's Partner Center profiles as code: billing, support, organization and legal
# business (each always exists: a resource adopts it, and destroying one only forgets it), and
# read the partner network profile, which the API cannot change.
#
# The provider reads its credentials from PARTNERCENTER_* environment variables (see the
# README); against the local emulator:
#   PARTNERCENTER_BASE_URL=http://127.0.0.1:PORT  PARTNERCENTER_AUTHORITY_HOST=http://127.0.0.1:PORT
#   PARTNERCENTER_TENANT_ID=00000000-0000-0000-0000-0000000000aa
#   PARTNERCENTER_CLIENT_ID=emulator-client  PARTNERCENTER_REFRESH_TOKEN=emulator-refresh-token
terraform {
  # One constraint for both engines: Terraform and OpenTofu before 1.12 compare it with their own
  # version (OpenTofu 1.12 reads it only from .tofu files). OpenTofu works from 1.6, Terraform
  # from 1.8, which this cannot say without refusing OpenTofu 1.6 and 1.7.
  required_version = ">= 1.6.0"

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

resource "partnercenter_support_profile" "this" {
  email   = "support@contoso.example"
  website = "https://support.contoso.example"
}

resource "partnercenter_organization_profile" "this" {
  email   = "admin@contoso.example"
  culture = "en-us"
}

resource "partnercenter_legal_business_profile" "this" {
  company_approver_email = "approver@contoso.example"

  primary_contact = {
    email = "legal@contoso.example"
  }
}

output "vetting_status" {
  description = "Read-only: Microsoft's vetting of the legal business profile."
  value       = partnercenter_legal_business_profile.this.vetting_status
}

data "partnercenter_partner_network_profile" "this" {}

output "partner_id" {
  description = "Partner id in the AI Cloud Partner Program (formerly the MPN id)."
  value       = data.partnercenter_partner_network_profile.this.partner_id
}
