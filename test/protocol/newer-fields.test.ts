// Request fields of protocols 6.6 to 6.11 (Terraform up to 1.16, OpenTofu 1.12) and of versions
// after them: each RPC sent once as protocol 6.5 did and once with every newer field set must
// give the same answer. Newer fields the provider knows (client_capabilities with every flag,
// the identities, PlanResourceChange.planned_private) are sent through our codecs; fields it does
// not know are appended to the encoded request as raw bytes of every wire type, also inside a
// known nested message, as a later engine would send them.
import * as grpc from '@grpc/grpc-js';
import type { ObjectValue } from '../../provider/plugin/cty/types';
import type { MessageCodec } from '../../provider/plugin/proto/message';
import * as pb from '../../provider/plugin/proto/tfplugin6';
import { ProtoWriter, WireType } from '../../provider/plugin/proto/wire';
import { useConnectedProvider } from './support/connected';
import { bytes, dataSourceType, dv, fromDv, fromIdv, idv, providerType, text } from './support/values';

const TYPE = 'kitfixture_thing';
/** Every flag of ClientCapabilities as of 6.11. */
const ALL_CAPABILITIES: pb.ClientCapabilities = {
  deferral_allowed: true,
  write_only_attributes_allowed: true,
  store_planned_private: true,
  computed_blocks_allowed: true,
};

const fixture = useConnectedProvider({ terraformVersion: '1.16.0', clientCapabilities: ALL_CAPABILITIES });
const { rpc } = fixture;

/** The encoded request with `extra` appended: fields the codec has no entry for. */
function rawCall<Req>(method: string, codec: MessageCodec<Req>, req: Req, extra: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    fixture.engine.provider.makeUnaryRequest(
      `/tfplugin6.Provider/${method}`,
      (r: Req) => Buffer.concat([Buffer.from(codec.encode(r)), Buffer.from(extra)]),
      (b: Buffer) => b,
      req,
      { deadline: new Date(Date.now() + 5000) },
      (err: grpc.ServiceError | null, res?: Buffer) => (err ? reject(err) : resolve(res!)),
    ),
  );
}

/** Fields no tfplugin6 version up to 6.11 uses in these requests, one of every wire type. */
function unknownFields(): Uint8Array {
  const w = new ProtoWriter();
  w.tag(90, WireType.Varint).varint(1);
  w.tag(91, WireType.LengthDelimited).string('a field from a later protocol');
  w.tag(92, WireType.LengthDelimited).bytes(new ProtoWriter().tag(1, WireType.Varint).varint(7).finish());
  w.tag(93, WireType.Fixed64);
  const head = w.finish();
  const fixed = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const w32 = new ProtoWriter().tag(94, WireType.Fixed32).finish();
  return new Uint8Array([...head, ...fixed, ...w32, 9, 9, 9, 9]);
}

/** ClientCapabilities with every 6.11 flag and flags of later versions (unknown numbers). */
function capabilitiesWithLaterFlags(): Uint8Array {
  const w = new ProtoWriter();
  for (const no of [1, 2, 3, 4, 5, 6, 20]) w.tag(no, WireType.Varint).varint(1);
  return w.finish();
}

/** A known length-delimited field `no` holding `body`, as raw bytes. */
function rawField(no: number, body: Uint8Array): Uint8Array {
  return new ProtoWriter().tag(no, WireType.LengthDelimited).bytes(body).finish();
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

/** A stored thing (created through plan and apply), its state, private and identity. */
async function createThing(config: ObjectValue) {
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
    planned_private: plan.planned_private,
    planned_identity: plan.planned_identity,
  });
  expect(apply.diagnostics).toEqual([]);
  return { state: fromDv(apply.new_state) as ObjectValue, apply };
}

