resource "partnercenter_support_profile" "this" {
  email     = "support@contoso.example"
  telephone = "+1 425 555 0101"
  website   = "https://support.contoso.example"
}
