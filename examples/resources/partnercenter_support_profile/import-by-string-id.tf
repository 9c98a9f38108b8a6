import {
  to = partnercenter_support_profile.this
  id = "support"
}
