import { createLogger, formatLine, hclogTimestamp, thresholdFromEnv } from '../../../provider/plugin/log';

const at = new Date(Date.UTC(2026, 10, 24, 9, 5, 7, 42));

function capture(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const log = createLogger('test', { env, write: (l) => lines.push(l), now: () => at });
  return { log, lines };
}

describe('hclog lines', () => {
  test('timestamps use the Go layout with six fraction digits, in UTC', () => {
    expect(hclogTimestamp(at)).toBe('2026-11-24T09:05:07.042000Z');
  });

  test('a line carries string @level, @message, @timestamp, @module and the fields', () => {
    const entry = JSON.parse(formatLine('info', 'm', 'hello', { n: 1, nested: { a: [1] } }, at));
    expect(entry).toEqual({
      '@level': 'info',
      '@message': 'hello',
      '@module': 'm',
      '@timestamp': '2026-11-24T09:05:07.042000Z',
      n: 1,
      nested: { a: [1] },
    });
  });

  test('fields can never replace the reserved keys or break JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const entry = JSON.parse(
      formatLine(
        'warn',
        'm',
        'x',
        { '@message': 42, '@level': 1, big: 2n ** 70n, err: new Error('boom'), sym: Symbol('s') },
        at,
      ),
    );
    expect(entry['@message']).toBe('x');
    expect(entry['@level']).toBe('warn');
    expect(entry['_@message']).toBe(42);
    expect(entry.big).toBe('1180591620717411303424');
    expect(entry.err).toBe('boom');
    expect(entry.sym).toBe('s');
    const withCycle = JSON.parse(formatLine('error', 'm', 'y', { cyclic }, at));
    expect(withCycle.cyclic).toBe('[object Object]');
  });
});

describe('log level from the engine environment', () => {
  test('TF_LOG_PROVIDER wins over TF_LOG; unset or off is silent; unknown values mean trace', () => {
    expect(thresholdFromEnv({})).toBe(5);
    expect(thresholdFromEnv({ TF_LOG: 'off' })).toBe(5);
    expect(thresholdFromEnv({ TF_LOG: 'DEBUG' })).toBe(1);
    expect(thresholdFromEnv({ TF_LOG: 'trace', TF_LOG_PROVIDER: 'error' })).toBe(4);
    expect(thresholdFromEnv({ TF_LOG: 'json' })).toBe(0);
  });

  test('only lines at or above the level are written', () => {
    const { log, lines } = capture({ TF_LOG: 'warn' });
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => JSON.parse(l)['@message'])).toEqual(['w', 'e']);
  });

  test('nothing is written when logging is off', () => {
    const { log, lines } = capture({});
    log.error('e');
    expect(lines).toEqual([]);
  });
});
