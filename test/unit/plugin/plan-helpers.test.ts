import type { BlockSchema, Schema } from '../../../provider/plugin/kit';
import { UNKNOWN, Decimal, type ObjectValue } from '../../../provider/plugin/cty/types';
import { planFromProposed } from '../../../provider/plugin/plan-helpers';

const schema: Schema = {
  version: 0,
  block: {
    attributes: {
      id: { type: 'string', description: '', computed: true },
      etag: { type: 'string', description: '', computed: true },
      name: { type: 'string', description: '', required: true },
      note: { type: 'string', description: '', optional: true, computed: true },
      size: { type: 'number', description: '', optional: true },
      address: {
        description: '',
        optional: true,
        computed: true,
        nested: {
          nesting: 'single',
          attributes: {
            city: { type: 'string', description: '', optional: true, computed: true },
            country: { type: 'string', description: '', computed: true },
          },
        },
      },
      items: {
        description: '',
        optional: true,
        nested: {
          nesting: 'list',
          attributes: {
            key: { type: 'string', description: '', required: true },
            uid: { type: 'string', description: '', computed: true },
          },
        },
      },
    },
  },
};

const prior: ObjectValue = {
  id: 'x',
  etag: 'e1',
  name: 'n',
  note: 'kept',
  size: new Decimal('0.10'),
  address: { city: 'Paris', country: 'FR' },
  items: [{ key: 'a', uid: 'u1' }],
};
const nullConfig: ObjectValue = {
  id: null,
  etag: null,
  name: 'n',
  note: null,
  size: new Decimal('0.10'),
  address: null,
  items: [{ key: 'a', uid: null }],
};

describe('planFromProposed', () => {
  test('create: every computed attribute null in config becomes unknown, nested ones too', () => {
    const config: ObjectValue = { ...nullConfig, address: { city: 'Lyon', country: null } };
    const planned = planFromProposed(schema, null, config, config);
    expect(planned).toEqual({
      id: UNKNOWN,
      etag: UNKNOWN,
      name: 'n',
      note: UNKNOWN,
      size: new Decimal('0.10'),
      address: { city: 'Lyon', country: UNKNOWN },
      items: [{ key: 'a', uid: UNKNOWN }],
    });
  });

  test('no change: returns the prior object itself', () => {
    // The engine's proposed state for an unchanged config is the prior state (numbers equal by value).
    const proposed = { ...prior, size: 0.1 };
    expect(planFromProposed(schema, prior, proposed, nullConfig)).toBe(prior);
  });

  test('update: computed-only attributes become unknown unless stable; optional+computed left out keep their value', () => {
    const proposed = { ...prior, name: 'm' };
    const config = { ...nullConfig, name: 'm' };
    const planned = planFromProposed(schema, prior, proposed, config, { stable: ['id'] });
    expect(planned).toEqual({ ...prior, name: 'm', etag: UNKNOWN, items: [{ key: 'a', uid: UNKNOWN }] });
  });

  test('update: nested computed-only attributes follow the same rule, with dotted stable names', () => {
    const proposed = { ...prior, address: { city: 'Lyon', country: 'FR' } };
    const config = { ...nullConfig, address: { city: 'Lyon', country: null } };
    const planned = planFromProposed(schema, prior, proposed, config, { stable: ['id', 'etag', 'address.country'] });
    expect(planned.address).toEqual({ city: 'Lyon', country: 'FR' });
    const unstable = planFromProposed(schema, prior, proposed, config, { stable: ['id'] });
    expect(unstable.address).toEqual({ city: 'Lyon', country: UNKNOWN });
  });

  test('unknown config values stay unknown', () => {
    const config: ObjectValue = { ...nullConfig, name: UNKNOWN, address: UNKNOWN };
    const proposed: ObjectValue = { ...prior, name: UNKNOWN, address: UNKNOWN };
    const planned = planFromProposed(schema, prior, proposed, config);
    expect(planned.name).toBe(UNKNOWN);
    expect(planned.address).toBe(UNKNOWN);
  });

  test('accepts a bare block schema and nested blocks', () => {
    const block: BlockSchema = {
      attributes: { id: { type: 'string', description: '', computed: true } },
      blockTypes: {
        rule: {
          nesting: 'list',
          block: {
            attributes: {
              port: { type: 'number', description: '', required: true },
              rid: { type: 'string', description: '', computed: true },
            },
          },
        },
      },
    };
    const config = { id: null, rule: [{ port: 1, rid: null }] };
    expect(planFromProposed(block, null, config, config)).toEqual({ id: UNKNOWN, rule: [{ port: 1, rid: UNKNOWN }] });
  });
});
