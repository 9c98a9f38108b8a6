// API texts shown to the user: control characters stripped, length cut (display-text.ts).
import { cutText, displayText, stripControls } from '../../../provider/partnercenter/display-text';
import { parseApiFault } from '../../../provider/partnercenter/api-fault';
import { htmlTitle } from '../../../provider/partnercenter/html';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

describe('stripControls', () => {
  it('drops escape sequence introducers, BEL, DEL, C1 and bidi overrides; line breaks and tabs become spaces', () => {
    expect(stripControls('\u001b[2Jclear\u0007 \u009b31mred\u007f \u202eevil')).toBe('[2Jclear 31mred evil');
    expect(stripControls('one\r\ntwo\tthree\u2028four')).toBe('one  two three four');
    expect(stripControls('\u001b]52;c;cm0gLXJm\u0007')).toBe(']52;c;cm0gLXJm');
  });
  it('leaves printable text alone, accents, CJK and emoji included', () => {
    expect(stripControls('Straße 1, 東京, 🙂 "ok"')).toBe('Straße 1, 東京, 🙂 "ok"');
  });
  it('leaves no control character in any string', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    expect(stripControls(all)).not.toMatch(CONTROL);
  });
});

describe('cutText', () => {
  it('keeps short text and cuts long text at the limit with an ellipsis', () => {
    expect(cutText('short', 10)).toBe('short');
    expect(cutText('x'.repeat(11), 10)).toBe(`${'x'.repeat(10)}…`);
  });
  it('never splits a surrogate pair', () => {
    expect(cutText(`${'x'.repeat(9)}🙂tail`, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('displayText', () => {
  it('strips then cuts to 500 characters by default', () => {
    const shown = displayText(`\u001b[2J${'d'.repeat(5_000_000)}`);
    expect(shown).toHaveLength(501);
    expect(shown.startsWith('[2Jddd')).toBe(true);
  });
});

describe('API texts are shown cleared and cut', () => {
  it('an ApiFault description and code', () => {
    const fault = parseApiFault({
      code: '\u001b[31m2001',
      description: `\u001b[2J\nApply complete!${'d'.repeat(10_000)}`,
    });
    expect(fault.code).toBe('[31m2001');
    expect(fault.description).not.toMatch(CONTROL);
    expect(fault.description).toHaveLength(501);
    expect(fault.description!.startsWith('[2J Apply complete!')).toBe(true);
  });
  it('a description is redacted before it is cut, so a secret at the cut is not half shown', () => {
    const secret = 'S'.repeat(40);
    const fault = parseApiFault({ description: `${'d'.repeat(480)}${secret}` }, (t) =>
      t.split(secret).join('[REDACTED]'),
    );
    expect(fault.description).toBe(`${'d'.repeat(480)}[REDACTED]`);
  });
  it('an HTML title', () => {
    expect(htmlTitle('<html><title>\u001b[2J502\u0007 Bad\nGateway</title></html>')).toBe('[2J502 Bad Gateway');
  });
});
