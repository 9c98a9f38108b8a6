// Our own definitions of the go-plugin side-channel messages (package `plugin`) and the gRPC
// health check (package `grpc.health.v1`) that the engines' go-plugin client may call.
import { message } from './message';

export type Empty = Record<string, never>;
export const Empty = message<Empty>([]);

export enum StdioChannel {
  Invalid = 0,
  Stdout = 1,
  Stderr = 2,
}

export interface StdioData {
  channel: StdioChannel;
  data: Uint8Array;
}
export const StdioData = message<StdioData>([
  { name: 'channel', no: 1, kind: 'enum' },
  { name: 'data', no: 2, kind: 'bytes' },
]);

/** GRPCBroker stream item; the engines never use the broker, we only accept the stream. */
export interface ConnInfo {
  service_id: number;
  network: string;
  address: string;
}
export const ConnInfo = message<ConnInfo>([
  { name: 'service_id', no: 1, kind: 'uint32' },
  { name: 'network', no: 2, kind: 'string' },
  { name: 'address', no: 3, kind: 'string' },
]);

export interface HealthCheckRequest {
  service: string;
}
export const HealthCheckRequest = message<HealthCheckRequest>([{ name: 'service', no: 1, kind: 'string' }]);

export enum ServingStatus {
  Unknown = 0,
  Serving = 1,
  NotServing = 2,
  ServiceUnknown = 3,
}

export interface HealthCheckResponse {
  status: ServingStatus;
}
export const HealthCheckResponse = message<HealthCheckResponse>([{ name: 'status', no: 1, kind: 'enum' }]);
