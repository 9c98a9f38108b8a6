// Resource identity (protocol 6.9+) through the kit, against the bundled fixture provider: its
// thing declares the identity { id (required for import), store (optional) }. The schema RPC,
// the identity carried by read, plan, apply and import, import by identity (and its refusal of
// another store), the kit's checks on what a resource returns, and UpgradeResourceIdentity.
import { UNKNOWN, type ObjectValue } from '../../provider/plugin/cty/types';
import * as pb from '../../provider/plugin/proto/tfplugin6';
import { ProtoReader } from '../../provider/plugin/proto/wire';
import { useConnectedProvider, summaries } from './support/connected';
import { bytes, dv, fromDv, fromIdv, idv, text } from './support/values';

const TYPE = 'kitfixture_thing';
const STORE = 'store.json'; // the launcher's store file name
const fixture = useConnectedProvider({ terraformVersion: '1.12.6' });
const { rpc } = fixture;

/** Plan and apply a create; returns every answer. */
async function create(config: ObjectValue) {
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
    planned_identity: plan.planned_identity,
  });
  const state = fromDv(apply.new_state) as ObjectValue;
  return { plan, apply, state };
}

describe('schemas', () => {
  test('GetResourceIdentitySchemas: the thing identity, attributes sorted, with types and import flags', async () => {
    const res: pb.GetResourceIdentitySchemasResponse = await rpc('GetResourceIdentitySchemas');
    expect(res.diagnostics).toEqual([]);
    expect(Object.keys(res.identity_schemas)).toEqual([TYPE]);
    const schema = res.identity_schemas[TYPE];
    expect(schema.version).toBe(0);
    expect(
      schema.identity_attributes.map((a) => [a.name, text(a.type), a.required_for_import, a.optional_for_import]),
    ).toEqual([
      ['id', '"string"', true, false],
      ['store', '"string"', false, true],
    ]);
    expect(schema.identity_attributes.every((a) => a.description.length > 0)).toBe(true);
  });

  test('GetProviderSchema keeps the 6.5 shape engines without identity read (fields 1-6 only, no identity in the block)', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) =>
      fixture.engine.provider.makeUnaryRequest(
        '/tfplugin6.Provider/GetProviderSchema',
        () => Buffer.alloc(0),
        (b: Buffer) => b,
        {},
        (err: Error | null, res?: Buffer) => (err ? reject(err) : resolve(res!)),
      ),
    );
    const fields = new Set<number>();
    const r = new ProtoReader(new Uint8Array(raw));
    while (!r.done()) {
      const tag = r.varint();
      fields.add(Math.floor(tag / 8));
      r.skip(tag & 7);
    }
    expect([...fields].every((no) => [1, 2, 3, 4, 5, 6].includes(no))).toBe(true);
    const res = pb.GetProviderSchemaResponse.decode(new Uint8Array(raw));
    expect(res.resource_schemas[TYPE].block.attributes.map((a) => a.name)).toEqual([
      'etag',
      'id',
      'name',
      'secret',
      'settings',
      'size',
      'tags',
    ]);
  });
});

