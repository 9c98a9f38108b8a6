// Entry point of the provider executable: serve the provider over the go-plugin protocol.
import { serve } from './plugin/serve';
import { partnerCenterProvider } from './provider';
import { SOURCE_ADDRESS } from './meta';

serve(partnerCenterProvider, { sourceAddress: SOURCE_ADDRESS });
