#!/usr/bin/env node
// Generates a large synthetic WordPress export (WXR 1.2) for benchmarking `folio build`.
//
//   node scripts/gen-wxr.mjs <count> <out.xml> [--seed N]
//
// <count> is the number of <item>s. The output depends only on <count> and the seed:
// a small PRNG (mulberry32, as in gen-feed.mjs) drives everything, so every run gives
// byte-identical output, and the first N items of a larger file are the items of an
// N-item file (the channel head does not depend on <count>). Items are written in
// chunks through a write stream that respects backpressure, so memory stays flat.
// The number of bytes written is printed on stderr at the end.
//
// What the file looks like (about 4 KB per item, so 100,000 items is about 400 MB):
//   - rss 2.0 with the excerpt, content, wfw, dc and wp namespaces; a channel head
//     with wp:wxr_version 1.2, 8 wp:author blocks, 6 wp:category and 40 wp:tag terms.
//   - about 97% of items are published posts. Their content:encoded is WordPress
//     editor text of 3-4 KB: classic-editor posts (paragraphs separated by blank lines,
//     no <p>, as the classic editor stores them; the odd [caption]…[/caption],
//     [gallery ids="…"], bare URL on its own line for oEmbed, <h2>, list, &nbsp;
//     paragraph or <!--more-->) and block-editor posts (<!-- wp:paragraph --> around
//     <p>, headings, images, embeds, galleries, lists).
//   - about 5% of posts are in Persian, with a percent-encoded Persian slug
//     (post_name like %d8%a2%d8%a8-…) and Persian text.
//   - each post has 1-2 categories and 0-3 tags (<category domain=… nicename=…>),
//     one or two wp:postmeta, an excerpt about a fifth of the time, and about 4%
//     carry a comment or two.
//   - about 3% of items must be skipped by a converter: pages, attachments,
//     nav_menu_items, revisions, drafts, private posts and password-protected posts
//     (in equal shares).

import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { seeded, capitalize, ENGLISH, PERSIAN, TAGS, FIRST_NAMES, LAST_NAMES } from "./synthetic.mjs";

const DEFAULT_SEED = 0x5f011a;
const BASE = "https://example.org";
const SITE_TITLE = "River Valley Notes";

// ---------------------------------------------------------------------------
// Arguments

