// Whether a profile changed since a plan read it (docs/architecture.md §7). A profile versioned by
// an etag changed when its etag did; one without (the support profile, or an API answer that
// carries none) changed when one of its writable values did, compared as the plan compares them.
import type { Profile } from '../partnercenter/model';
import { diffProfiles } from './diff';
import type { ConflictEvidence } from './errors';
import type { ProfileSpec } from './spec';

/** How `live` is seen to differ from `base`, the profile the plan was made from; undefined when it does not. */
export function changedSincePlan(spec: ProfileSpec, base: Profile, live: Profile): ConflictEvidence | undefined {
  if (spec.etag !== 'none' && (base.etag !== undefined || live.etag !== undefined))
    return (base.etag ?? '') === (live.etag ?? '') ? undefined : 'etag';
  return diffProfiles(spec, base, live, spec.writable).length > 0 ? 'values' : undefined;
}
