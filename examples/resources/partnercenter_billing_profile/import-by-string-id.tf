import {
  to = partnercenter_billing_profile.this
  id = "billing"
}
