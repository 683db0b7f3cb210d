// A correct HELO client in Node, for the checker's tests: every command once, each reply read before the next
// request, then it closes. The port comes from HELO_PORT (the checker sets it), 8008 otherwise.
const net = require("net");
const os = require("os");

const commands = ["HELO " + os.hostname(), "REQTIME", "REQDATE", "ECHO this is some random text.", "REQIP", "BYE"];
const socket = net.createConnection({host: "127.0.0.1", port: Number(process.env.HELO_PORT || 8008)});
let pending = "";
let answered = 0;
socket.setEncoding("utf8");
socket.on("connect", () => socket.write(commands[0] + "\r\n"));
socket.on("data", (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
    const reply = pending.slice(0, end).replace(/\r$/, "");
    pending = pending.slice(end + 1);
    console.log("> " + commands[answered] + "\n< " + reply);
    answered++;
    if (answered < commands.length) {
      socket.write(commands[answered] + "\r\n");
    }
  }
});
socket.on("end", () => socket.end());
socket.on("close", () => process.exit(answered === commands.length ? 0 : 1));
socket.on("error", (e) => {
  console.error(e.message);
  process.exit(1);
});
