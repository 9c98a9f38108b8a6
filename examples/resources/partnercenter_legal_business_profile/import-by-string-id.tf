import {
  to = partnercenter_legal_business_profile.this
  id = "legalbusiness"
}