describe('6.6-6.11 request fields the provider knows: same answers with and without them', () => {
  test('ValidateResourceConfig with client_capabilities', async () => {
    const req = { type_name: TYPE, config: dv({ name: 'invalid', size: -1 }) };
    const plain = await rpc('ValidateResourceConfig', req);
    expect(plain.diagnostics).toHaveLength(2);
    expect(await rpc('ValidateResourceConfig', { ...req, client_capabilities: ALL_CAPABILITIES })).toEqual(plain);
  });

  test('ConfigureProvider with client_capabilities (a second configure, same config)', async () => {
    const req = { terraform_version: '1.16.0', config: dv({}, providerType) };
    expect(await rpc('ConfigureProvider', { ...req, client_capabilities: ALL_CAPABILITIES })).toEqual(
      await rpc('ConfigureProvider', req),
    );
  });

  test('ReadResource with client_capabilities and current_identity', async () => {
    const { apply } = await createThing({ name: 'nf-read', size: 3 });
    const req = { type_name: TYPE, current_state: apply.new_state, private: bytes('p') };
    const plain = await rpc('ReadResource', req);
    const newer = await rpc('ReadResource', {
      ...req,
      client_capabilities: ALL_CAPABILITIES,
      current_identity: apply.new_identity,
    });
    expect(newer.diagnostics).toEqual([]);
    expect(newer).toEqual(plain);
    expect(text(newer.private)).toBe('p');
  });

  test('PlanResourceChange with client_capabilities, prior_identity and planned_private (6.11)', async () => {
    const { state, apply } = await createThing({ name: 'nf-plan', size: 1 });
    const config = { name: 'nf-plan', size: 2 };
    const req = {
      type_name: TYPE,
      prior_state: apply.new_state,
      proposed_new_state: dv({ ...state, size: 2 }),
      config: dv(config),
      prior_private: bytes('prior'),
    };
    const plain = await rpc('PlanResourceChange', req);
    const newer = await rpc('PlanResourceChange', {
      ...req,
      client_capabilities: ALL_CAPABILITIES,
      prior_identity: apply.new_identity,
      planned_private: bytes('from the first plan'),
    });
    expect(newer.diagnostics).toEqual([]);
    // Only the identity differs: the prior one instead of "known after apply".
    expect({ ...newer, planned_identity: undefined }).toEqual({ ...plain, planned_identity: undefined });
    expect(fromIdv(newer.planned_identity)).toEqual(fromIdv(apply.new_identity));
    // The prior private is what the plan echoes; the engine's stored plan private is not used.
    expect(text(newer.planned_private)).toBe('prior');
  });

  test('ApplyResourceChange with planned_identity: applied, the identity kept', async () => {
    const { state, apply } = await createThing({ name: 'nf-apply', size: 1 });
    const applied = await rpc('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: apply.new_state,
      planned_state: dv({ ...state, size: 5 }),
      config: dv({ name: 'nf-apply', size: 5 }),
      planned_identity: apply.new_identity,
    });
    expect(applied.diagnostics).toEqual([]);
    expect(fromDv(applied.new_state)).toMatchObject({ name: 'nf-apply', size: 5 });
    expect(fromIdv(applied.new_identity)).toEqual(fromIdv(apply.new_identity));
  });

  test('ImportResourceState by id with client_capabilities', async () => {
    const { state } = await createThing({ name: 'nf-import' });
    const plain = await rpc('ImportResourceState', { type_name: TYPE, id: state.id });
    const newer = await rpc('ImportResourceState', {
      type_name: TYPE,
      id: state.id,
      client_capabilities: ALL_CAPABILITIES,
    });
    expect(newer.diagnostics).toEqual([]);
    expect(newer).toEqual(plain);
  });

  test('ReadDataSource with client_capabilities', async () => {
    const { state } = await createThing({ name: 'nf-data', size: 4 });
    const req = { type_name: TYPE, config: dv({ id: state.id }, dataSourceType) };
    const plain = await rpc('ReadDataSource', req);
    expect(plain.diagnostics).toEqual([]);
    expect(await rpc('ReadDataSource', { ...req, client_capabilities: ALL_CAPABILITIES })).toEqual(plain);
  });
});

