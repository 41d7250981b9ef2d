import { clientToServerEventSchemas, serverToClientEventSchemas, SOCKET_PATH } from '@ringi/contracts';
import { socketEventsDocument } from './socket-events.document';

describe('socketEventsDocument', () => {
  const doc = socketEventsDocument();

  it('lists every client event of the contracts table with its payload and acknowledgement schemas', () => {
    expect(doc.path).toBe(SOCKET_PATH);
    expect(Object.keys(doc.clientToServer).sort()).toEqual(Object.keys(clientToServerEventSchemas).sort());
    expect(doc.clientToServer.ping.payload).toMatchObject({ type: 'object', additionalProperties: false });
    const ack = JSON.stringify(doc.clientToServer.ping.ack);
    expect(ack).toContain('"serverTime"');
    expect(ack).toContain('"error"');
    expect(ack).toContain('auth/forbidden'); // the error codes a refusal can carry
  });

  it('lists every server event with its payload schema', () => {
    expect(Object.keys(doc.serverToClient).sort()).toEqual(Object.keys(serverToClientEventSchemas).sort());
    expect(JSON.stringify(doc.serverToClient['session:revoked'].payload)).toContain('"expired"');
  });

  it('is plain JSON, ready to sit in the OpenAPI document as x-socket-events', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
