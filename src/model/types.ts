/** The compact API model that extract.ts makes of ECR Public's Smithy JSON. */
export interface ModelShape {
  type: 'structure' | 'list' | 'string' | 'enum' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob';
  /** structure: member name -> target shape, `required` from `smithy.api#required`. */
  members?: Record<string, { target: string; required?: boolean }>;
  /** list: the member shape. */
  member?: string;
  /** enum: the allowed values. */
  enum?: string[];
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: string;
}

export interface ModelOperation {
  input: string;
  output: string;
  errors: string[];
  paginated?: { inputToken: string; outputToken: string; items: string; pageSize: string; defaultPageSize: number };
}

export interface ApiModel {
  service: string;
  operations: Record<string, ModelOperation>;
  /** Every error structure of the model, by its `smithy.api#error` kind. */
  errors: Record<string, 'client' | 'server'>;
  shapes: Record<string, ModelShape>;
}
