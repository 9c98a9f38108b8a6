// The go-plugin side services the engine's client calls on every launch:
// - GRPCController/Shutdown on every close: answer, then exit promptly (without it the
//   engine waits 2 s per launch before killing us);
// - GRPCStdio/StreamStdio: held open, never written (we log to stderr directly);
// - GRPCBroker/StartStream: accepted and left idle (the engines never use the broker);
// - grpc.health.v1.Health/Check: SERVING.
import {
  status,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type UntypedServiceImplementation,
  type sendUnaryData,
} from '@grpc/grpc-js';
import * as gp from '../proto/goplugin';
import type { Logger } from '../kit';
import { unary } from './unary';

export function controllerImplementation(log: Logger, onShutdown: () => void): UntypedServiceImplementation {
  return {
    Shutdown: unary(
      'Shutdown',
      log,
      () => {
        // Peak and current memory of this launch, for `npm run bench` to read from a TF_LOG=debug log.
        log.debug('Provider resource usage', {
          max_rss_kb: process.resourceUsage().maxRSS,
          rss_kb: Math.round(process.memoryUsage.rss() / 1024),
        });
        // Reply first; the exit runs after the response has been handed to the transport.
        setImmediate(onShutdown);
        return {};
      },
      () => ({}),
    ),
  };
}

export function stdioImplementation(): UntypedServiceImplementation {
  return {
    StreamStdio(call: ServerWritableStream<gp.Empty, gp.StdioData>) {
      // Keep the stream open until the client goes away.
      call.on('cancelled', () => call.end());
      call.on('error', () => undefined);
    },
  };
}

export function brokerImplementation(): UntypedServiceImplementation {
  return {
    StartStream(call: ServerDuplexStream<gp.ConnInfo, gp.ConnInfo>) {
      call.on('data', () => undefined);
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    },
  };
}

export function healthImplementation(): UntypedServiceImplementation {
  return {
    Check(
      call: ServerUnaryCall<gp.HealthCheckRequest, gp.HealthCheckResponse>,
      callback: sendUnaryData<gp.HealthCheckResponse>,
    ) {
      const service = call.request.service;
      if (service === '' || service === 'plugin') callback(null, { status: gp.ServingStatus.Serving });
      else callback({ code: status.NOT_FOUND, details: `unknown service ${service}` });
    },
  };
}
