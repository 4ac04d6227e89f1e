/** The emulator's public interface (see index.ts). */
import type { HttpHandler } from '@smithy/core/protocols';
import type { CallLog } from './call-log';
import type { Faults } from './faults';
import type { EmulatorControl } from './mutations';

export interface EmulatorOptions {
  /**
   * When set, a request whose SigV4 `Authorization` Credential names an access key not listed here
   * (or has none) fails 403 UnrecognizedClientException "The security token included in the request is invalid."
   * @default undefined (any credentials)
   */
  acceptedAccessKeyIds?: string[];
}

export interface EmulatorRequest {
  method: string;
  /** The request target: `/`, optionally with a query string. */
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface EmulatorResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** When set, the body's bytes instead of `body` (a registry blob, generated as it is sent). */
  stream?: () => Iterable<Buffer>;
}

export interface Listening {
  port: number;
  /** `http://<host>:<port>`, ready for `endpoint` or AWS_ENDPOINT_URL_ECR_PUBLIC. */
  url: string;
  /** Stops listening, drops open connections and aborts calls waiting on injected latency. */
  close(): Promise<void>;
}

export interface Emulator {
  /**
   * One call. Rejects, instead of answering, when the call is dropped (an Error shaped like a reset
   * socket: name 'TimeoutError', code 'ECONNRESET') or aborted by `signal` (name 'AbortError').
   */
  handle(req: EmulatorRequest, signal?: AbortSignal): Promise<EmulatorResponse>;
  /** For `new ECRPUBLICClient({ requestHandler })`: serves in-process, no socket. */
  requestHandler: HttpHandler;
  calls: CallLog;
  faults: Faults;
  /** Changes the catalog at run time (push, untag, delete); a refusal throws a ControlError. */
  control: EmulatorControl;
  /** Listens on loopback. @default port 0 (ephemeral), host 127.0.0.1 */
  listen(port?: number, host?: string): Promise<Listening>;
}
