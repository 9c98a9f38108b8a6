resource "partnercenter_legal_business_profile" "this" {
  company_approver_email = "approver@contoso.example"

  address = {
    address_line1 = "1 Contoso Way"
    city          = "Redmond"
    state         = "WA"
    postal_code   = "98052"
  }

  primary_contact = {
    first_name = "Avery"
    last_name  = "Howard"
    email      = "legal@contoso.example"
  }

  company_approver_address = {
    first_name    = "Jordan"
    last_name     = "Lee"
    address_line1 = "1 Contoso Way"
    city          = "Redmond"
    state         = "WA"
    postal_code   = "98052"
    country       = "US"
  }
}

output "vetting_status" {
  value = partnercenter_legal_business_profile.this.vetting_status
}
