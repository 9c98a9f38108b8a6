resource "partnercenter_organization_profile" "this" {
  company_name = "Contoso Partner Ltd"
  email        = "admin@contoso.example"
  language     = "en"
  culture      = "en-us"

  default_address = {
    address_line1 = "1 Contoso Way"
    city          = "Redmond"
    state         = "WA"
    postal_code   = "98052"
    phone_number  = "+1 425 555 0100"
  }
}

output "domain" {
  value = partnercenter_organization_profile.this.domain
}
