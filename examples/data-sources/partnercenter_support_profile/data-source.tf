data "partnercenter_support_profile" "current" {}

output "support_email" {
  value = data.partnercenter_support_profile.current.email
}

output "support_website" {
  value = data.partnercenter_support_profile.current.website
}
