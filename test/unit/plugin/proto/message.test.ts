// Golden bytes for our tfplugin6 / go-plugin message tables (field numbers of protocol 6.5).
import * as gp from '../../../../provider/plugin/proto/goplugin';
import * as pb from '../../../../provider/plugin/proto/tfplugin6';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

describe('tfplugin6 messages', () => {
  test('Diagnostic: severity 1, summary 2, detail 3, attribute 4 with steps', () => {
    const d: pb.Diagnostic = {
      severity: pb.Severity.Error,
      summary: 's',
      detail: 'd',
      attribute: { steps: [{ attribute_name: 'a' }, { element_key_string: 'k' }, { element_key_int: 0 }] },
    };
    // 08 01 | 12 01 73 | 1a 01 64 | 22 0c (0a 03 0a01 61) (0a 03 12 01 6b) (0a 02 18 00)
    expect(hex(pb.Diagnostic.encode(d))).toBe(
      '0801' + '120173' + '1a0164' + '220e' + '0a030a0161' + '0a03' + '12016b' + '0a021800',
    );
    expect(pb.Diagnostic.decode(pb.Diagnostic.encode(d))).toEqual(d);
  });

  test('a oneof member holding its default value is still written (list index 0, empty key)', () => {
    expect(hex(pb.PathStep.encode({ element_key_int: 0 }))).toBe('1800');
    expect(hex(pb.PathStep.encode({ element_key_string: '' }))).toBe('1200');
    expect(pb.PathStep.decode(bytes('1800'))).toEqual({
      attribute_name: undefined,
      element_key_string: undefined,
      element_key_int: 0,
    });
  });

  test('proto3 defaults are omitted and decode back as defaults', () => {
    const d: pb.Diagnostic = { severity: pb.Severity.Invalid, summary: '', detail: '' };
    expect(pb.Diagnostic.encode(d)).toHaveLength(0);
    expect(pb.Diagnostic.decode(new Uint8Array())).toEqual({
      severity: 0,
      summary: '',
      detail: '',
      attribute: undefined,
    });
  });

  test('ValidateProviderConfig.Response carries diagnostics in field 2; the shared one in field 1', () => {
    const diag = { severity: pb.Severity.Warning, summary: 'w', detail: '' };
    expect(hex(pb.ValidateProviderConfigResponse.encode({ diagnostics: [diag] }))).toBe('1205' + '0802120177');
    expect(hex(pb.DiagnosticsResponse.encode({ diagnostics: [diag] }))).toBe('0a05' + '0802120177');
  });

  test('StopProvider.Response field 1 is named Error', () => {
    expect(hex(pb.StopProviderResponse.encode({ Error: 'x' }))).toBe('0a0178');
  });

  test('an empty but present message (a schema block) is written, an absent one is not', () => {
    const block: pb.SchemaBlock = {
      version: 0,
      attributes: [],
      block_types: [],
      description: '',
      description_kind: pb.StringKind.Plain,
      deprecated: false,
    };
    expect(hex(pb.Schema.encode({ version: 0, block }))).toBe('1200');
    expect(hex(pb.ReadResourceResponse.encode({ diagnostics: [], private: new Uint8Array() }))).toBe('');
  });

  test('maps are repeated key/value entries (GetProviderSchema.resource_schemas = 2)', () => {
    const block: pb.SchemaBlock = {
      version: 0,
      attributes: [],
      block_types: [],
      description: '',
      description_kind: pb.StringKind.Plain,
      deprecated: false,
    };
    const res: pb.GetProviderSchemaResponse = {
      resource_schemas: { a_b: { version: 1, block } },
      data_source_schemas: {},
      diagnostics: [],
    };
    // 12 0b | 0a 03 "a_b" | 12 04 (08 01 12 00)
    expect(hex(pb.GetProviderSchemaResponse.encode(res))).toBe('120b' + '0a03615f62' + '1204' + '08011200');
    expect(pb.GetProviderSchemaResponse.decode(pb.GetProviderSchemaResponse.encode(res)).resource_schemas).toEqual(
      res.resource_schemas,
    );
  });

  test('schema attributes use the 6.5 numbers, nested_type = 10', () => {
    const attr: pb.SchemaAttribute = {
      name: 'n',
      type: new Uint8Array(),
      nested_type: { attributes: [], nesting: pb.ObjectNesting.Single },
      description: '',
      required: false,
      optional: true,
      computed: true,
      sensitive: true,
      description_kind: pb.StringKind.Plain,
      deprecated: false,
    };
    expect(hex(pb.SchemaAttribute.encode(attr))).toBe('0a016e' + '2801' + '3001' + '3801' + '52021801');
  });

  test('requests decode all their fields and skip fields we do not know', () => {
    const req = bytes('0a0161' + '1202' + '0a00' + '1a03' + '786878' + 'f80101' /* field 31 varint: unknown */);
    expect(pb.ReadResourceRequest.decode(req)).toEqual({
      type_name: 'a',
      current_state: { msgpack: new Uint8Array(), json: new Uint8Array() },
      private: Uint8Array.from([0x78, 0x68, 0x78]),
      provider_meta: undefined,
    });
  });

  test('RawState decodes its flatmap map<string,string>', () => {
    expect(pb.RawState.decode(bytes('1206' + '0a0161' + '120162'))).toEqual({
      json: new Uint8Array(),
      flatmap: { a: 'b' },
    });
  });

  test('a field with the wrong wire type is rejected', () => {
    expect(() => pb.DynamicValue.decode(bytes('0801'))).toThrow(/wire type/);
  });
});

describe('go-plugin messages', () => {
  test('StdioData, ConnInfo and the health check', () => {
    expect(hex(gp.StdioData.encode({ channel: gp.StdioChannel.Stderr, data: Uint8Array.of(0x41) }))).toBe(
      '0802' + '120141',
    );
    expect(gp.ConnInfo.decode(bytes('0807' + '1204756e6978'))).toEqual({ service_id: 7, network: 'unix', address: '' });
    expect(hex(gp.HealthCheckResponse.encode({ status: gp.ServingStatus.Serving }))).toBe('0801');
    expect(gp.HealthCheckRequest.decode(bytes('0a06706c7567696e'))).toEqual({ service: 'plugin' });
  });
});
