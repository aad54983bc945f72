#!/usr/bin/env node
// Generates a large synthetic JSON Feed 1.1 document for benchmarks.
//
//   node scripts/gen-feed.mjs <count> [out-file]
//
// Writes to stdout when no file is given. The output depends only on <count>: a fixed
// seed drives a small PRNG (mulberry32), so every run produces byte-identical output,
// and the first N items of a larger feed are the same as the items of an N-item feed.
// Items are written in chunks, so memory use stays flat however many posts you ask for.
//
// What the items look like:
//   - title: 3-10 words. English items draw from ~280 English words (some accented,
//     like "café" and "naïve"); about 3% of them also carry one Persian word, and about
//     1% join two phrases with "&amp;".
//   - content_html: 2-5 <p> paragraphs of 20-60 words, with the odd <em>, <strong>
//     or link.
//   - date_published: spread over 2011-2025, RFC 3339 with a variety of offsets.
//   - authors: one of 8 generated authors, each with a _folio bio and email.
//   - tags: 1-3 of 40; _folio.categories: one of 5.
//   - about 5% of items have "language": "fa" and Persian title and text.
//   - about a quarter have a summary and a tenth a date_modified, like real feeds.
// Dates are random, so the items are not in date order.

import { createWriteStream } from "node:fs";
import { once } from "node:events";

const SEED = 0x5f011a;
const BASE = "https://example.org";

import { seeded, capitalize, ENGLISH, PERSIAN, TAGS, CATEGORIES, FIRST_NAMES, LAST_NAMES, PERSIAN_NAMES } from "./synthetic.mjs";

const { rand, int, pick, chance, words, prose } = seeded(SEED);

// ---------------------------------------------------------------------------
// Text

const slugOf = (words) =>
  words.join(" ").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");

function paragraph(persian) {
  const vocab = persian ? PERSIAN : ENGLISH;
  let text = prose(int(20, 60), vocab, persian);
  const roll = rand();
  if (roll < 0.15) {
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <em>${w}</em>${p} `);
  } else if (roll < 0.25) {
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <strong>${w}</strong>${p} `);
  } else if (roll < 0.32) {
    const target = `${BASE}/topics/${int(1, 500)}/`;
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <a href="${target}">${w}</a>${p} `);
  }
  return `<p>${text}</p>`;
}

// ---------------------------------------------------------------------------
// Dates

// 15 years, trimmed by half a day at each end so that no offset moves a local date
// outside 2011-2025.
const START = Date.UTC(2011, 0, 1, 12) / 1000;
const END = Date.UTC(2025, 11, 31, 12) / 1000;
const OFFSETS = [0, 0, 60, 60, 120, -300, -240, -480, 330, 540, 600, 210];
const PERSIAN_OFFSETS = [210, 210, 270];
const pad = (n) => String(n).padStart(2, "0");

/** RFC 3339 text for a UTC instant (seconds) shown at `offset` minutes east of UTC. */
function rfc3339(seconds, offset) {
  const d = new Date((seconds + offset * 60) * 1000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (offset === 0 && chance(0.5)) return `${date}T${time}Z`;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// ---------------------------------------------------------------------------
// Authors

function makeAuthors() {
  const authors = [];
  const used = new Set();
  while (authors.length < 7) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    if (used.has(first) || used.has(last)) continue;
    used.add(first).add(last);
    authors.push(author(first, last));
  }
  const [first, last] = pick(PERSIAN_NAMES);
  authors.push(author(first, last));
  return authors;
}

function author(first, last) {
  const handle = `${first}.${last}`.normalize("NFD").replace(/[^A-Za-z.]/g, "").toLowerCase();
  const topics = words(2, ENGLISH);
  return {
    name: `${first} ${last}`,
    url: `${BASE}/people/${handle.replace(".", "-")}/`,
    avatar: `${BASE}/avatars/${handle.replace(".", "-")}.png`,
    _folio: {
      bio: `${first} writes about ${topics[0]} and ${topics[1]}. ${prose(int(8, 16), ENGLISH, false)}`,
      email: `${handle}@example.org`,
    },
  };
}

// ---------------------------------------------------------------------------
// Items

function makeItem(index, authors) {
  const persian = chance(0.05);
  const vocab = persian ? PERSIAN : ENGLISH;

  let titleWords = words(int(3, 10), vocab);
  if (!persian && chance(0.03)) titleWords[int(0, titleWords.length - 1)] = pick(PERSIAN);
  if (!persian) titleWords[0] = capitalize(titleWords[0]);
  let title = titleWords.join(" ");
  if (!persian && titleWords.length >= 4 && chance(0.01)) {
    const cut = int(1, titleWords.length - 2);
    title = `${titleWords.slice(0, cut).join(" ")} &amp; ${titleWords.slice(cut).join(" ")}`;
  }

  const paragraphs = [];
  for (let p = int(2, 5); p > 0; p--) paragraphs.push(paragraph(persian));

  const offset = persian ? pick(PERSIAN_OFFSETS) : pick(OFFSETS);
  const published = START + Math.floor(rand() * ((END - START) / 60)) * 60;
  const datePublished = rfc3339(published, offset);
  const year = datePublished.slice(0, 4);
  const month = datePublished.slice(5, 7);

  const slug = slugOf(titleWords) || "post";
  const url = `${BASE}/${year}/${month}/${slug}-${index + 1}/`;

  const item = { id: url, url, title, content_html: paragraphs.join("\n") };
  if (chance(0.25)) item.summary = prose(int(12, 30), vocab, persian);
  item.date_published = datePublished;
  if (chance(0.1)) item.date_modified = rfc3339(published + int(3600, 30 * 86400), offset);
  item.authors = [persian ? authors[authors.length - 1] : pick(authors)];

  const tagCount = int(1, 3);
  const tags = [];
  while (tags.length < tagCount) {
    const t = pick(TAGS);
    if (!tags.includes(t)) tags.push(t);
  }
  item.tags = tags;
  if (persian) item.language = "fa";
  item._folio = { categories: [pick(CATEGORIES)] };
  return item;
}

// ---------------------------------------------------------------------------
// Output

async function main() {
  const [countArg, file] = process.argv.slice(2);
  const count = Number(countArg);
  if (countArg === undefined || !/^\d+$/.test(countArg) || !Number.isSafeInteger(count)) {
    process.stderr.write("usage: node scripts/gen-feed.mjs <count> [out-file]\n");
    process.exit(2);
  }

  const out = file ? createWriteStream(file) : process.stdout;
  out.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    process.stderr.write(`gen-feed: ${err.message}\n`);
    process.exit(1);
  });
  const write = async (text) => {
    if (!out.write(text)) await once(out, "drain");
  };

  const authors = makeAuthors();
  const head = {
    version: "https://jsonfeed.org/version/1.1",
    title: `Synthetic benchmark feed (${count} posts)`,
    home_page_url: `${BASE}/`,
    feed_url: `${BASE}/feed.json`,
    description: "Generated by scripts/gen-feed.mjs. Every word is random; none of it means anything.",
    language: "en",
    authors,
  };
  // The head object, reopened so that the items can be streamed into it.
  await write(JSON.stringify(head).slice(0, -1) + ',"items":[');

  const CHUNK = 1 << 18; // characters buffered before each write
  let buffer = "";
  for (let i = 0; i < count; i++) {
    buffer += (i === 0 ? "\n" : ",\n") + JSON.stringify(makeItem(i, authors));
    if (buffer.length >= CHUNK) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer + "\n]}\n");

  if (file) {
    out.end();
    await once(out, "finish");
  }
}

await main();
