/** The optional access-key check: the emulator reads SigV4's Credential, it does not verify signatures. */
import { AwsError } from './errors';

// Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecr-public/aws4_request, SignedHeaders=..., Signature=...
const CREDENTIAL = /Credential=([^/,\s]+)\//;

export function accessKeyOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : CREDENTIAL.exec(authorization)?.[1];
}

/** AWS's answer to an unknown or missing access key. */
export function unrecognizedClient(): AwsError {
  return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

export function checkAccessKey(authorization: string | undefined, accepted: ReadonlySet<string> | undefined): void {
  if (!accepted) return;
  const key = accessKeyOf(authorization);
  if (key === undefined || !accepted.has(key)) throw unrecognizedClient();
}
