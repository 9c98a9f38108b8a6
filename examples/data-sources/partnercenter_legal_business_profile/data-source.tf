data "partnercenter_legal_business_profile" "current" {}

output "legal_name" {
  value = data.partnercenter_legal_business_profile.current.company_name
}

output "vetting" {
  value = "${data.partnercenter_legal_business_profile.current.vetting_status} (${data.partnercenter_legal_business_profile.current.vetting_sub_status})"
}
