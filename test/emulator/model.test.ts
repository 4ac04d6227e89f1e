/**
 * The emulator's compact model (src/emulator/model/ecr-public.json) is extracted from the project's
 * API model, ../shared/reference/ecr-public.smithy.json; this fails when the two drift apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_MODEL_SOURCE, extractModel, MODEL_OUTPUT } from '../../src/emulator/model/generate';

// The reference lives beside the project, not in it: a clone without it has nothing to compare.
const withReference = existsSync(DEFAULT_MODEL_SOURCE) ? it : it.skip;

describe('the emulator’s API model', () => {
  withReference(
    'matches a fresh extraction from shared/reference (regenerate: npx tsx src/emulator/model/generate.ts)',
    () => {
      const fresh = extractModel(
        JSON.parse(readFileSync(DEFAULT_MODEL_SOURCE, 'utf8')),
        'shared/reference/ecr-public.smithy.json',
      );
      expect(JSON.parse(readFileSync(MODEL_OUTPUT, 'utf8'))).toEqual(fresh);
    },
  );

  it('holds the limits the emulator enforces, as the model states them', () => {
    const model = JSON.parse(readFileSync(MODEL_OUTPUT, 'utf8'));
    expect(model.shapes.MaxResults.range).toEqual({ min: 1, max: 1000 });
    expect(model.shapes.ImageIdentifierList.length).toEqual({ min: 1, max: 100 });
    expect(model.shapes.RepositoryName.length).toEqual({ min: 2, max: 205 });
    expect(model.shapes.RegistryId.pattern).toBe('^[0-9]{12}$');
    expect(model.operations.DescribeImages.paginated.defaultPageSize).toBe(100);
    expect(model.operations.DescribeImages.errors).toContain('ImageNotFoundException');
    expect(model.errors.ServerException).toBe('server');
  });
});