describe('identity in read, plan and apply', () => {
  test('create: the plan has no identity (the engines cannot store an unknown one), the apply a known one that read keeps', async () => {
    const { plan, apply, state } = await create({ name: 'id-a', size: 1 });
    expect(plan.planned_identity).toBeUndefined();
    expect(apply.diagnostics).toEqual([]);
    const identity = { id: state.id, store: STORE };
    expect(fromIdv(apply.new_identity)).toEqual(identity);

    const read = await rpc('ReadResource', {
      type_name: TYPE,
      current_state: apply.new_state,
      current_identity: apply.new_identity,
    });
    expect(read.diagnostics).toEqual([]);
    expect(fromIdv(read.new_identity)).toEqual(identity);
  });

  test('a planned identity holding unknown values is not sent', async () => {
    const config = { name: 'plan-identity' };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(config),
      config: dv(config),
    });
    expect(plan.diagnostics).toEqual([]);
    expect(fromDv(plan.planned_state)).toMatchObject({ name: 'plan-identity', id: UNKNOWN });
    expect(plan.planned_identity).toBeUndefined();
  });

  test('update: the plan carries the prior identity, the apply receives and returns it', async () => {
    const { apply, state } = await create({ name: 'id-b', size: 1 });
    const config = { ...state, size: 2 };
    const plan = await rpc('PlanResourceChange', {
      type_name: TYPE,
      prior_state: apply.new_state,
      proposed_new_state: dv(config),
      config: dv({ name: 'id-b', size: 2 }),
      prior_identity: apply.new_identity,
    });
    expect(plan.diagnostics).toEqual([]);
    expect(fromIdv(plan.planned_identity)).toEqual({ id: state.id, store: STORE });
    const applied = await rpc('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: apply.new_state,
      planned_state: plan.planned_state,
      config: dv({ name: 'id-b', size: 2 }),
      planned_identity: plan.planned_identity,
    });
    expect(applied.diagnostics).toEqual([]);
    expect(fromIdv(applied.new_identity)).toEqual({ id: state.id, store: STORE });
  });

  test('a state stored without identity (older engine or provider) gets one from read', async () => {
    const { state } = await create({ name: 'id-c' });
    const read = await rpc('ReadResource', { type_name: TYPE, current_state: dv(state) });
    expect(read.diagnostics).toEqual([]);
    expect(fromIdv(read.new_identity)).toEqual({ id: state.id, store: STORE });
  });

  test('a resource that returns no identity: the stored one is echoed; with none stored it is an error', async () => {
    const { apply, state } = await create({ name: 'no-identity' });
    // Apply of a create: the plan had no identity, so there is nothing to echo; the new state
    // still comes back (the object exists) with the error.
    expect(summaries(apply)).toEqual(['Provider returned no resource identity']);
    expect(apply.diagnostics[0].detail).toMatch(/kitfixture_thing declares a resource identity.*after apply/);
    expect(state.name).toBe('no-identity');
    expect(apply.new_identity).toBeUndefined();

    const stored = { id: state.id as string, store: STORE };
    const echoed = await rpc('ReadResource', {
      type_name: TYPE,
      current_state: apply.new_state,
      current_identity: idv(stored),
    });
    expect(echoed.diagnostics).toEqual([]);
    expect(fromIdv(echoed.new_identity)).toEqual(stored);

    const none = await rpc('ReadResource', { type_name: TYPE, current_state: apply.new_state });
    expect(summaries(none)).toEqual(['Provider returned no resource identity']);
    expect(Buffer.from(none.new_state.msgpack).equals(Buffer.from(apply.new_state.msgpack))).toBe(true);
  });

  test('a read that changes the identity is an error naming both; the stored state and identity stay', async () => {
    const { apply, state } = await create({ name: 'new-identity' });
    const read = await rpc('ReadResource', {
      type_name: TYPE,
      current_state: apply.new_state,
      current_identity: apply.new_identity,
    });
    expect(summaries(read)).toEqual(['Provider changed the resource identity']);
    expect(read.diagnostics[0].detail).toContain(`{"id":"other","store":"${STORE}"}`);
    expect(read.diagnostics[0].detail).toContain(`{"id":"${state.id as string}","store":"${STORE}"}`);
    expect(fromIdv(read.new_identity)).toEqual({ id: state.id, store: STORE });
    expect(Buffer.from(read.new_state.msgpack).equals(Buffer.from(apply.new_state.msgpack))).toBe(true);
  });

  test('a read of a vanished object returns null and no identity', async () => {
    const read = await rpc('ReadResource', {
      type_name: TYPE,
      current_state: dv({ id: 'thing-gone', name: 'g' }),
      current_identity: idv({ id: 'thing-gone', store: STORE }),
    });
    expect(read.diagnostics).toEqual([]);
    expect(fromDv(read.new_state)).toBeNull();
    expect(read.new_identity).toBeUndefined();
  });
});

