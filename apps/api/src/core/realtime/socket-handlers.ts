import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { clientToServerEventSchemas } from '@ringi/contracts';
import { RINGI_GATEWAY, SOCKET_ACCESS, SOCKET_EVENT } from './socket.metadata';

/**
 * What a socket message handler lacks to be allowed to run: a `@RingiGateway()` class (guard, acknowledgement,
 * exception filter), `@SocketEvent(name)` naming an event of the contracts table (its payload schema), and an
 * explicit access decorator (`@SocketAccess(check)` or `@NoResourceAccess(reason)`). Empty when it is complete.
 */
export function socketHandlerProblems(gateway: object, handler: object): string[] {
  const problems: string[] = [];
  const message: unknown = Reflect.getMetadata(MESSAGE_METADATA, handler);
  const event: unknown = Reflect.getMetadata(SOCKET_EVENT, handler);
  if (!Reflect.getMetadata(RINGI_GATEWAY, gateway)) problems.push('its class is not a @RingiGateway()');
  if (event === undefined) problems.push('no @SocketEvent(name) (use it instead of @SubscribeMessage)');
  else if (typeof event !== 'string' || !(event in clientToServerEventSchemas))
    problems.push(`event "${String(event)}" has no schema in libs/contracts (clientToServerEventSchemas)`);
  else if (message !== event) problems.push(`subscribes to "${String(message)}" but declares "${event}"`);
  if (!Reflect.getMetadata(SOCKET_ACCESS, handler))
    problems.push('no access decorator (@SocketAccess(check) or @NoResourceAccess(reason))');
  return problems;
}

export interface SocketHandlerRef {
  gateway: { readonly name: string };
  method: string;
  handler: object;
  event: string;
}

/** Every socket message handler of the application's gateways (found through Nest's module graph). */
export function listSocketHandlers(app: INestApplicationContext): SocketHandlerRef[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const seen = new Set<object>();
  const handlers: SocketHandlerRef[] = [];
  for (const { instance, metatype } of discovery.getProviders()) {
    if (!instance || !metatype || seen.has(metatype) || !Reflect.getMetadata(GATEWAY_METADATA, metatype))
      continue;
    seen.add(metatype);
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method];
      if (typeof handler !== 'function') continue;
      const message: unknown = Reflect.getMetadata(MESSAGE_METADATA, handler);
      if (message !== undefined)
        handlers.push({ gateway: metatype, method, handler, event: String(message) });
    }
  }
  return handlers;
}

/** Every socket message handler of the application that would be refused, as `Class.method: problem`. */
export function findSocketHandlerProblems(app: INestApplicationContext): string[] {
  return listSocketHandlers(app).flatMap(({ gateway, method, handler }) =>
    socketHandlerProblems(gateway, handler).map((problem) => `${gateway.name}.${method}: ${problem}`),
  );
}
