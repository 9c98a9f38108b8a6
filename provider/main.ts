// Entry point of the provider executable: serve the provider over the go-plugin protocol.
import { serve } from './plugin/serve';
import { partnerCenterProvider } from './provider';
import { SOURCE_ADDRESS } from './meta';
import { restoreExtraCaCerts } from './partnercenter/outbound-ca';
import { enableGotPreload } from './partnercenter/got-attempt';

// First: the launcher moved NODE_EXTRA_CA_CERTS aside to spare Node loading it at start-up; put it
// back for child processes, and keep the file for the provider's own HTTPS (docs/architecture.md §10).
restoreExtraCaCerts();
// This process serves the engine: got may load while the engine works between RPCs.
enableGotPreload();
serve(partnerCenterProvider, { sourceAddress: SOURCE_ADDRESS });
