import type { ProviderDefinition } from '../../../../provider/plugin/kit';
import { createLogger } from '../../../../provider/plugin/log';
import { ProviderRuntime, UnknownTypeError } from '../../../../provider/plugin/services/runtime';
import { kitProvider } from '../../../fixtures/kit-provider';

const log = createLogger('test', { env: {} });

function withConfigure(configure: ProviderDefinition['configure']): ProviderRuntime {
  return new ProviderRuntime({ ...(kitProvider as ProviderDefinition), configure }, log);
}

describe('ProviderRuntime', () => {
  test('resource calls wait for a configure still in flight, then get its client', async () => {
    let finish!: () => void;
    const runtime = withConfigure(
      () => new Promise((resolve) => (finish = () => resolve({ client: 'the-client', diagnostics: [] }))),
    );
    const configuring = runtime.configure({}, '1.8.5');
    let settled = false;
    const ctx = runtime.resourceContext().then((c) => ((settled = true), c));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    finish();
    expect(await configuring).toEqual([]);
    expect(await ctx).toMatchObject({ ok: true, ctx: { client: 'the-client' } });
  });

  test('a configure that throws makes resource calls fail with an internal error', async () => {
    const runtime = withConfigure(async () => {
      throw new Error('no network');
    });
    await expect(runtime.configure({}, '1.8.5')).rejects.toThrow('no network');
    expect(await runtime.resourceContext()).toEqual({
      ok: false,
      diagnostic: expect.objectContaining({ severity: 'error', summary: 'Provider internal error: no network' }),
    });
  });

  test('stop aborts the signal of calls already started; later calls get a fresh signal', async () => {
    const runtime = withConfigure(async () => ({ client: 1, diagnostics: [] }));
    await runtime.configure({}, '1.8.5');
    const before = await runtime.resourceContext();
    const plain = runtime.callContext();
    runtime.stop();
    const after = await runtime.resourceContext();
    expect(before.ok && before.ctx.signal.aborted).toBe(true);
    expect(plain.signal.aborted).toBe(true);
    expect(after.ok && after.ctx.signal.aborted).toBe(false);
  });

  test('unknown type names raise UnknownTypeError', () => {
    const runtime = withConfigure(async () => ({ diagnostics: [] }));
    expect(() => runtime.resource('kitfixture_other')).toThrow(UnknownTypeError);
    expect(() => runtime.dataSource('x')).toThrow('Unknown data source type "x"');
    expect(runtime.resource('kitfixture_thing').type[0]).toBe('object');
  });
});
