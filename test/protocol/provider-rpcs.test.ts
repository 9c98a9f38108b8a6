// tfplugin6 RPCs against the bundled fixture provider over mutual TLS, checking the rules the
// engines enforce (plan/apply/read/import/upgrade semantics, diagnostics, private state).
import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseTypeJson } from '../../provider/plugin/cty/type-json';
import { Decimal, UNKNOWN, type ObjectValue } from '../../provider/plugin/cty/types';
import { containsUnknown } from '../../provider/plugin/cty/values';
import * as pb from '../../provider/plugin/proto/tfplugin6';
import { useConnectedProvider } from './support/connected';
import { call, connect, parseHandshake, type EngineClient } from './support/grpc-client';
import { launchProvider, stopProvider, type ProviderProcess } from './support/launcher';
import { bytes, dataSourceType, dv, fromDv, providerType, text } from './support/values';

const TYPE = 'kitfixture_thing';
const fixture = useConnectedProvider({ terraformVersion: '1.8.5' });
const { rpc } = fixture;

/** The create flow: plan from a config, apply the plan; returns the new state and private. */
async function create(config: ObjectValue): Promise<{ state: ObjectValue; private: Uint8Array }> {
  const plan = await rpc('PlanResourceChange', {
    type_name: TYPE,
    prior_state: dv(null),
    proposed_new_state: dv(config),
    config: dv(config),
  });
  expect(plan.diagnostics).toEqual([]);
  const apply = await rpc('ApplyResourceChange', {
    type_name: TYPE,
    prior_state: dv(null),
    planned_state: plan.planned_state,
    config: dv(config),
    planned_private: plan.planned_private,
  });
  expect(apply.diagnostics).toEqual([]);
  return { state: fromDv(apply.new_state) as ObjectValue, private: apply.private };
}

describe('schema and metadata', () => {
  test('GetProviderSchema: every schema has a block, valid type JSON, valid flags, and the capabilities', async () => {
    const res: pb.GetProviderSchemaResponse = await rpc('GetProviderSchema');
    expect(res.diagnostics).toEqual([]);
    expect(res.server_capabilities).toEqual({
      plan_destroy: true,
      get_provider_schema_optional: true,
      move_resource_state: false,
      generate_resource_config: false,
    });
    expect(res.provider?.block).toBeDefined();
    expect(Object.keys(res.resource_schemas)).toEqual([TYPE]);
    expect(Object.keys(res.data_source_schemas)).toEqual([TYPE]);
    const thing = res.resource_schemas[TYPE];
    expect(thing.version).toBe(1);
    const checkAttributes = (attrs: pb.SchemaAttribute[]) => {
      for (const a of attrs) {
        expect(a.type.length > 0).not.toBe(a.nested_type !== undefined); // exactly one of them
        if (a.type.length > 0) expect(() => parseTypeJson(text(a.type))).not.toThrow();
        const flags = [a.required, a.optional, a.computed].filter(Boolean).length;
        expect(flags === 1 || (a.optional && a.computed && !a.required)).toBe(true);
        if (a.nested_type) checkAttributes(a.nested_type.attributes);
      }
    };
    for (const s of [
      res.provider!,
      ...Object.values(res.resource_schemas),
      ...Object.values(res.data_source_schemas),
    ]) {
      expect(s.block).toBeDefined();
      checkAttributes(s.block.attributes);
    }
    const settings = thing.block.attributes.find((a) => a.name === 'settings')!;
    expect(settings.nested_type?.nesting).toBe(pb.ObjectNesting.Single);
    expect(settings.nested_type?.attributes.map((a) => a.name)).toEqual(['level', 'mode']);
    expect(thing.block.attributes.find((a) => a.name === 'secret')?.sensitive).toBe(true);
    expect(text(thing.block.attributes.find((a) => a.name === 'tags')!.type)).toBe('["set","string"]');
  });

  test('GetMetadata lists the resources and data sources', async () => {
    const res: pb.GetMetadataResponse = await rpc('GetMetadata');
    expect(res.resources).toEqual([{ type_name: TYPE }]);
    expect(res.data_sources).toEqual([{ type_name: TYPE }]);
    expect(res.server_capabilities?.get_provider_schema_optional).toBe(true);
  });
});

