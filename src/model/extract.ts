/**
 * The compact API model: ECR Public's Smithy JSON (ecr-public.smithy.json, a verbatim copy of
 * shared/reference/) reduced to operations, declared errors and every shape with its
 * length/range/pattern/enum/required traits, documentation stripped.
 */
import type { ApiModel, ModelOperation, ModelShape } from './types';

interface SmithyMember {
  target: string;
  traits?: Record<string, unknown>;
}
interface SmithyShape {
  type: string;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  operations?: { target: string }[];
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  traits?: Record<string, unknown>;
}

const short = (id: string): string => id.slice(id.indexOf('#') + 1);

/** Pure: the Smithy JSON AST in, the emulator's compact model out. */
export function extractModel(smithy: { shapes: Record<string, SmithyShape> }): ApiModel {
  const shapes = smithy.shapes;
  const [serviceId, service] = Object.entries(shapes).find(([, s]) => s.type === 'service') ?? [];
  if (!serviceId || !service) throw new Error('no service shape in the model');
  const operations: Record<string, ModelOperation> = {};
  for (const { target } of service.operations ?? []) {
    const op = shapes[target];
    if (!op?.input || !op.output) throw new Error(`operation ${target} has no input or output`);
    const entry: ModelOperation = {
      input: short(op.input.target),
      output: short(op.output.target),
      errors: (op.errors ?? []).map((e) => short(e.target)),
    };
    const paginated = op.traits?.['smithy.api#paginated'] as ModelOperation['paginated'] | undefined;
    if (paginated) {
      // The model states each default page size only in prose: "... returns up to 100 results".
      const doc = String(shapes[op.input.target]?.members?.[paginated.pageSize]?.traits?.['smithy.api#documentation']);
      const match = /returns up to (\d+)/.exec(doc);
      if (!match?.[1]) throw new Error(`no default page size in the documentation of ${target}`);
      entry.paginated = { ...paginated, defaultPageSize: Number(match[1]) };
    }
    operations[short(target)] = entry;
  }
  const errors: Record<string, 'client' | 'server'> = {};
  for (const [id, s] of Object.entries(shapes)) {
    const kind = s.traits?.['smithy.api#error'];
    if (kind === 'client' || kind === 'server') errors[short(id)] = kind;
  }
  const out: Record<string, ModelShape> = {};
  const visit = (id: string): void => {
    const name = short(id);
    if (out[name]) return;
    const s = shapes[id];
    if (!s) throw new Error(`shape ${id} is not in the model`);
    out[name] = compactShape(s);
    for (const m of Object.values(s.members ?? {})) if (s.type !== 'enum') visit(m.target);
    if (s.member) visit(s.member.target);
  };
  for (const { target } of service.operations ?? []) {
    const op = shapes[target];
    if (op?.input) visit(op.input.target);
    if (op?.output) visit(op.output.target);
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return { service: short(serviceId), operations, errors, shapes: sorted };
}

function compactShape(s: SmithyShape): ModelShape {
  const t = s.traits ?? {};
  const shape: ModelShape = { type: s.type as ModelShape['type'] };
  if (s.type === 'structure') {
    shape.members = {};
    for (const [name, m] of Object.entries(s.members ?? {})) {
      shape.members[name] = m.traits?.['smithy.api#required']
        ? { target: short(m.target), required: true }
        : { target: short(m.target) };
    }
  }
  if (s.type === 'enum') {
    shape.enum = Object.entries(s.members ?? {}).map(([k, m]) => String(m.traits?.['smithy.api#enumValue'] ?? k));
  }
  if (s.member) shape.member = short(s.member.target);
  if (t['smithy.api#length']) shape.length = t['smithy.api#length'] as ModelShape['length'];
  if (t['smithy.api#range']) shape.range = t['smithy.api#range'] as ModelShape['range'];
  if (typeof t['smithy.api#pattern'] === 'string') shape.pattern = t['smithy.api#pattern'];
  return shape;
}
