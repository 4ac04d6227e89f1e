/**
 * Every spelling of an opaque string one character off: each character appended, each one
 * removed, and each position changed to each other character, over the base64url alphabet plus the
 * characters a lenient base64 decoder skips or reads as its other alphabet (contract, "Cursors
 * (addendum)"). `positions` limits the changes to some positions (all by default).
 */
export const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LENIENT = '=+/. \n';

export function oneCharacterOff(text: string, positions?: number[]): string[] {
  const characters = [...BASE64URL, ...LENIENT];
  const variants = new Set<string>();
  for (const character of characters) variants.add(text + character);
  for (let i = 0; i < text.length; i++) variants.add(text.slice(0, i) + text.slice(i + 1));
  for (const i of positions ?? text.split('').map((_, index) => index)) {
    for (const character of characters) variants.add(text.slice(0, i) + character + text.slice(i + 1));
  }
  variants.delete(text);
  return [...variants];
}

/** The first, the middle, either side of the `.` and the last four positions. */
export function samplePositions(text: string): number[] {
  const dot = text.indexOf('.');
  const positions = [
    0,
    1,
    Math.floor(text.length / 2),
    dot - 1,
    dot,
    dot + 1,
    ...[4, 3, 2, 1].map((n) => text.length - n),
  ];
  return [...new Set(positions.filter((i) => i >= 0 && i < text.length))];
}
