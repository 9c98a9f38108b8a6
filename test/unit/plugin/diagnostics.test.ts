import {
  errorDiagnostic,
  hasErrors,
  internalErrorDiagnostic,
  toProtoDiagnostic,
} from '../../../provider/plugin/diagnostics';
import * as pb from '../../../provider/plugin/proto/tfplugin6';
import { parseRawStateJson } from '../../../provider/plugin/services/raw-state';
import { Decimal } from '../../../provider/plugin/cty/types';

describe('diagnostics', () => {
  test('severity is always error or warning, paths map to the three step kinds', () => {
    expect(
      toProtoDiagnostic({ severity: 'warning', summary: 's', path: ['list', { index: 0 }, 'map', { key: 'k' }] }),
    ).toEqual({
      severity: pb.Severity.Warning,
      summary: 's',
      detail: '',
      attribute: {
        steps: [
          { attribute_name: 'list' },
          { element_key_int: 0 },
          { attribute_name: 'map' },
          { element_key_string: 'k' },
        ],
      },
    });
    expect(toProtoDiagnostic(errorDiagnostic('e', 'd'))).toEqual({
      severity: pb.Severity.Error,
      summary: 'e',
      detail: 'd',
      attribute: undefined,
    });
  });

  test('an empty path means the whole block', () => {
    expect(toProtoDiagnostic({ severity: 'error', summary: 's', path: [] }).attribute).toBeUndefined();
  });

  test('hasErrors ignores warnings', () => {
    expect(hasErrors([{ severity: 'warning', summary: 'w' }])).toBe(false);
    expect(hasErrors([{ severity: 'warning', summary: 'w' }, errorDiagnostic('e')])).toBe(true);
  });

  test('internal errors name the message and say it is a provider bug', () => {
    const d = internalErrorDiagnostic(new Error('boom'));
    expect(d.severity).toBe('error');
    expect(d.summary).toBe('Provider internal error: boom');
    expect(d.detail).toMatch(/bug in the provider/);
    expect(internalErrorDiagnostic('text').summary).toBe('Provider internal error: text');
  });
});

describe('parseRawStateJson (older-version states for upgrade hooks)', () => {
  test('keeps numbers exact in cty forms', () => {
    expect(parseRawStateJson('{"a":1,"b":9007199254740993,"c":0.1,"d":[1e400],"e":null,"f":"s"}')).toEqual({
      a: 1,
      b: 9007199254740993n,
      c: new Decimal('0.1'),
      d: [new Decimal('1e400')],
      e: null,
      f: 's',
    });
  });

  test('rejects anything but an object', () => {
    expect(() => parseRawStateJson('[1]')).toThrow(/not a JSON object/);
    expect(() => parseRawStateJson(new TextEncoder().encode('null'))).toThrow(/not a JSON object/);
  });
});
