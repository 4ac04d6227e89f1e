/**
 * The API model as the emulator and the gateway read it (src/model): extracted at load time from
 * the verbatim copy of shared/reference/ecr-public.smithy.json.
 */
import { defaultPageSize, lengthOf, modelErrorKind, modelOperation, modelShape } from '../../src/model';
import { constraintsOf } from '../../src/model/constraints';

describe('the API model', () => {
  it('holds the limits as the model states them', () => {
    expect(modelShape('MaxResults').range).toEqual({ min: 1, max: 1000 });
    expect(lengthOf('ImageIdentifierList')).toEqual({ min: 1, max: 100 });
    expect(lengthOf('RepositoryName')).toEqual({ min: 2, max: 205 });
    expect(modelShape('RegistryId').pattern).toBe('^[0-9]{12}$');
    expect(defaultPageSize('DescribeImages')).toBe(100);
    expect(modelOperation('DescribeImages')?.errors).toContain('ImageNotFoundException');
    expect(modelOperation('PutImage')?.errors).toContain('ImageAlreadyExistsException');
    expect(modelErrorKind('ServerException')).toBe('server');
    expect(modelErrorKind('RepositoryNotFoundException')).toBe('client');
  });

  it('gives the gateway compiled patterns and lengths', () => {
    const { pattern, length } = constraintsOf('RepositoryName');
    expect(length).toEqual({ min: 2, max: 205 });
    expect(pattern?.test('team/service')).toBe(true);
    expect(pattern?.test('Team/Service')).toBe(false);
    expect(() => modelShape('NoSuchShape')).toThrow(/not in the API model/);
  });
});
