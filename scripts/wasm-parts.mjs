// Helpers for the release wasm that scripts/shrink.mjs and scripts/size-by-crate.mjs
// share: LEB128 numbers, sections, dropping exports, and the wasm-opt passes index.html
// gives.
import { readFileSync } from 'node:fs';

/** Reads an unsigned LEB128 number from `buf` at `pos`: `[value, next position]`. */
export function readUleb(buf, pos) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('the wasm ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, pos];
  }
}
export function encodeUleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** A module's sections, in order: `{ id, body }`, each body a view into `buf`. */
export function readSections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100 || buf.readUInt32LE(4) !== 1) throw new Error('not a wasm module (version 1)');
  const sections = [];
  for (let pos = 8; pos < buf.length; ) {
    const id = buf[pos];
    const [size, start] = readUleb(buf, pos + 1);
    if (start + size > buf.length) throw new Error('a section runs past the end of the wasm');
    sections.push({ id, body: buf.subarray(start, start + size) });
    pos = start + size;
  }
  return sections;
}

/** The module again from `sections` (as readSections gives them, bodies changed or not). */
export function writeSections(head, sections) {
  return Buffer.concat([
    head.subarray(0, 8),
    ...sections.flatMap(({ id, body }) => [Buffer.from([id]), encodeUleb(body.length), body]),
  ]);
}

/** `buf` without the exports whose names `drop` accepts: `[wasm, names dropped]`. */
export function withoutExports(buf, drop) {
  const dropped = [];
  const sections = readSections(buf).map(({ id, body }) => {
    if (id !== 7) return { id, body };
    let [count, p] = readUleb(body, 0);
    const kept = [];
    for (; count > 0; count--) {
      const entry = p;
      const [len, nameAt] = readUleb(body, p);
      const name = body.subarray(nameAt, nameAt + len).toString('utf8');
      [, p] = readUleb(body, nameAt + len + 1); // kind byte, then index
      if (drop(name)) dropped.push(name);
      else kept.push(body.subarray(entry, p));
    }
    return { id, body: Buffer.concat([encodeUleb(kept.length), ...kept]) };
  });
  return [writeSections(buf, sections), dropped];
}

/**
 * The exports of the stream classes that Leptos's server functions pull in through
 * wasm-streams (`IntoUnderlyingSink`, `…Source`, `…ByteSource`, and their `free`s). A
 * client-side app never makes one.
 */
export const isStreamExport = (name) => /^(__wbg_)?intounderlying(bytesource|sink|source)_/.test(name);

/** The release's wasm-opt passes, from index.html's `data-folio-wasm-opt`. */
export function wasmOptPasses(html = 'index.html') {
  const passes = readFileSync(html, 'utf8').match(/data-folio-wasm-opt="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean);
  if (!passes?.length) throw new Error(`${html} gives no data-folio-wasm-opt passes`);
  return passes;
}
