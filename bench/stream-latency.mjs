// How long each streamed event takes to reach the client after the emulator wrote it.
//
//   node stream-latency.mjs <url> <body-file> <streams> <concurrency> <hard-timeout-s> [token]
//
// The emulator runs with --stamp-chunks: every content piece starts with "@<nanos> ", its
// System.nanoTime() just before the write. On Linux that is CLOCK_MONOTONIC, the clock of Node's
// process.hrtime, so "arrival - stamp" is the event's delay whether the stream came straight from the
// emulator or through the gateway (which passes content through untouched). The body should ask for
// spaced events (GigaChat's update_interval, honoured by the emulator), so each event is timed on its
// own rather than queued behind the previous one.
//
// Streams run <concurrency> at a time over keep-alive connections until <streams> have finished.
// Prints one JSON line: first-event and every-event delay percentiles (ms), counts and errors.
// Loopback only; ends by itself after <hard-timeout-s>.
import http from 'node:http';
import fs from 'node:fs';
import { loopbackUrl, percentile } from './common.mjs';

const [url, bodyFile, streamsArg, concurrencyArg, timeoutArg, token] = process.argv.slice(2);
const target = loopbackUrl(url);
const body = fs.readFileSync(bodyFile);
const streams = Number(streamsArg);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
if (token) headers.Authorization = 'Bearer ' + token;

const firsts = [];
const all = [];
let ok = 0;
let started = 0;
const errors = {};
const STAMP = /^@(\d+) /;

function one() {
  return new Promise((resolve) => {
    let firstSeen = false;
    let done = false;
    const fail = (why) => { errors[why] = (errors[why] || 0) + 1; resolve(); };
    const req = http.request(target, { method: 'POST', agent, headers }, (res) => {
      if (res.statusCode !== 200) { res.resume(); fail('status ' + res.statusCode); return; }
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const now = process.hrtime.bigint(); // read before any parsing
        const lines = (tail + chunk).split('\n');
        tail = lines.pop();
        for (const line of lines) {
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') { done = true; continue; }
          const content = JSON.parse(data)?.choices?.[0]?.delta?.content;
          const m = typeof content === 'string' ? STAMP.exec(content) : null;
          if (!m) continue;
          const ms = Number(now - BigInt(m[1])) / 1e6;
          all.push(ms);
          if (!firstSeen) { firsts.push(ms); firstSeen = true; }
        }
      });
      res.on('end', () => { if (done && firstSeen) { ok++; resolve(); } else fail(done ? 'no stamped event' : 'no [DONE]'); });
      res.on('error', (e) => fail(String(e.message)));
    });
    req.on('error', (e) => fail(String(e.message)));
    req.end(body);
  });
}

async function worker() {
  while (started < streams) {
    started++;
    await one();
  }
}

function report(timedOut) {
  const ms = (values, p) => { const v = percentile(values, p); return v === null ? null : Math.round(v * 1000) / 1000; };
  console.log(JSON.stringify({
    streams, concurrency, ok, errors: streams - ok, timedOut, errorKinds: errors, events: all.length,
    firstP50Ms: ms(firsts, 50), firstP90Ms: ms(firsts, 90), firstP99Ms: ms(firsts, 99),
    eventP50Ms: ms(all, 50), eventP90Ms: ms(all, 90), eventP99Ms: ms(all, 99),
  }));
}

const guard = setTimeout(() => { report(true); process.exit(1); }, Number(timeoutArg) * 1000);
await Promise.all(Array.from({ length: concurrency }, worker));
clearTimeout(guard);
agent.destroy();
report(false);
