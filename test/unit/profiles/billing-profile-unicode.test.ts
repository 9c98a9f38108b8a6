// Text as the resource reads it (docs/architecture.md §3.1, §3.2, §3.4): equality in Unicode
// normal form C, invisible and bidirectional characters refused with their code point and
// position, lengths and positions both counted in code points.
import { config, liveProfile } from '../../support/billing-profile-fixtures';
import { BILLING } from '../../../provider/profiles/specs';
import {
  diffProfiles,
  formatChanges,
  mergeManaged,
  readKeepingPriorSpelling,
  sameValue,
} from '../../../provider/profiles/diff';
import { planProfile } from '../../../provider/profiles/plan';
import { profileToState } from '../../../provider/profiles/state';
import { validateProfileConfig } from '../../../provider/profiles/validate';

const field = (path: string) => BILLING.fields.find((f) => f.path === path)!;
const NFC = 'M\u00fcnchen'; // "München", ü precomposed
const NFD = 'Mu\u0308nchen'; // "München", u + combining diaeresis

describe('equality in NFC', () => {
  it('makes the NFD and NFC spellings of a text one value, case-sensitive and case-insensitive fields alike', () => {
    expect(NFC).not.toBe(NFD);
    expect(sameValue(field('address.city'), NFC, NFD)).toBe(true);
    expect(sameValue(field('address.state'), 'BAYERN-\u00dc', 'bayern-u\u0308')).toBe(true);
    expect(sameValue(field('primary_contact.email'), 'J\u00dcRGEN@x.de', 'ju\u0308rgen@x.de')).toBe(true);
    expect(sameValue(field('address.city'), NFC, 'Munchen')).toBe(false);
  });

  it('lists no change, and reports a real one in NFC, in the conflict text', () => {
    const a = { ...liveProfile(), address: { ...liveProfile().address, city: NFD } };
    const b = { ...liveProfile(), address: { ...liveProfile().address, city: NFC } };
    expect(diffProfiles(BILLING, a, b)).toEqual([]);
    const c = { ...a, taxId: `T-${NFD}` };
    const text = formatChanges(diffProfiles(BILLING, b, c));
    expect(text).toBe(`  tax_id: "12-345678" -> "T-${NFC}"`);
    expect(text).not.toContain('\u0308');
  });

  it('plans no change when the config and the state differ only in normal form, and the apply sends nothing', () => {
    const live = { ...liveProfile(), address: { ...liveProfile().address, city: NFC } };
    const prior = profileToState(BILLING, live);
    const cfg = config({}, { address: { city: NFD } });
    expect(planProfile(BILLING, prior, cfg).planned).toBe(prior);
    expect(diffProfiles(BILLING, live, mergeManaged(BILLING, live, cfg), BILLING.writable)).toEqual([]);
    expect(readKeepingPriorSpelling(BILLING, live, { address: { city: NFD } }).address?.city).toBe(NFD);
  });

  it('escapes invisible and bidirectional characters in a reported value', () => {
    const text = formatChanges([{ path: 'tax_id', from: 'abc\u202edcb', to: '\u200bX' }]);
    expect(text).toBe('  tax_id: "abc\\u202edcb" -> "\\u200bX"');
  });
});

describe('invisible and bidirectional characters are refused at plan time', () => {
  const detailFor = (value: string, path = 'address.city') => {
    const [g, a] = path.split('.');
    const diags = validateProfileConfig(BILLING, a ? config({}, { [g]: { [a]: value } }) : config({ [g]: value }));
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', summary: `Invalid value for ${path}` });
    return diags[0].detail!;
  };

  it.each([
    ['U+2028', '\u2028', 'the line break character U+2028 (line separator)'],
    ['U+2029', '\u2029', 'the line break character U+2029 (paragraph separator)'],
    ['U+202E', '\u202e', 'the bidirectional control character U+202E (right-to-left override)'],
    ['U+2066', '\u2066', 'the bidirectional control character U+2066 (left-to-right isolate)'],
    ['U+200F', '\u200f', 'the bidirectional control character U+200F (right-to-left mark)'],
    ['U+200B', '\u200b', 'the invisible formatting character U+200B (zero width space)'],
    ['U+FEFF', '\ufeff', 'the invisible formatting character U+FEFF (byte order mark)'],
    ['U+00AD', '\u00ad', 'the invisible formatting character U+00AD (soft hyphen)'],
    ['U+E0041', '\u{e0041}', 'the invisible formatting character U+E0041'],
  ])('%s: named with its code point and position', (_label, ch, says) => {
    const detail = detailFor(`Re${ch}dmond`);
    expect(detail).toContain(`"address.city" contains ${says} at position 3.`);
    expect(detail).toContain('from "address.city".');
  });

  it('counts the position in code points: an emoji before the character counts once', () => {
    expect(detailFor('😀😀\u202eabc', 'tax_id')).toContain('U+202E (right-to-left override) at position 3.');
  });

  it('says why each kind is refused', () => {
    expect(detailFor('a\u202eb')).toContain('changes the order in which the text around it is displayed');
    expect(detailFor('a\u200bb')).toContain('It cannot be seen');
    expect(detailFor('a\u2028b')).toContain('single-line text');
  });

  it('accepts the zero width joiner and non-joiner, which are part of spelling, and visible Unicode', () => {
    for (const ok of ['\u200c', '\u200d', '👩\u200d💻', '\u00a0', 'é', 'ü', '中', 'ß', '😀']) {
      expect(validateProfileConfig(BILLING, config({ tax_id: `A${ok}B` }))).toEqual([]);
    }
  });
});

describe('lengths count code points, as positions do', () => {
  it('101 emoji are 101 characters, within a 200-character field', () => {
    expect(validateProfileConfig(BILLING, config({ purchase_order_number: '😀'.repeat(101) }))).toEqual([]);
  });

  it('200 emoji fit a 200-character field; 201 are "201 characters long"', () => {
    expect(validateProfileConfig(BILLING, config({ purchase_order_number: '😀'.repeat(200) }))).toEqual([]);
    const [d] = validateProfileConfig(BILLING, config({ purchase_order_number: '😀'.repeat(201) }));
    expect(d.detail).toContain(
      '"purchase_order_number" is 201 characters long; the Partner Center API accepts at most 200.',
    );
  });

  it('50 astral characters fit a 50-character name; 51 do not', () => {
    const name = (n: number) => config({}, { primary_contact: { first_name: '𝒜'.repeat(n) } });
    expect(validateProfileConfig(BILLING, name(50))).toEqual([]);
    expect(validateProfileConfig(BILLING, name(51))[0].detail).toContain('is 51 characters long');
  });
});