describe('fields after 6.11, unknown to the provider: skipped, same answers', () => {
  test('appended to every request the engines send (each wire type)', async () => {
    const { state, apply } = await createThing({ name: 'nf-raw', size: 1 });
    const cases: [string, MessageCodec<any>, object, MessageCodec<any>][] = [
      ['GetProviderSchema', pb.EmptyRequest, {}, pb.GetProviderSchemaResponse],
      ['GetMetadata', pb.EmptyRequest, {}, pb.GetMetadataResponse],
      ['GetResourceIdentitySchemas', pb.EmptyRequest, {}, pb.GetResourceIdentitySchemasResponse],
      [
        'ValidateProviderConfig',
        pb.ValidateProviderConfigRequest,
        { config: dv({ store_path: '' }, providerType) },
        pb.ValidateProviderConfigResponse,
      ],
      [
        'ValidateResourceConfig',
        pb.ValidateConfigRequest,
        { type_name: TYPE, config: dv({ name: 'invalid' }) },
        pb.DiagnosticsResponse,
      ],
      [
        'ValidateDataResourceConfig',
        pb.ValidateConfigRequest,
        { type_name: TYPE, config: dv({ id: 'x' }, dataSourceType) },
        pb.DiagnosticsResponse,
      ],
      [
        'ReadResource',
        pb.ReadResourceRequest,
        { type_name: TYPE, current_state: apply.new_state, current_identity: apply.new_identity },
        pb.ReadResourceResponse,
      ],
      [
        'PlanResourceChange',
        pb.PlanResourceChangeRequest,
        {
          type_name: TYPE,
          prior_state: apply.new_state,
          proposed_new_state: dv({ ...state, size: 9 }),
          config: dv({ name: 'nf-raw', size: 9 }),
          prior_identity: apply.new_identity,
        },
        pb.PlanResourceChangeResponse,
      ],
      [
        'ImportResourceState',
        pb.ImportResourceStateRequest,
        { type_name: TYPE, id: state.id },
        pb.ImportResourceStateResponse,
      ],
      [
        'UpgradeResourceState',
        pb.UpgradeResourceStateRequest,
        { type_name: TYPE, version: 1, raw_state: { json: bytes('{"id":"a","name":"b"}'), flatmap: {} } },
        pb.UpgradeResourceStateResponse,
      ],
      [
        'ReadDataSource',
        pb.ReadDataSourceRequest,
        { type_name: TYPE, config: dv({ id: state.id }, dataSourceType) },
        pb.ReadDataSourceResponse,
      ],
    ];
    for (const [method, codec, req, response] of cases) {
      const plain = response.decode(new Uint8Array(await rawCall(method, codec, req, new Uint8Array(0))));
      const later = response.decode(new Uint8Array(await rawCall(method, codec, req, unknownFields())));
      expect([method, later]).toEqual([method, plain]);
    }
  });

  test('later capability flags inside client_capabilities (a known field)', async () => {
    const req = { type_name: TYPE, config: dv({ name: 'invalid', size: -1 }) };
    const plain = pb.DiagnosticsResponse.decode(
      new Uint8Array(await rawCall('ValidateResourceConfig', pb.ValidateConfigRequest, req, new Uint8Array(0))),
    );
    const later = pb.DiagnosticsResponse.decode(
      new Uint8Array(
        await rawCall(
          'ValidateResourceConfig',
          pb.ValidateConfigRequest,
          req,
          concat(rawField(3, capabilitiesWithLaterFlags()), unknownFields()),
        ),
      ),
    );
    expect(plain.diagnostics.map((d) => d.summary)).toEqual(['Invalid name', 'Negative size']);
    expect(later).toEqual(plain);
  });

  test('a later field inside the identity of an import by identity', async () => {
    const { state } = await createThing({ name: 'nf-identity' });
    const identity = idv({ id: state.id, store: null });
    const withLater = concat(
      pb.ResourceIdentityData.encode(identity),
      new ProtoWriter().tag(2, WireType.LengthDelimited).string('later').finish(),
    );
    const raw = await rawCall(
      'ImportResourceState',
      pb.ImportResourceStateRequest,
      { type_name: TYPE, id: '' },
      rawField(4, withLater),
    );
    const res = pb.ImportResourceStateResponse.decode(new Uint8Array(raw));
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(res.imported_resources[0].state)).toEqual(state);
  });
});
