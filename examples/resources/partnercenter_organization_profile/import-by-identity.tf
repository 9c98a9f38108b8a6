import {
  to = partnercenter_organization_profile.this
  identity = {
    tenant_id = "11111111-1111-1111-1111-111111111111"
  }
}
