/** The descriptions every connection field gives its `first` and `after`. */
export const firstArg = (what: string) =>
  `How many ${what} to return: 0 to 1000, default 100. Each page costs one ECR Public call.`;
export const afterArg = 'Resume the listing right after the edge whose `cursor` (or `pageInfo.endCursor`) this is.';
