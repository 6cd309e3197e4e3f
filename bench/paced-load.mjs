// Open-loop load at a steady rate for bench/verify.mjs: one request every 1/rate seconds,
// whatever the answers do, over keep-alive connections written to directly. autocannon's rate
// limit instead lets each connection send its quota back to back, so its "1,000 req/s" arrives
// as bursts of 32. Raw sockets rather than node:http's client keep the generator's own CPU per
// request small: on a 2-core machine the server under test shares the cores with it.
import { connect } from "node:net";
import { performance } from "node:perf_hooks";

const HEADER_END = Buffer.from("\r\n\r\n");

function requestBytes(host, path, body) {
  const json = JSON.stringify(body);
  const head = `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n`;
  return Buffer.from(head + json);
}

/** One keep-alive connection; answers arrive in request order, so a FIFO of send times suffices. */
function openConnection(port, onAnswer) {
  const socket = connect({ host: "127.0.0.1", port, noDelay: true });
  const sentAt = [];
  let buffered = Buffer.alloc(0);
  socket.on("data", (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      const headerEnd = buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const head = buffered.subarray(0, headerEnd).toString("latin1");
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const end = headerEnd + HEADER_END.length + length;
      if (buffered.length < end) return;
      buffered = buffered.subarray(end);
      onAnswer(Number(head.slice(9, 12)), performance.now() - sentAt.shift());
    }
  });
  // A connection lost later is not an exception here: its unanswered requests count as failed.
  const ready = new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.on("error", reject);
  });
  return {
    ready,
    send(bytes) {
      sentAt.push(performance.now());
      socket.write(bytes);
    },
    close: () => socket.destroy(),
  };
}

/**
 * Sends `rate` requests a second for `seconds` after a one-second unrecorded warm-up and
 * resolves with every recorded latency (ms, from the write to the whole answer), failures, and
 * how many requests were sent in all.
 */
export async function pacedLoad({ port, path, bodies, rate, seconds, connections }) {
  const requests = bodies.map((body) => requestBytes(`127.0.0.1:${port}`, path, body));
  const latencies = [];
  let failures = 0;
  let recording = false;
  let answered = 0;
  const onAnswer = (status, ms) => {
    answered++;
    if (!recording) return;
    if (status === 200) latencies.push(ms);
    else failures++;
  };
  const pool = Array.from({ length: connections }, () => openConnection(port, onAnswer));
  await Promise.all(pool.map((connection) => connection.ready));
  // Round robin keeps every connection busy: an idle one would hit the server's keep-alive timeout.
  let turn = 0;
  const nextConnection = () => pool[turn++ % pool.length];

  const phase = (count) =>
    new Promise((resolve) => {
      const interval = 1000 / rate;
      const start = performance.now();
      let sent = 0;
      const tick = () => {
        while (sent < count && start + sent * interval <= performance.now())
          nextConnection().send(requests[sent++ % requests.length]);
        if (sent < count) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
        else resolve();
      };
      tick();
    });
  /** Waits for the answers still pending; resolves with how many never came. */
  const drained = async (expected) => {
    const deadline = performance.now() + 30_000;
    while (answered < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    return expected - answered;
  };

  const warmUpCount = rate;
  await phase(warmUpCount);
  await drained(warmUpCount);
  answered = 0;
  recording = true;
  const started = performance.now();
  await phase(rate * seconds);
  failures += await drained(rate * seconds);
  const elapsed = (performance.now() - started) / 1000;
  for (const connection of pool) connection.close();
  return { latencies, failures, elapsed, served: warmUpCount + rate * seconds };
}
