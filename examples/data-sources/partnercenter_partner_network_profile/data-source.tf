data "partnercenter_partner_network_profile" "current" {}

output "partner_id" {
  value = data.partnercenter_partner_network_profile.current.partner_id
}

output "partner_name" {
  value = data.partnercenter_partner_network_profile.current.partner_name
}
