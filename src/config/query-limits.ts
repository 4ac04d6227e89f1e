/** The query limits' shape (config/index.ts reads them from the environment). */
/** Limits a request meets before execution (README "Limits"). */
export interface QueryLimits {
  /** Deepest selection; router `_entities` queries and GraphiQL's introspection pass 15. @default 15 */
  maxDepth: number;
  /** @default 250 */
  maxAliases: number;
  /** @default 10000 */
  maxTokens: number;
  /** @default 50 */
  maxDirectives: number;
  /** Characters of one query document. @default 100000 */
  maxQueryLength: number;
  /** Estimated ECR Public calls of one operation (plugins/validation/query-cost.ts). @default 1000 */
  maxCost: number;
  /** Bytes of one request body. @default 1048576 */
  maxBodyBytes: number;
}
