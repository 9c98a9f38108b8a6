data "partnercenter_organization_profile" "current" {}

output "company_name" {
  value = data.partnercenter_organization_profile.current.company_name
}

output "domain" {
  value = data.partnercenter_organization_profile.current.domain
}
