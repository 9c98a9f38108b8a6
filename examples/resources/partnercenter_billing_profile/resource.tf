resource "partnercenter_billing_profile" "this" {
  purchase_order_number = "PO-2025-0042"
  tax_id                = "98-7654321"

  address = {
    address_line1 = "1 Contoso Way"
    address_line2 = "" # clear it
    city          = "Redmond"
    state         = "WA"
    postal_code   = "98052"
  }

  primary_contact = {
    first_name = "Avery"
    last_name  = "Howard"
    email      = "billing@contoso.example"
  }
}

output "billing_currency" {
  value = partnercenter_billing_profile.this.billing_currency
}
