/**
 * `npm run emulator`: the emulator alone on loopback, for any AWS client:
 *   AWS_ENDPOINT_URL_ECR_PUBLIC=http://127.0.0.1:4566 AWS_REGION=us-east-1 aws ecr-public describe-repositories
 * Configuration in env.ts. Prints one ready line; SIGTERM or SIGINT closes and exits 0.
 */
import { fixtureFromEnv, parseEmulatorEnv } from './env';
import { createEmulator } from './index';

async function main(): Promise<void> {
  let emulator: ReturnType<typeof createEmulator>;
  let port: number;
  let host: string;
  try {
    const env = parseEmulatorEnv(process.env);
    port = env.port;
    host = env.host;
    emulator = createEmulator(fixtureFromEnv(env));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  let listening: Awaited<ReturnType<typeof emulator.listen>>;
  try {
    listening = await emulator.listen(port, host);
  } catch (error) {
    console.error(`EMULATOR_PORT: cannot listen on ${host}:${port}: ${(error as Error).message}`);
    process.exit(1);
  }
  const stop = () => {
    listening.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(`ECR Public emulator listening on ${listening.url}`);
}

void main();