function usage(message) {
  if (message) process.stderr.write(`gen-wxr: ${message}\n`);
  process.stderr.write("usage: node scripts/gen-wxr.mjs <count> <out.xml> [--seed N]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--seed" || arg.startsWith("--seed=")) {
      const value = arg === "--seed" ? argv[++i] : arg.slice("--seed=".length);
      if (value === undefined || !/^(0x[0-9a-f]+|\d+)$/i.test(value)) usage("--seed needs an integer");
      seed = Number(value) >>> 0;
    } else if (arg === "-h" || arg === "--help") {
      usage();
    } else if (arg.startsWith("--")) {
      usage(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const [countArg, file] = positional;
  const count = Number(countArg);
  if (countArg === undefined || !/^\d+$/.test(countArg) || !Number.isSafeInteger(count)) usage();
  if (!file || positional.length > 2) usage();
  return { count, file, seed };
}

const { count, file, seed } = parseArgs(process.argv.slice(2));


const { rand, int, pick, chance, words, prose } = seeded(seed);

// Latin and Persian spellings.
const PERSIAN_NAMES = [["Shirin", "Golestani", "شیرین", "گلستانی"], ["Kaveh", "Ranjbar", "کاوه", "رنجبر"],
  ["Parisa", "Tavakoli", "پریسا", "توکلی"]];

const VIDEO_IDS = ["dQw4w9WgXcQ", "M7lc1UVf-VE", "aqz-KE-bpKQ", "ScMzIvxBSi4", "jNQXAC9IVRw"];

// ---------------------------------------------------------------------------
// Text helpers

const asciiSlug = (text) =>
  text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
/** How WordPress stores a non-ASCII slug: percent-encoded UTF-8, lower-case hex, cut at
 *  a character boundary (as utf8_uri_encode() does) so that it always decodes. */
function persianSlug(words) {
  let slug = "";
  for (const ch of words.join("-").replace(/\u200c/g, "")) {
    const encoded = encodeURIComponent(ch).toLowerCase();
    if (slug.length + encoded.length > 180) break;
    slug += encoded;
  }
  return slug.replace(/-+$/, "");
}

const escapeXml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** CDATA section; a "]]>" inside is split the way WordPress's wxr_cdata() does it. */
const cdata = (s) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;



/** Paragraph text with the odd inline element, no <p>. */
function inlineText(persian, lo = 30, hi = 75) {
  const vocab = persian ? PERSIAN : ENGLISH;
  let text = prose(int(lo, hi), vocab, persian);
  const roll = rand();
  if (roll < 0.15) {
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <em>${w}</em>${p} `);
  } else if (roll < 0.25) {
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <strong>${w}</strong>${p} `);
  } else if (roll < 0.4) {
    const target = chance(0.5) ? `${BASE}/topics/${int(1, 500)}/` : `/?p=${int(1, 5000)}`;
    text = text.replace(/ (\S+?)([.,،]?) /, (_, w, p) => ` <a href="${target}">${w}</a>${p} `);
  } else if (roll < 0.45 && !persian) {
    // The classic editor keeps single line breaks; wpautop turns them into <br />.
    text = text.replace(/\. /, ".\n");
  }
  return text;
}

// ---------------------------------------------------------------------------
// Dates

const START = Date.UTC(2011, 0, 1, 12) / 1000;
const END = Date.UTC(2025, 11, 31, 12) / 1000;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n) => String(n).padStart(2, "0");

/** The site's clock: UTC in winter, UTC+1 from April to October (roughly British time). */
const siteOffsetMinutes = (d) => (d.getUTCMonth() >= 3 && d.getUTCMonth() <= 9 ? 60 : 0);
/** "YYYY-MM-DD HH:MM:SS" for a Date, read in UTC. */
const mysql = (d) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
/** RFC 2822, as WordPress writes pubDate (always +0000). */
const rfc2822 = (d) =>
  `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
  `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

function randomDate() {
  const gmt = new Date((START + Math.floor(rand() * (END - START))) * 1000);
  const local = new Date(gmt.getTime() + siteOffsetMinutes(gmt) * 60000);
  return { gmt, local };
}

// ---------------------------------------------------------------------------
// Site: authors and terms (independent of <count>)

function makeAuthors() {
  const authors = [];
  const used = new Set();
  while (authors.length < 7) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    if (used.has(first) || used.has(last)) continue;
    used.add(first).add(last);
    const login = `${first}${last.charAt(0)}`.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
    authors.push({ id: authors.length + 1, login, first, last, display: `${first} ${last}`, persian: false });
  }
  const [first, last, firstFa, lastFa] = pick(PERSIAN_NAMES);
  authors.push({ id: 8, login: first.toLowerCase(), first, last, display: `${firstFa} ${lastFa}`, persian: true });
  return authors;
}

function makeTerms() {
  let termId = 1;
  const categories = ["Uncategorized", "News", "Reports", "Field Notes", "Guides", "Campaigns"]
    .map((name) => ({ id: termId++, name, slug: asciiSlug(name) }));
  // A Persian category, its slug percent-encoded like WordPress stores it.
  const fa = "یادداشت‌ها";
  categories.push({ id: termId++, name: fa, slug: encodeURIComponent(fa.replace(/\u200c/g, "")).toLowerCase() });
  const tags = TAGS.map((name) => ({ id: termId++, name: capitalize(name), slug: name }));
  return { categories, tags };
}

const authors = makeAuthors();
const terms = makeTerms();