describe('validation', () => {
  test('ValidateProviderConfig puts its diagnostics in field 2, with severity and path', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) =>
      fixture.engine.provider.makeUnaryRequest(
        '/tfplugin6.Provider/ValidateProviderConfig',
        (req: pb.ValidateProviderConfigRequest) => Buffer.from(pb.ValidateProviderConfigRequest.encode(req)),
        (b: Buffer) => b,
        { config: dv({ store_path: '' }, providerType) },
        (err: grpc.ServiceError | null, res?: Buffer) => (err ? reject(err) : resolve(res!)),
      ),
    );
    expect(raw[0]).toBe(0x12); // field 2, length-delimited
    const res = pb.ValidateProviderConfigResponse.decode(new Uint8Array(raw));
    expect(res.diagnostics).toEqual([
      {
        severity: pb.Severity.Error,
        summary: 'Empty store path',
        detail: '',
        attribute: { steps: [{ attribute_name: 'store_path' }] },
      },
    ]);
  });

  test('ValidateResourceConfig reports errors and warnings with attribute paths', async () => {
    const invalid = await rpc('ValidateResourceConfig', { type_name: TYPE, config: dv({ name: 'invalid', size: -1 }) });
    expect(invalid.diagnostics.map((d: pb.Diagnostic) => [d.severity, d.summary, d.attribute?.steps])).toEqual([
      [pb.Severity.Error, 'Invalid name', [{ attribute_name: 'name' }]],
      [pb.Severity.Error, 'Negative size', [{ attribute_name: 'size' }]],
    ]);
    const warn = await rpc('ValidateResourceConfig', { type_name: TYPE, config: dv({ name: 'warn' }) });
    expect(warn.diagnostics).toEqual([
      {
        severity: pb.Severity.Warning,
        summary: 'Just a warning',
        detail: '',
        attribute: { steps: [{ attribute_name: 'settings' }, { attribute_name: 'mode' }] },
      },
    ]);
  });

  test('accepts unknown values, refined unknowns (ext 12) and JSON-encoded configs', async () => {
    const plain = dv({ name: UNKNOWN });
    const unknownBytes = Buffer.from([0xd4, 0x00, 0x00]);
    const refined = Buffer.from([0xc7, 0x09, 0x0c, 0x82, 0x01, 0xc2, 0x02, 0xa4, 0x70, 0x72, 0x65, 0x2d]);
    const at = Buffer.from(plain.msgpack).indexOf(unknownBytes);
    const withRefined = Buffer.concat([
      Buffer.from(plain.msgpack).subarray(0, at),
      refined,
      Buffer.from(plain.msgpack).subarray(at + 3),
    ]);
    const res = await rpc('ValidateResourceConfig', {
      type_name: TYPE,
      config: { msgpack: withRefined, json: new Uint8Array() },
    });
    expect(res.diagnostics).toEqual([]);
    const json = await rpc('ValidateResourceConfig', {
      type_name: TYPE,
      config: { msgpack: new Uint8Array(), json: bytes('{"name":"invalid"}') },
    });
    expect(json.diagnostics.map((d: pb.Diagnostic) => d.summary)).toEqual(['Invalid name']);
  });

  test('an unknown type name is an error diagnostic, not a gRPC error', async () => {
    const res = await rpc('ValidateResourceConfig', { type_name: 'kitfixture_nope', config: dv({}) });
    expect(res.diagnostics).toEqual([
      { severity: pb.Severity.Error, summary: 'Unknown resource type "kitfixture_nope"', detail: '' },
    ]);
    const ds = await rpc('ValidateDataResourceConfig', { type_name: TYPE, config: dv({ id: 'x' }, dataSourceType) });
    expect(ds.diagnostics).toEqual([]);
  });
});

