variable "partnercenter_refresh_token" {
  type      = string
  sensitive = true
}

provider "partnercenter" {
  environment   = "public"
  tenant_id     = "contoso.onmicrosoft.com"
  client_id     = "11111111-2222-3333-4444-555555555555"
  refresh_token = var.partnercenter_refresh_token
}
