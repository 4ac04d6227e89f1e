/** The committed SDL in schema/ is what the code prints: codegen.ts, run in --check mode. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('schema/', () => {
  it('holds exactly what `npm run codegen` writes', () => {
    const root = path.resolve(__dirname, '../..');
    const bin = path.join(root, 'node_modules/.bin/graphql-codegen');
    // The CLI may print a green line on failure: the exit code is the verdict (STACK-NOTES).
    const result = spawnSync(bin, ['--config', 'codegen.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: result.status, output: result.status === 0 ? '' : result.stdout + result.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });
});