describe('plan and apply', () => {
  test('create: computed attributes null in config are planned unknown; exact numbers and private are kept', async () => {
    const config = { name: 'a', size: new Decimal('0.1'), tags: ['x', 'y'] };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
      prior_private: bytes('from-engine'),
    });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.legacy_type_system).toBe(false);
    expect(text(plan.planned_private)).toBe('from-engine');
    const planned = fromDv(plan.planned_state) as ObjectValue;
    expect(planned).toMatchObject({
      id: UNKNOWN,
      etag: UNKNOWN,
      settings: UNKNOWN,
      name: 'a',
      tags: ['x', 'y'],
      secret: null,
    });
    expect(planned.size).toEqual(new Decimal('0.1'));
  });

  test('create: unknown config values stay unknown in the plan', async () => {
    const config: ObjectValue = { name: UNKNOWN, settings: { mode: 'fast' } };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });
    const planned = fromDv(plan.planned_state) as ObjectValue;
    expect(planned.name).toBe(UNKNOWN);
    expect(planned.settings).toEqual({ mode: 'fast', level: UNKNOWN });
  });

  test('apply of a create returns a wholly known state matching every known planned value', async () => {
    const { state, private: priv } = await create({ name: 'b', size: 9007199254740993n, tags: ['t'] });
    expect(containsUnknown(state)).toBe(false);
    expect(state).toMatchObject({
      name: 'b',
      size: 9007199254740993n,
      tags: ['t'],
      settings: { mode: 'auto', level: 1 },
    });
    expect(state.id).toMatch(/^thing-/);
    expect(JSON.parse(text(priv))).toEqual({ etag: state.etag });
  });

  test('no change: the planned state is byte-identical to the prior state', async () => {
    const { state } = await create({ name: 'c', size: new Decimal('1.50') });
    const config = { ...state, id: null, etag: null, settings: null };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(state),
      proposed_new_state: dv(state),
      config: dv(config),
    });
    expect(Buffer.from(plan.planned_state.msgpack).equals(Buffer.from(dv(state).msgpack))).toBe(true);
    expect(plan.requires_replace).toEqual([]);
  });

  test('update: computed-only attributes become unknown unless stable; replacement paths are returned', async () => {
    const { state } = await create({ name: 'd', size: 1 });
    const config = { name: 'd', size: 2, settings: { mode: 'fast' } };
    const proposed: ObjectValue = {
      ...state,
      size: 2,
      settings: { mode: 'fast', level: (state.settings as ObjectValue).level },
    };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(state),
      proposed_new_state: dv(proposed),
      config: dv(config),
    });
    const planned = fromDv(plan.planned_state) as ObjectValue;
    expect(planned).toMatchObject({ id: state.id, etag: UNKNOWN, size: 2, settings: { mode: 'fast', level: UNKNOWN } });
    expect(plan.requires_replace).toEqual([]);

    const renamed = { ...state, name: 'd2' };
    const replan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(state),
      proposed_new_state: dv(renamed),
      config: dv({ name: 'd2' }),
    });
    expect(replan.requires_replace).toEqual([{ steps: [{ attribute_name: 'name' }] }]);

    const apply = await rpc('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: dv(state),
      planned_state: plan.planned_state,
      config: dv(config),
    });
    const after = fromDv(apply.new_state) as ObjectValue;
    expect(after).toMatchObject({ id: state.id, size: 2, settings: { mode: 'fast', level: 1 } });
    expect(after.etag).not.toBe(state.etag);
  });

  test('delete (planned null) returns a null state and removes the object', async () => {
    const { state } = await create({ name: 'e' });
    const apply = await rpc('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: dv(state),
      planned_state: dv(null),
      config: dv(null),
    });
    expect(apply.diagnostics).toEqual([]);
    expect(Array.from(apply.new_state.msgpack)).toEqual([0xc0]);
    expect(JSON.parse(readFileSync(fixture.provider.storePath, 'utf8'))[state.id as string]).toBeUndefined();
  });

  test('a state that does not match the schema becomes an error and is not sent', async () => {
    const config = { name: 'bad-state' };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });
    const apply = await rpc('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      planned_state: plan.planned_state,
      config: dv(config),
    });
    expect(apply.diagnostics).toHaveLength(1);
    expect(apply.diagnostics[0]).toMatchObject({
      severity: pb.Severity.Error,
      summary: 'Provider returned an invalid value',
    });
    expect(apply.diagnostics[0].detail).toMatch(/\.size: expected number/);
    expect(fromDv(apply.new_state)).toBeNull(); // a failed create keeps no object
  });

  test('an exception in a resource becomes "Provider internal error" with an error severity', async () => {
    const config = { name: 'throw' };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'Provider internal error: plan exploded' }),
    ]);
  });
});

