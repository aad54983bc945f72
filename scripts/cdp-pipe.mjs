// Chromium driven over the DevTools protocol through a pipe, with only the domains a
// measurement needs, for `make bench`'s load figures.
//
// Why not Playwright for those: Playwright enables the DevTools Network domain on every
// page, and with it the browser decodes every response body as text when it finishes
// loading, to keep it for the inspector. For a 17 MB feed that is a main-thread task of
// about 90 ms that a reader's browser never runs (measured: `fetch().arrayBuffer()` of
// the 10k feed gives a long task with the Network domain on, and none with it off). A
// long-task figure taken under Playwright is therefore the instrument's as much as the
// app's. Here nothing but Target, Page and Runtime is used.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts a headless Chromium and returns a tiny protocol client over its pipe. */
export function launchPipe(executable, args = []) {
  const profile = mkdtempSync(join(tmpdir(), 'folio-cdp-'));
  const child = spawn(executable, ['--headless=new', '--remote-debugging-pipe', `--user-data-dir=${profile}`, ...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  let nextId = 0;
  const pending = new Map();
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      }
    }
  });
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const close = async () => {
    await send('Browser.close').catch(() => {});
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, close };
}

/**
 * Opens `url` in a new tab and waits until `resultSelector` matches and, when given,
 * the Performance mark `readyMark` exists. Returns, in milliseconds from navigation
 * start: when the first result appeared, when search was ready, and the longest
 * main-thread task (PerformanceObserver long-task entries) up to then.
 */
export async function measureLoad(cdp, url, { resultSelector, readyMark, timeoutMs = 300_000 }) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => cdp.send(method, params, sessionId);
  const watch = `(() => {
    const seen = { longest: 0, first: null };
    window.folioLoad = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longest = Math.max(seen.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector(${JSON.stringify(resultSelector)})) {
        seen.first = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  })()`;
  // The script runs in each new document only with the Page domain on.
  await send('Page.enable');
  await send('Page.addScriptToEvaluateOnNewDocument', { source: watch });
  await send('Page.navigate', { url });
  const started = Date.now();
  const probe = `(() => {
    const seen = window.folioLoad;
    const mark = ${readyMark ? `performance.getEntriesByName(${JSON.stringify(readyMark)})[0]` : 'null'};
    if (!seen || seen.first === null || ${readyMark ? '!mark' : 'false'}) return null;
    return { first: seen.first, ready: mark ? mark.startTime : seen.first, longest: seen.longest };
  })()`;
  try {
    for (;;) {
      const { result } = await send('Runtime.evaluate', { expression: probe, returnByValue: true });
      if (result.value) return result.value;
      if (Date.now() - started > timeoutMs) throw new Error(`measureLoad: ${url} not ready after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
  }
}
