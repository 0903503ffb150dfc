// Holds many slow streams open at once against one URL and reports how they went.
//
//   node slow-streams.mjs <url> <body-file> <streams> <expected-events> <hard-timeout-s> [token]
//
// Every stream is a POST without keep-alive (one connection each), opened all at once.
// A stream counts as ok when it answered 200, carried at least <expected-events> "data:" events
// and ended with "data: [DONE]". Prints one JSON line with the summary. Loopback only: the URL
// must point at 127.0.0.1. Ends by itself after <hard-timeout-s> whatever happens.
import http from 'node:http';
import fs from 'node:fs';
import { loopbackUrl, percentile } from './common.mjs';

const [url, bodyFile, streamsArg, expectedArg, timeoutArg, token] = process.argv.slice(2);
const target = loopbackUrl(url);
const body = fs.readFileSync(bodyFile);
const streams = Number(streamsArg);
const expected = Number(expectedArg);
const hardTimeoutMs = Number(timeoutArg) * 1000;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const started = process.hrtime.bigint();
const ms = (t) => Number(t - started) / 1e6;
const results = [];

function one() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const r = { ok: false, status: 0, events: 0, done: false, firstEventMs: null, totalMs: null, error: null };
    const req = http.request(target, {
      method: 'POST', agent,
      headers: {
        'Content-Type': 'application/json', 'Content-Length': body.length,
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
      },
    }, (res) => {
      r.status = res.statusCode;
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (r.firstEventMs === null) r.firstEventMs = Number(process.hrtime.bigint() - t0) / 1e6;
        const text = tail + chunk;
        const lines = text.split('\n');
        tail = lines.pop();
        for (const line of lines) {
          if (line.startsWith('data:')) {
            if (line.trim() === 'data: [DONE]') r.done = true; else r.events++;
          }
        }
      });
      res.on('end', () => {
        r.totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
        r.ok = r.status === 200 && r.done && r.events >= expected;
        if (!r.ok && !r.error) r.error = `status ${r.status}, ${r.events} events, done=${r.done}`;
        resolve(r);
      });
      res.on('error', (e) => { r.error = String(e.message); resolve(r); });
    });
    req.on('error', (e) => { r.error = String(e.message); resolve(r); });
    req.end(body);
  });
}

function report(timedOut) {
  const ok = results.filter((r) => r.ok).length;
  const firsts = results.map((r) => r.firstEventMs).filter((v) => v !== null);
  const totals = results.map((r) => r.totalMs).filter((v) => v !== null);
  const errors = {};
  for (const r of results.filter((r) => !r.ok)) errors[r.error] = (errors[r.error] || 0) + 1;
  console.log(JSON.stringify({
    streams, finished: results.length, ok, errors: streams - ok, timedOut,
    firstEventP50Ms: percentile(firsts, 50), firstEventMaxMs: percentile(firsts, 100),
    durationP50Ms: percentile(totals, 50), durationMaxMs: percentile(totals, 100),
    wallMs: ms(process.hrtime.bigint()), errorKinds: errors,
  }));
}

const guard = setTimeout(() => { report(true); process.exit(1); }, hardTimeoutMs);
await Promise.all(Array.from({ length: streams }, () => one().then((r) => results.push(r))));
clearTimeout(guard);
report(false);
process.exit(0);