describe('import', () => {
  test('by identity: the handler gets it, the answer holds the state and the completed identity', async () => {
    const { state } = await create({ name: 'id-d', tags: ['t'] });
    const res = await rpc('ImportResourceState', { type_name: TYPE, identity: idv({ id: state.id, store: null }) });
    expect(res.diagnostics).toEqual([]);
    expect(res.imported_resources).toHaveLength(1);
    expect(fromDv(res.imported_resources[0].state)).toEqual(state);
    expect(fromIdv(res.imported_resources[0].identity)).toEqual({ id: state.id, store: STORE });
  });

  test('by identity naming the configured store: imported', async () => {
    const { state } = await create({ name: 'id-e' });
    const res = await rpc('ImportResourceState', { type_name: TYPE, identity: idv({ id: state.id, store: STORE }) });
    expect(res.diagnostics).toEqual([]);
    expect(fromIdv(res.imported_resources[0].identity)).toEqual({ id: state.id, store: STORE });
  });

  test('by identity naming another store: refused by the resource, nothing imported', async () => {
    const { state } = await create({ name: 'id-f' });
    const res = await rpc('ImportResourceState', {
      type_name: TYPE,
      identity: idv({ id: state.id, store: 'elsewhere.json' }),
    });
    expect(res.imported_resources).toEqual([]);
    expect(summaries(res)).toEqual(['Thing in another store']);
    expect(res.diagnostics[0].detail).toContain('"elsewhere.json"');
  });

  test('by identity without a required-for-import attribute: refused by the kit, naming it', async () => {
    const res = await rpc('ImportResourceState', { type_name: TYPE, identity: idv({ id: null, store: STORE }) });
    expect(res.imported_resources).toEqual([]);
    expect(summaries(res)).toEqual(['Incomplete import identity']);
    expect(res.diagnostics[0].detail).toBe(
      `Importing ${TYPE} by identity needs "id" in the import block's identity = { ... }.`,
    );
  });

  test('by identity of a missing object: the error names the identity', async () => {
    const res = await rpc('ImportResourceState', { type_name: TYPE, identity: idv({ id: 'nope', store: null }) });
    expect(res.imported_resources).toEqual([]);
    expect(summaries(res)).toEqual(['Cannot import non-existent remote object']);
    expect(res.diagnostics[0].detail).toBe(`No ${TYPE} was found with the identity {"id":"nope","store":null}.`);
  });

  test('by id: the answer carries the identity too', async () => {
    const { state } = await create({ name: 'id-g' });
    const res = await rpc('ImportResourceState', { type_name: TYPE, id: state.id });
    expect(res.diagnostics).toEqual([]);
    expect(fromIdv(res.imported_resources[0].identity)).toEqual({ id: state.id, store: STORE });
  });
});

describe('UpgradeResourceIdentity', () => {
  const upgrade = (version: number, json: string) =>
    rpc('UpgradeResourceIdentity', { type_name: TYPE, version, raw_identity: { json: bytes(json), flatmap: {} } });

  test('same version: passed through, unknown keys dropped', async () => {
    const res = await upgrade(0, '{"id":"thing-1","store":"s.json","extra":true}');
    expect(res.diagnostics).toEqual([]);
    expect(fromIdv(res.upgraded_identity)).toEqual({ id: 'thing-1', store: 's.json' });
  });

  test('a newer version, and an older one without an upgrade hook, are error diagnostics', async () => {
    const newer = await upgrade(3, '{"id":"thing-1"}');
    expect(summaries(newer)).toEqual(['Resource identity written by a newer provider']);
    expect(newer.upgraded_identity).toBeUndefined();
    const older = await upgrade(-1, '{"id":"thing-1"}');
    expect(summaries(older)).toEqual(['Cannot upgrade resource identity']);
  });
});