describe('read, import, data source', () => {
  test('read returns the live object and echoes private state when the resource returns none', async () => {
    const { state } = await create({ name: 'f', size: 5 });
    const store = JSON.parse(readFileSync(fixture.provider.storePath, 'utf8'));
    store[state.id as string] = store[state.id as string].replace('"size":5', '"size":6'); // drift
    writeFileSync(fixture.provider.storePath, JSON.stringify(store));
    const read = await rpc('ReadResource', { type_name: TYPE, current_state: dv(state), private: bytes('keep-me') });
    expect(read.diagnostics).toEqual([]);
    expect(text(read.private)).toBe('keep-me');
    expect(fromDv(read.new_state)).toEqual({ ...state, size: 6 });
  });

  test('read of a vanished object returns null', async () => {
    const gone = { id: 'thing-missing', name: 'g' };
    const read = await rpc('ReadResource', { type_name: TYPE, current_state: dv(gone) });
    expect(read.diagnostics).toEqual([]);
    expect(fromDv(read.new_state)).toBeNull();
  });

  test('an exception in read keeps the current state and reports an internal error', async () => {
    const current = dv({ id: 'x', name: 'throw' });
    const read = await rpc('ReadResource', { type_name: TYPE, current_state: current, private: bytes('p') });
    expect(read.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'Provider internal error: read exploded' }),
    ]);
    expect(Buffer.from(read.new_state.msgpack).equals(Buffer.from(current.msgpack))).toBe(true);
  });

  test('import returns exactly one resource with its type name and a known state', async () => {
    const { state } = await create({ name: 'h', tags: ['a'] });
    const res = await rpc('ImportResourceState', { type_name: TYPE, id: state.id });
    expect(res.diagnostics).toEqual([]);
    expect(res.imported_resources).toHaveLength(1);
    expect(res.imported_resources[0].type_name).toBe(TYPE);
    expect(fromDv(res.imported_resources[0].state)).toEqual(state);
  });

  test('import of a missing id is an error with no resources', async () => {
    const res = await rpc('ImportResourceState', { type_name: TYPE, id: 'nope' });
    expect(res.imported_resources).toEqual([]);
    expect(res.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'Cannot import non-existent remote object' }),
    ]);
  });

  test('ReadDataSource returns a known state', async () => {
    const { state } = await create({ name: 'i', size: new Decimal('2.5') });
    const res = await rpc('ReadDataSource', { type_name: TYPE, config: dv({ id: state.id }, dataSourceType) });
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(res.state, dataSourceType)).toEqual({ id: state.id, name: 'i', size: new Decimal('2.5') });
  });
});

