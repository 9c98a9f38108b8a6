// The go-plugin side services the engine's client calls on every launch:
// - GRPCController/Shutdown on every close: answer, then exit promptly (without it the
//   engine waits 2 s per launch before killing us);
// - GRPCStdio/StreamStdio: held open, never written (we log to stderr directly);
// - GRPCBroker/StartStream: accepted and left idle (the engines never use the broker);
// - grpc.health.v1.Health/Check: SERVING.
// The server ends the two held streams itself (status OK) when it shuts down.
import type { ServiceImplementation } from '../grpc/methods';
import { GrpcError, Status } from '../grpc/status';
import * as gp from '../proto/goplugin';
import type { Logger } from '../kit';
import { unary } from './unary';

export function controllerImplementation(log: Logger, onShutdown: () => void): ServiceImplementation {
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

export function stdioImplementation(): ServiceImplementation {
  return {
    // Held open until the client goes away or we shut down: nothing to do.
    StreamStdio: { kind: 'serverStream', open: () => undefined },
  };
}

export function brokerImplementation(): ServiceImplementation {
  return {
    StartStream: {
      kind: 'bidiStream',
      open(call) {
        call.onEnd(() => call.end());
      },
    },
  };
}

export function healthImplementation(): ServiceImplementation {
  return {
    Check: {
      kind: 'unary',
      handle(request) {
        const service = (request as gp.HealthCheckRequest).service;
        if (service === '' || service === 'plugin') return Promise.resolve({ status: gp.ServingStatus.Serving });
        return Promise.reject(new GrpcError(Status.NOT_FOUND, `unknown service ${service}`));
      },
    },
  };
}
