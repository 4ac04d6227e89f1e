/**
 * Writes ecr-public.json: the part of ECR Public's Smithy model the emulator enforces (operations,
 * declared errors, and every shape reachable from the served operations' inputs and outputs, with
 * their length/range/pattern/enum/required traits), documentation stripped.
 *
 *   npx tsx src/emulator/model/generate.ts [path/to/ecr-public.smithy.json]
 *
 * The default source is ../shared/reference/ecr-public.smithy.json (the project's API model).
 * test/emulator/model.test.ts fails when the committed JSON and a fresh extraction differ.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVED_OPERATIONS } from './served-operations';
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

export const DEFAULT_MODEL_SOURCE = path.resolve(__dirname, '../../../../shared/reference/ecr-public.smithy.json');
export const MODEL_OUTPUT = path.resolve(__dirname, 'ecr-public.json');

const short = (id: string): string => id.slice(id.indexOf('#') + 1);

/** Pure: the Smithy JSON AST in, the emulator's compact model out. */
export function extractModel(smithy: { shapes: Record<string, SmithyShape> }, source: string): ApiModel {
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
  for (const name of SERVED_OPERATIONS) {
    const op = shapes[`${serviceId.slice(0, serviceId.indexOf('#'))}#${name}`];
    if (!op?.input || !op.output) throw new Error(`served operation ${name} is not in the model`);
    visit(op.input.target);
    visit(op.output.target);
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return { source, service: short(serviceId), operations, errors, shapes: sorted };
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

if (require.main === module) {
  const source = process.argv[2] ?? DEFAULT_MODEL_SOURCE;
  const model = extractModel(JSON.parse(readFileSync(source, 'utf8')), 'shared/reference/ecr-public.smithy.json');
  writeFileSync(MODEL_OUTPUT, `${JSON.stringify(model, null, 2)}\n`);
  // In the project's own format, so `biome check` passes on the committed file.
  execFileSync(process.execPath, [require.resolve('@biomejs/biome/bin/biome'), 'format', '--write', MODEL_OUTPUT]);
  console.log(`wrote ${MODEL_OUTPUT} from ${source}`);
}