describe('UpgradeResourceState', () => {
  const upgrade = (version: number, json: string) =>
    rpc('UpgradeResourceState', { type_name: TYPE, version, raw_state: { json: bytes(json), flatmap: {} } });

  test('same version: passthrough with extra keys dropped, missing keys null, exact numbers', async () => {
    const res = await upgrade(
      1,
      '{"id":"u1","name":"n","size":12345678901234567890.5,"gone":true,"settings":{"mode":"m","level":0.1,"old":1}}',
    );
    expect(res.diagnostics).toEqual([]);
    const state = fromDv(res.upgraded_state) as ObjectValue;
    expect(state).toEqual({
      id: 'u1',
      name: 'n',
      size: new Decimal('12345678901234567890.5'),
      tags: null,
      settings: { mode: 'm', level: new Decimal('0.1') },
      etag: null,
      secret: null,
    });
  });

  test('older version: the resource upgrade hook runs', async () => {
    const res = await upgrade(0, '{"id":"u0","label":"old-name","size":9007199254740993}');
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(res.upgraded_state)).toMatchObject({ id: 'u0', name: 'old-name', size: 9007199254740993n });
  });

  test('newer version and flatmap states are error diagnostics', async () => {
    const newer = await upgrade(2, '{}');
    expect(newer.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'State written by a newer provider' }),
    ]);
    const flat = await rpc('UpgradeResourceState', {
      type_name: TYPE,
      version: 1,
      raw_state: { json: new Uint8Array(), flatmap: { id: 'x' } },
    });
    expect(flat.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'Unsupported state format' }),
    ]);
    expect(flat.upgraded_state).toBeUndefined();
  });
});

describe('concurrency and cancellation', () => {
  test('ten RPCs at once on one process', async () => {
    const { state } = await create({ name: 'j', size: 1 });
    const reads = Array.from({ length: 10 }, (_, i) =>
      rpc('ReadResource', { type_name: TYPE, current_state: dv(state), private: bytes(`p${i}`) }),
    );
    const results = await Promise.all(reads);
    results.forEach((r, i) => {
      expect(r.diagnostics).toEqual([]);
      expect(text(r.private)).toBe(`p${i}`);
      expect(fromDv(r.new_state)).toEqual(state);
    });
  });

  test('StopProvider answers while a call is in flight and aborts it; later calls work', async () => {
    const waiting = rpc('ReadResource', { type_name: TYPE, current_state: dv({ id: 'w', name: 'wait-for-stop' }) });
    const end = Date.now() + 5000;
    while (!fixture.provider.stderr().includes('waiting for StopProvider') && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    expect(await rpc('StopProvider')).toEqual({ Error: '' });
    const read = await waiting;
    expect(read.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'Read cancelled by StopProvider' }),
    ]);
    const gone = await rpc('ReadResource', { type_name: TYPE, current_state: dv({ id: 'none', name: 'k' }) });
    expect(gone.diagnostics).toEqual([]);
  });
});

describe('without a working configuration', () => {
  let fresh: ProviderProcess;
  let client: EngineClient;
  beforeAll(async () => {
    fresh = launchProvider({ clientCert: fixture.clientCert, env: { KIT_FIXTURE_STORE: undefined } });
    client = connect(parseHandshake(await fresh.firstLine), fixture.clientCert);
  });
  afterAll(async () => {
    client.close();
    await stopProvider(fresh);
  });

  test('resource calls before ConfigureProvider get a "not configured" error diagnostic', async () => {
    const read = await call(client.provider, 'ReadResource', {
      type_name: TYPE,
      current_state: dv({ id: 'x', name: 'x' }),
    });
    expect(read.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'The provider is not configured' }),
    ]);
  });

  test('configure errors are returned, and later resource calls fail with a clear error', async () => {
    const configure = await call(client.provider, 'ConfigureProvider', { config: dv({}, providerType) });
    expect(configure.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'No store path' }),
    ]);
    const res = await call(client.provider, 'ImportResourceState', { type_name: TYPE, id: 'x' });
    expect(res.diagnostics).toEqual([
      expect.objectContaining({ severity: pb.Severity.Error, summary: 'The provider is not configured' }),
    ]);
    expect(res.imported_resources).toEqual([]);
  });
});
