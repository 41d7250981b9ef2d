// The page-sync baseline: a bare Socket.IO 4 server in a process of its own (as Ringi's API is), on the same
// path and transport, with the same event names. `meeting:join` puts the socket in the room; `meeting:present`
// stamps the presentation it is sent with the time and broadcasts it to the room, then acknowledges. No session,
// no payload validation, no access check, no database. Prints `port <n>` once it listens; SIGINT stops it.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Server } = require('socket.io');

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false });
io.on('connection', (socket) => {
  socket.emit('hello', { serverTime: new Date().toISOString() });
  socket.on('meeting:join', async (payload, ack) => {
    await socket.join(`meeting:${payload.meetingId}`);
    ack({ ok: true, data: { presentation: null } });
  });
  socket.on('meeting:present', (presentation, ack) => {
    const shown = { ...presentation, at: new Date().toISOString() };
    io.to(`meeting:${presentation.meetingId}`).emit('meeting:presentation', shown);
    ack({ ok: true, data: { presentation: shown } });
  });
});
http.listen(0, '127.0.0.1', () => console.log(`port ${http.address().port}`));
process.on('SIGINT', () => {
  io.close();
  http.close(() => process.exit(0));
});
