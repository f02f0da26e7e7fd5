// Paced (open-loop) HTTP load from a process of its own, so the service's JVM carries none of the generator's
// threads, allocation or garbage collection. Reads a JSON plan from the file named by the first argument:
// { "rate": 50, "seconds": 30, "headers": {...}, "urls": [...] } and prints one JSON line: { "errors", "micros" },
// every request's latency in microseconds, measured from the time it was due, so a slow server is not hidden by the
// generator waiting for it. URLs are used in turn.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers: plan.headers, timeout: 10000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode >= 200 && response.statusCode < 300));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(false));
  });
}

const interval = 1000 / plan.rate;
const total = Math.floor(plan.seconds * plan.rate);
const start = performance.now();
const micros = [];
let errors = 0;
const pending = [];
for (let i = 0; i < total; i++) {
  const due = start + i * interval;
  const wait = due - performance.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  pending.push(send(plan.urls[i % plan.urls.length]).then((ok) => {
    micros.push(Math.max(1, Math.round((performance.now() - due) * 1000)));
    if (!ok) errors++;
  }));
}
await Promise.all(pending);
console.log(JSON.stringify({ errors, micros }));
agent.destroy();
