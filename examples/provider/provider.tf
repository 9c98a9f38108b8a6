terraform {
  required_providers {
    partnercenter = {
      source = "terraform.local/partnercenter/partnercenter"
    }
  }
}

# Signed in with `az login` (a person at a terminal), or credentials from the environment
# (automation): PARTNERCENTER_TENANT_ID, PARTNERCENTER_CLIENT_ID, PARTNERCENTER_REFRESH_TOKEN
provider "partnercenter" {}

resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-2025-0042"

  primary_contact = {
    email = "billing@contoso.example"
  }
}
