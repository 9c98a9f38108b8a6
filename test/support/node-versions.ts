// The Node.js versions the multi-version suites run on: the current one plus the pinned ones in
// the cache that `npm run nodes` fills (scripts/node-versions.sh). A missing one FAILS the suite
// with the fix; it is never skipped.
export {
  cachedNode,
  envWithNode,
  nodesDir,
  PINNED_NODES,
  type CachedNode,
  type NodeMajor,
} from '../../scripts/node-locator';
