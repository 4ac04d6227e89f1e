/**
 * Checks a JSON value against a shape of the API model: member types, `required`, `length`, `range`,
 * `pattern` and enum values. Returns violations; request-validation.ts words them as AWS does, the
 * fixture loader as one line naming the field.
 */
import { type ModelShape, modelShape } from '../model';

/** A member name, or a list index (0-based). */
export type PathSegment = string | number;

export type Rule =
  | { name: 'required' }
  | { name: 'minLength' | 'maxLength' | 'min' | 'max'; limit: number }
  | { name: 'pattern'; pattern: string }
  | { name: 'enum'; values: string[] };

export type Violation =
  | { kind: 'type'; path: PathSegment[]; expected: ModelShape['type']; found: unknown }
  | { kind: 'constraint'; path: PathSegment[]; shape: string; value: unknown; rule: Rule };

const patterns = new Map<string, RegExp>();
function regexp(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    // Smithy patterns are ECMA-262 regular expressions; the model anchors its own with ^ and $.
    re = new RegExp(pattern, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

/** Smithy's length trait counts Unicode code points of a string, items of a list. */
function lengthOf(value: string | unknown[]): number {
  if (Array.isArray(value)) return value.length;
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function typeMatches(type: ModelShape['type'], value: unknown): boolean {
  switch (type) {
    case 'structure':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'list':
      return Array.isArray(value);
    case 'string':
    case 'enum':
    case 'blob':
      return typeof value === 'string';
    case 'integer':
      // A Java int.
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
    case 'long':
      return Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** Walks `value` as the shape `shapeName`; `null` and absent members are the same, as on the wire. */
export function checkShape(shapeName: string, value: unknown, path: PathSegment[] = [], out: Violation[] = []) {
  const shape = modelShape(shapeName);
  if (!typeMatches(shape.type, value)) {
    out.push({ kind: 'type', path, expected: shape.type, found: value });
    return out;
  }
  const fail = (rule: Rule) => out.push({ kind: 'constraint', path, shape: shapeName, value, rule });
  let tooLong = false;
  if (shape.length && (typeof value === 'string' || Array.isArray(value))) {
    const n = lengthOf(value);
    tooLong = shape.length.max !== undefined && n > shape.length.max;
    if (shape.length.min !== undefined && n < shape.length.min) fail({ name: 'minLength', limit: shape.length.min });
    if (shape.length.max !== undefined && tooLong) fail({ name: 'maxLength', limit: shape.length.max });
  }
  if (shape.range && typeof value === 'number') {
    if (shape.range.min !== undefined && value < shape.range.min) fail({ name: 'min', limit: shape.range.min });
    if (shape.range.max !== undefined && value > shape.range.max) fail({ name: 'max', limit: shape.range.max });
  }
  // AWS would also report the pattern of an over-long string; skipping it bounds the regex's work.
  if (shape.pattern && !tooLong && typeof value === 'string' && !regexp(shape.pattern).test(value)) {
    fail({ name: 'pattern', pattern: shape.pattern });
  }
  if (shape.enum && !shape.enum.includes(value as string)) fail({ name: 'enum', values: shape.enum });
  if (shape.type === 'list' && shape.member && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // A null inside a list is a value, not an absent member.
      checkShape(shape.member, value[i], [...path, i], out);
    }
  }
  if (shape.type === 'structure' && shape.members) {
    const record = value as Record<string, unknown>;
    for (const [name, member] of Object.entries(shape.members)) {
      const v = record[name];
      const memberPath = [...path, name];
      if (v !== undefined && v !== null) checkShape(member.target, v, memberPath, out);
      else if (member.required) {
        out.push({
          kind: 'constraint',
          path: memberPath,
          shape: member.target,
          value: null,
          rule: { name: 'required' },
        });
      }
    }
  }
  return out;
}

/** The constraint in AWS's words without the leading "Member", e.g. "must have length less than or equal to 205". */
export function describeRule(rule: Rule): string {
  switch (rule.name) {
    case 'required':
      return 'must not be null';
    case 'minLength':
      return `must have length greater than or equal to ${rule.limit}`;
    case 'maxLength':
      return `must have length less than or equal to ${rule.limit}`;
    case 'min':
      return `must have value greater than or equal to ${rule.limit}`;
    case 'max':
      return `must have value less than or equal to ${rule.limit}`;
    case 'pattern':
      // AWS quotes its patterns unanchored (its validator matches whole values); the model anchors them.
      return `must satisfy regular expression pattern: ${rule.pattern.replace(/^\^/, '').replace(/\$$/, '')}`;
    case 'enum':
      return `must satisfy enum value set: [${rule.values.join(', ')}]`;
  }
}