function channelHead() {
  const out = [];
  out.push(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<!-- It contains information about your site's posts, pages, comments, categories, and other content. -->
<!-- Synthetic: generated by scripts/gen-wxr.mjs (seed ${seed}). Every word is random. -->
<!-- generator="WordPress/6.4.3" created="2025-12-31 12:00" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
	<title>${SITE_TITLE}</title>
	<link>${BASE}</link>
	<description>Field notes &amp; reports from the valley</description>
	<pubDate>Wed, 31 Dec 2025 12:00:00 +0000</pubDate>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${BASE}</wp:base_site_url>
	<wp:base_blog_url>${BASE}</wp:base_blog_url>
`);
  for (const a of authors) {
    out.push(`
	<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login>` +
      `<wp:author_email>${cdata(`${a.login}@example.org`)}</wp:author_email>` +
      `<wp:author_display_name>${cdata(a.display)}</wp:author_display_name>` +
      `<wp:author_first_name>${cdata(a.first)}</wp:author_first_name>` +
      `<wp:author_last_name>${cdata(a.last)}</wp:author_last_name></wp:author>
`);
  }
  out.push("\n");
  for (const c of terms.categories) {
    out.push(`	<wp:category>
		<wp:term_id>${c.id}</wp:term_id>
		<wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>
		<wp:category_parent>${cdata("")}</wp:category_parent>
		<wp:cat_name>${cdata(c.name)}</wp:cat_name>
	</wp:category>
`);
  }
  for (const t of terms.tags) {
    out.push(`	<wp:tag>
		<wp:term_id>${t.id}</wp:term_id>
		<wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>
		<wp:tag_name>${cdata(t.name)}</wp:tag_name>
	</wp:tag>
`);
  }
  out.push(`
	<generator>https://wordpress.org/?v=6.4.3</generator>
`);
  return out.join("");
}

// ---------------------------------------------------------------------------
// Post content

function uploadUrl(date, name) {
  const path = `/wp-content/uploads/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${name}`;
  return chance(0.2) ? path : BASE + path; // some root-relative, as in older content
}

function imageName() {
  return `${pick(ENGLISH).normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase() || "image"}-${int(1, 999)}`;
}

function caption(date) {
  const id = int(100, 90000);
  const name = imageName();
  const width = pick([300, 640, 1024]);
  const height = Math.round(width * 2 / 3);
  const align = pick(["alignnone", "alignnone", "aligncenter", "alignright"]);
  return `[caption id="attachment_${id}" align="${align}" width="${width}"]` +
    `<img class="size-medium wp-image-${id}" src="${uploadUrl(date, `${name}-${width}x${height}.jpg`)}" ` +
    `alt="${escapeXml(words(2, ENGLISH).join(" "))}" width="${width}" height="${height}" /> ` +
    `${capitalize(words(int(3, 8), ENGLISH).join(" "))}[/caption]`;
}

function gallery() {
  const ids = Array.from({ length: int(2, 6) }, () => int(100, 90000)).join(",");
  return chance(0.5) ? `[gallery ids="${ids}"]` : `[gallery columns="${int(2, 4)}" link="file" ids="${ids}"]`;
}

const bareUrl = () => chance(0.7)
  ? `https://www.youtube.com/watch?v=${pick(VIDEO_IDS)}`
  : `https://vimeo.com/${int(10000000, 99999999)}`;

function list(persian) {
  const vocab = persian ? PERSIAN : ENGLISH;
  const items = Array.from({ length: int(2, 5) }, () => `\t<li>${prose(int(4, 10), vocab, persian)}</li>`);
  return `<ul>\n${items.join("\n")}\n</ul>`;
}

const heading = (persian) => {
  const w = words(int(2, 6), persian ? PERSIAN : ENGLISH);
  if (!persian) w[0] = capitalize(w[0]);
  return w.join(" ");
};

/** Classic editor: blank-line separated paragraphs without <p>. */
function classicContent(persian, date) {
  const blocks = [];
  const paragraphs = int(4, 7);
  for (let i = 0; i < paragraphs; i++) {
    blocks.push(inlineText(persian));
    if (i === 0 && chance(0.15)) blocks.push("<!--more-->");
    if (chance(0.04)) blocks.push("&nbsp;");
    if (chance(0.06)) blocks.push(caption(date));
    if (chance(0.03)) blocks.push(bareUrl());
    if (chance(0.03)) blocks.push(gallery());
    if (chance(0.05)) blocks.push(`<h2>${heading(persian)}</h2>`);
    if (chance(0.04)) blocks.push(list(persian));
  }
  return blocks.join("\n\n");
}

/** Block editor: <!-- wp:… --> comments around HTML. */
function blockContent(persian, date) {
  const blocks = [];
  const paragraphs = int(4, 7);
  for (let i = 0; i < paragraphs; i++) {
    blocks.push(`<!-- wp:paragraph -->\n<p>${inlineText(persian).replace(/\n/g, "<br>")}</p>\n<!-- /wp:paragraph -->`);
    if (chance(0.05)) {
      blocks.push(`<!-- wp:heading -->\n<h2 class="wp-block-heading">${heading(persian)}</h2>\n<!-- /wp:heading -->`);
    }
    if (chance(0.06)) {
      const id = int(100, 90000);
      const src = uploadUrl(date, `${imageName()}-1024x683.jpg`);
      const cap = chance(0.6) ? `<figcaption class="wp-element-caption">${capitalize(words(int(3, 8), ENGLISH).join(" "))}</figcaption>` : "";
      blocks.push(`<!-- wp:image {"id":${id},"sizeSlug":"large","linkDestination":"none"} -->\n` +
        `<figure class="wp-block-image size-large"><img src="${src}" alt="" class="wp-image-${id}"/>${cap}</figure>\n<!-- /wp:image -->`);
    }
    if (chance(0.03)) {
      const url = bareUrl();
      const youtube = url.includes("youtube");
      blocks.push(`<!-- wp:embed {"url":"${url}","type":"video","providerNameSlug":"${youtube ? "youtube" : "vimeo"}","responsive":true} -->\n` +
        `<figure class="wp-block-embed is-type-video is-provider-${youtube ? "youtube" : "vimeo"} wp-block-embed-${youtube ? "youtube" : "vimeo"}">` +
        `<div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`);
    }
    if (chance(0.03)) blocks.push(`<!-- wp:shortcode -->\n${gallery()}\n<!-- /wp:shortcode -->`);
    if (chance(0.04)) blocks.push(`<!-- wp:list -->\n${list(persian).replace("<ul>", '<ul class="wp-block-list">')}\n<!-- /wp:list -->`);
  }
  return blocks.join("\n\n");
}

// ---------------------------------------------------------------------------
// Items

let nextId = 10;

/** The kind of item: a published post most of the time, something to skip 3% of the time. */
const SKIPPED = ["page", "attachment", "nav_menu_item", "revision", "draft", "private", "password"];
function itemKind() {
  return chance(0.03) ? pick(SKIPPED) : "post";
}

function makeItem() {
  const kind = itemKind();
  const id = (nextId += int(1, 3));
  const persian = kind !== "nav_menu_item" && chance(0.05);
  const vocab = persian ? PERSIAN : ENGLISH;
  const author = persian ? authors[authors.length - 1] : pick(authors.slice(0, -1));
  const { gmt, local } = randomDate();

  // Title and slug.
  const titleWords = words(int(3, 10), vocab);
  if (!persian && chance(0.03)) titleWords[int(0, titleWords.length - 1)] = pick(PERSIAN);
  if (!persian) titleWords[0] = capitalize(titleWords[0]);
  let title = titleWords.join(" ");
  if (!persian && titleWords.length >= 4 && chance(0.02)) {
    // WordPress keeps entities in post_title.
    const cut = int(1, titleWords.length - 2);
    title = `${titleWords.slice(0, cut).join(" ")} &amp; ${titleWords.slice(cut).join(" ")}`;
  }
  let slug = persian ? persianSlug(titleWords) : (asciiSlug(titleWords.join(" ")) || "post");
  // Unique slugs, as WordPress makes them.
  slug = `${slug}-${id}`;

  let type = "post";
  let status = "publish";
  let parent = 0;
  let password = "";
  let postDateGmt = mysql(gmt);
  let link = `${BASE}/${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}/${slug}/`;
  let content = chance(0.6) ? classicContent(persian, local) : blockContent(persian, local);
  let extra = "";
  switch (kind) {
    case "page":
      type = "page";
      link = `${BASE}/${slug}/`;
      break;
    case "attachment": {
      type = "attachment";
      status = "inherit";
      parent = Math.max(0, id - int(1, 40));
      const name = imageName();
      title = name;
      slug = name;
      content = "";
      link = `${BASE}/?attachment_id=${id}`;
      extra = `\t\t<wp:attachment_url>${cdata(`${BASE}/wp-content/uploads/${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}/${name}.jpg`)}</wp:attachment_url>\n`;
      break;
    }
    case "nav_menu_item":
      type = "nav_menu_item";
      title = "";
      slug = String(id);
      content = "";
      link = `${BASE}/?p=${id}`;
      break;
    case "revision":
      type = "revision";
      status = "inherit";
      parent = Math.max(0, id - int(1, 40));
      slug = `${parent}-revision-v1`;
      link = `${BASE}/?p=${id}`;
      break;
    case "draft":
      status = "draft";
      postDateGmt = "0000-00-00 00:00:00"; // drafts have no GMT date in WordPress
      link = `${BASE}/?p=${id}`;
      break;
    case "private":
      status = "private";
      break;
    case "password":
      password = words(2, ENGLISH).join("-").normalize("NFD").replace(/[^A-Za-z-]/g, "") || "secret";
      break;
  }

  const excerpt = type === "post" && chance(0.2) ? prose(int(12, 30), vocab, persian) : "";
  // Titles: CDATA as WordPress 5+ writes them; escaped text in some older exports.
  const titleXml = chance(0.85) ? cdata(title) : escapeXml(title);

  const parts = [];
  parts.push(`	<item>
		<title>${titleXml}</title>
		<link>${escapeXml(link)}</link>
		<pubDate>${rfc2822(gmt)}</pubDate>
		<dc:creator>${cdata(author.login)}</dc:creator>
		<guid isPermaLink="false">${BASE}/?${type === "page" ? "page_id" : "p"}=${id}</guid>
		<description></description>
		<content:encoded>${cdata(content)}</content:encoded>
		<excerpt:encoded>${cdata(excerpt)}</excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date>${cdata(mysql(local))}</wp:post_date>
		<wp:post_date_gmt>${cdata(postDateGmt)}</wp:post_date_gmt>
		<wp:post_modified>${cdata(mysql(local))}</wp:post_modified>
		<wp:post_modified_gmt>${cdata(postDateGmt)}</wp:post_modified_gmt>
		<wp:comment_status>${cdata(type === "post" && chance(0.7) ? "open" : "closed")}</wp:comment_status>
		<wp:ping_status>${cdata(type === "post" && chance(0.5) ? "open" : "closed")}</wp:ping_status>
		<wp:post_name>${cdata(slug)}</wp:post_name>
		<wp:status>${cdata(status)}</wp:status>
		<wp:post_parent>${parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>${cdata(type)}</wp:post_type>
		<wp:post_password>${cdata(password)}</wp:post_password>
		<wp:is_sticky>${type === "post" && chance(0.002) ? 1 : 0}</wp:is_sticky>
`);
  if (extra) parts.push(extra);

  if (type === "post") {
    const cats = [persian ? terms.categories[terms.categories.length - 1] : pick(terms.categories.slice(0, -1))];
    if (chance(0.25)) {
      const c = pick(terms.categories);
      if (!cats.includes(c)) cats.push(c);
    }
    for (const c of cats) {
      parts.push(`\t\t<category domain="category" nicename="${c.slug}">${cdata(c.name)}</category>\n`);
    }
    const tagCount = int(0, 3);
    const tags = [];
    while (tags.length < tagCount) {
      const t = pick(terms.tags);
      if (!tags.includes(t)) tags.push(t);
    }
    for (const t of tags) {
      parts.push(`\t\t<category domain="post_tag" nicename="${t.slug}">${cdata(t.name)}</category>\n`);
    }
  }

  // Post meta: one or two entries.
  parts.push(meta("_edit_last", String(author.id)));
  if (type === "post" && chance(0.3)) parts.push(meta("_thumbnail_id", String(int(100, 90000))));
  else if (type === "attachment") parts.push(meta("_wp_attached_file", `${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}/${title}.jpg`));
  else if (type === "nav_menu_item") parts.push(meta("_menu_item_type", "custom"));
  else if (chance(0.1)) parts.push(meta("_wp_old_slug", asciiSlug(words(3, ENGLISH).join(" "))));

  // The odd comment.
  if (type === "post" && chance(0.04)) {
    const comments = int(1, 2);
    for (let c = 0; c < comments; c++) {
      const when = new Date(gmt.getTime() + int(3600, 30 * 86400) * 1000);
      const whenLocal = new Date(when.getTime() + siteOffsetMinutes(when) * 60000);
      const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      parts.push(`		<wp:comment>
			<wp:comment_id>${id * 10 + c}</wp:comment_id>
			<wp:comment_author>${cdata(name)}</wp:comment_author>
			<wp:comment_author_email>${cdata(`${asciiSlug(name)}@example.net`)}</wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP>${cdata(`192.0.2.${int(1, 254)}`)}</wp:comment_author_IP>
			<wp:comment_date>${cdata(mysql(whenLocal))}</wp:comment_date>
			<wp:comment_date_gmt>${cdata(mysql(when))}</wp:comment_date_gmt>
			<wp:comment_content>${cdata(prose(int(8, 30), ENGLISH, false))}</wp:comment_content>
			<wp:comment_approved>${cdata("1")}</wp:comment_approved>
			<wp:comment_type>${cdata("comment")}</wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
`);
    }
  }
  parts.push("\t</item>\n");
  return parts.join("");
}

function meta(key, value) {
  return `		<wp:postmeta>
			<wp:meta_key>${cdata(key)}</wp:meta_key>
			<wp:meta_value>${cdata(value)}</wp:meta_value>
		</wp:postmeta>
`;
}

// ---------------------------------------------------------------------------
// Output

async function main() {
  const out = createWriteStream(file);
  let failed = null;
  out.on("error", (err) => {
    failed = err;
  });
  let bytes = 0;
  const write = async (text) => {
    if (failed) throw failed;
    bytes += Buffer.byteLength(text);
    // events.once() rejects if the stream emits "error" while we wait.
    if (!out.write(text)) await once(out, "drain");
  };

  await write(channelHead());
  const CHUNK = 1 << 20; // characters buffered before each write
  let buffer = "";
  for (let i = 0; i < count; i++) {
    buffer += makeItem();
    if (buffer.length >= CHUNK) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer + "</channel>\n</rss>\n");
  out.end();
  await once(out, "finish");
  if (failed) throw failed;
  process.stderr.write(`gen-wxr: wrote ${count} items, ${bytes} bytes (${(bytes / 1e6).toFixed(1)} MB) to ${file}\n`);
}

main().catch((err) => {
  process.stderr.write(`gen-wxr: ${err.message}\n`);
  process.exit(1);
});
