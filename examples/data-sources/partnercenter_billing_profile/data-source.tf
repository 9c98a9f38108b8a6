data "partnercenter_billing_profile" "current" {}

output "billing_contact" {
  value = data.partnercenter_billing_profile.current.primary_contact.email
}

output "billing_currency" {
  value = data.partnercenter_billing_profile.current.billing_currency
}
