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
  let gone = null;
  // A browser that fails to start or dies fails every command waiting on it, and the
  // ones after.
  const fail = (why) => {
    gone ??= new Error(`cdp-pipe: the browser ${why}`);
    for (const waiting of pending.values()) waiting.reject(gone);
    pending.clear();
  };
  child.on('error', (error) => fail(`could not start (${error.message})`));
  child.on('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  toBrowser.on('error', () => fail('closed its pipe'));
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let message;
      try {
        message = JSON.parse(frame);
      } catch {
        continue;
      }
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        clearTimeout(waiting.timer);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      }
    }
  });
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      if (gone) return reject(gone);
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer in 60 s`));
      }, 60_000);
      pending.set(id, { resolve, reject, method, timer });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const close = async () => {
    if (!gone) await send('Browser.close').catch(() => {});
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      const late = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(late);
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, close };
}

/**
 * Opens `url` in a new tab of a new browser context (a first visit: no cache, no
 * service worker from an earlier run) and waits until `resultSelector` matches and,
 * when given, the Performance mark `readyMark` exists. Returns, in milliseconds from
 * navigation start: when the first result appeared, when search was ready, and the
 * longest main-thread task (PerformanceObserver long-task entries) up to then.
 */
export async function measureLoad(cdp, url, { resultSelector, readyMark, timeoutMs = 300_000 }) {
  const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
  try {
    return await measureIn(cdp, browserContextId, url, { resultSelector, readyMark, timeoutMs });
  } finally {
    await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
  }
}

async function measureIn(cdp, browserContextId, url, { resultSelector, readyMark, timeoutMs }) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => cdp.send(method, params, sessionId);
  const watch = `(() => {
    const seen = { longest: 0, first: null };
    window.folioLoad = seen;
    const take = (entries) => {
      for (const entry of entries) seen.longest = Math.max(seen.longest, entry.duration);
    };
    const observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    // Entries arrive after their task; the probe takes any still queued.
    seen.flush = () => take(observer.takeRecords());
    new MutationObserver((_, observer) => {
      if (document.querySelector(${JSON.stringify(resultSelector)})) {
        seen.first = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  })()`;
  const probe = `(async () => {
    const seen = window.folioLoad;
    const mark = ${readyMark ? `performance.getEntriesByName(${JSON.stringify(readyMark)})[0]` : 'null'};
    if (!seen || seen.first === null || ${readyMark ? '!mark' : 'false'}) return null;
    // A frame and a task later, the last task's long-task entry is in.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    seen.flush();
    return { first: seen.first, ready: mark ? mark.startTime : seen.first, longest: seen.longest };
  })()`;
  try {
    // The script runs in each new document only with the Page domain on.
    await send('Page.enable');
    await send('Page.addScriptToEvaluateOnNewDocument', { source: watch });
    await send('Page.navigate', { url });
    const started = Date.now();
    for (;;) {
      // Evaluating while the page navigates may fail; the next try finds the new page.
      const answer = await send('Runtime.evaluate', { expression: probe, returnByValue: true, awaitPromise: true }).catch(
        () => null,
      );
      if (answer?.result?.value) return answer.result.value;
      if (Date.now() - started > timeoutMs) throw new Error(`measureLoad: ${url} not ready after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
  }
}
