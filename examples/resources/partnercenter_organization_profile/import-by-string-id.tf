import {
  to = partnercenter_organization_profile.this
  id = "organization"
}
