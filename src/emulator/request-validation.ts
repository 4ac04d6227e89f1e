/**
 * Request validation worded as AWS's Coral validator words it:
 *   1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1
 * (several joined by "; ", list items addressed as `imageIds.1.member.imageTag`). A value of the
 * wrong JSON type is a SerializationException, as Coral fails to read it before validating.
 */

import { modelOperation, modelShape } from '../model';
import { AwsError } from './errors';
import { checkShape, describeRule, type PathSegment, type Violation } from './validation';

function awsPath(path: PathSegment[]): string {
  return path.map((s) => (typeof s === 'number' ? `${s + 1}.member` : s)).join('.');
}

/** Java's toString of a request value, as Coral quotes it: structures as `ImageIdentifier(imageDigest=null, imageTag=v1)`. */
function javaString(value: unknown, shapeName: string): string {
  if (value === null || value === undefined) return 'null';
  const shape = modelShape(shapeName);
  if (Array.isArray(value)) {
    return `[${value.map((v) => javaString(v, shape.member ?? shapeName)).join(', ')}]`;
  }
  if (typeof value === 'object' && shape.members) {
    const record = value as Record<string, unknown>;
    const fields = Object.entries(shape.members).map(([k, m]) => `${k}=${javaString(record[k], m.target)}`);
    return `${shapeName}(${fields.join(', ')})`;
  }
  return String(value);
}

/** How Coral names the JSON token it found where another was expected. */
function jsonToken(v: unknown): string {
  if (Array.isArray(v)) return 'Start of list';
  if (v === null) return 'VALUE_NULL';
  if (typeof v === 'object') return 'Start of structure or map';
  if (typeof v === 'number') return 'NUMBER_VALUE';
  if (typeof v === 'boolean') return 'BOOLEAN_VALUE';
  return 'STRING_VALUE';
}

const JAVA_TYPE: Record<string, string> = {
  string: 'a String',
  enum: 'a String',
  blob: 'a ByteBuffer',
  integer: 'an Integer',
  long: 'a Long',
  boolean: 'a Boolean',
  timestamp: 'a Date',
  list: 'a List',
  structure: 'a Structure',
};

function serializationMessage(v: Extract<Violation, { kind: 'type' }>): string {
  const token = jsonToken(v.found);
  if (token.startsWith('Start of')) return `${token} found where not expected at '${awsPath(v.path)}'`;
  return `${token} can not be converted to ${JAVA_TYPE[v.expected]} at '${awsPath(v.path)}'`;
}

function validationMessage(violations: Extract<Violation, { kind: 'constraint' }>[]): string {
  const parts = violations.map((v) => {
    const value = v.value === null ? 'null' : `'${javaString(v.value, v.shape)}'`;
    return `Value ${value} at '${awsPath(v.path)}' failed to satisfy constraint: Member ${describeRule(v.rule)}`;
  });
  const n = parts.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/**
 * Throws the AwsError AWS would answer for `input` of `operation`; returns the input as `T`, the
 * caller's description of the operation's input shape.
 */
export function validateRequest<T>(operation: string, input: unknown): T {
  const op = modelOperation(operation);
  if (!op) throw new Error(`${operation} is not in the model`);
  const violations = checkShape(op.input, input);
  const typeError = violations.find((v) => v.kind === 'type');
  if (typeError) {
    throw new AwsError(
      'SerializationException',
      typeError.path.length ? serializationMessage(typeError) : 'Start of structure or map expected',
    );
  }
  const constraints = violations.filter(
    (v): v is Extract<Violation, { kind: 'constraint' }> => v.kind === 'constraint',
  );
  if (constraints.length) throw new AwsError('InvalidParameterException', validationMessage(constraints));
  return input as T;
}

/** AWS's wording for a parameter its model constraints cannot express (a bad token, an invalid ARN). */
export function invalidParameter(member: string, constraint: string): AwsError {
  return new AwsError(
    'InvalidParameterException',
    `Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'`,
  );
}
