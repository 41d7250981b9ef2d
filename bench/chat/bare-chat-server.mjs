// The chat baseline: a bare Socket.IO 4 server in a process of its own (as the API is), same path, transport and
// event names. `chat:subscribe` joins the rooms the client names; `chat:send` numbers the message in memory,
// broadcasts `chat:changes` with a message shaped like Ringi's (the template the bench sends first) to the room,
// then acknowledges. No session, validation, access check, transaction or database. Prints `port <n>`.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Server } = require('socket.io');

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false });
const seqs = new Map();
let template = {};
io.on('connection', (socket) => {
  socket.emit('hello', { serverTime: new Date().toISOString() });
  socket.on('bench:template', (message, ack) => {
    template = message;
    ack({ ok: true, data: {} });
  });
  socket.on('chat:subscribe', async (payload, ack) => {
    await socket.join(payload.channelIds.map((id) => `channel:${id}`));
    ack({ ok: true, data: { channels: [] } });
  });
  socket.on('chat:send', (payload, ack) => {
    const seq = (seqs.get(payload.channelId) ?? 0) + 1;
    seqs.set(payload.channelId, seq);
    const now = new Date().toISOString();
    const message = {
      ...template,
      id: randomUUID(),
      channelId: payload.channelId,
      seq,
      changeSeq: seq,
      clientId: payload.clientId,
      text: payload.text,
      createdAt: now,
    };
    io.to(`channel:${payload.channelId}`).emit('chat:changes', {
      channelId: payload.channelId,
      changeSeq: seq,
      items: [message],
      more: false,
    });
    ack({ ok: true, data: { message } });
  });
});
http.listen(0, '127.0.0.1', () => console.log(`port ${http.address().port}`));
process.on('SIGINT', () => {
  io.close();
  http.close(() => process.exit(0));
});
