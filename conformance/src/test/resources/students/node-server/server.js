// HELO server, as a student writes it in Node.js: one line buffer per connection, replies end with CR LF.
// The port is 8008 (or HELO_PORT, when the checker sets it).
const net = require('net');

const PORT = Number(process.env.HELO_PORT || 8008);

function pad(n) {
  return String(n).padStart(2, '0');
}

// C0 controls but TAB, DEL, and the C1 controls are not allowed in a request
function hasControl(line) {
  return /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(line);
}

function answer(session, line) {
  const space = line.indexOf(' ');
  const command = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const argument = space < 0 ? '' : line.slice(space + 1);
  if (hasControl(line)) {
    return 'ERR bad-character control character in request';
  }
  if (command === 'HELO' && argument) {
    session.greeted = true;
    return `Hello ${argument}, pleased to meet you.`;
  }
  if (['REQTIME', 'REQDATE', 'ECHO', 'REQIP'].includes(command) && !session.greeted) {
    return 'ERR helo-required say HELO first';
  }
  const now = new Date();
  switch (command) {
    case 'REQTIME':
      return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
    case 'REQDATE':
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    case 'ECHO':
      return argument;
    case 'REQIP':
      return session.address;
    default:
      return 'ERR unknown-command unknown command';
  }
}

const server = net.createServer((socket) => {
  const session = { greeted: false, address: socket.remoteAddress.replace(/^::ffff:/, ''), done: false };
  let pending = Buffer.alloc(0);
  console.log(`client connected from ${session.address}`);

  function handle(raw) {
    if (session.done) {
      return;
    }
    const line = raw.toString('utf8');
    if (line.split(' ')[0].toUpperCase() === 'BYE') {
      session.done = true;
      console.log('client said BYE');
      socket.end('See ya later\r\n');
      return;
    }
    socket.write(answer(session, line) + '\r\n');
  }

  socket.on('data', (data) => {
    pending = Buffer.concat([pending, data]);
    let end;
    while ((end = pending.indexOf(10)) >= 0) {
      let raw = pending.subarray(0, end);
      pending = pending.subarray(end + 1);
      if (raw.length > 0 && raw[raw.length - 1] === 13) {
        raw = raw.subarray(0, raw.length - 1); // the CR of CR LF, and only that one
      }
      handle(raw);
    }
  });
  socket.on('end', () => {
    if (pending.length > 0) {
      handle(pending); // a last line without a line end
    }
    socket.end();
  });
  socket.on('error', () => {});
});

server.listen(PORT, '127.0.0.1', () => console.log(`listening on port ${PORT}`));
