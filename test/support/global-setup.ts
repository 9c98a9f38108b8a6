// Jest globalSetup: build the provider bundles once before any suite runs.
import { buildTestBundles } from './bundles';

export default async function globalSetup(): Promise<void> {
  await buildTestBundles();
}
