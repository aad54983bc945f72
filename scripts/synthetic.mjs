// The deterministic pieces the synthetic generators share (gen-feed.mjs for JSON Feeds,
// gen-wxr.mjs for WordPress exports): a seeded PRNG and the vocabulary they draw from.

/** A seeded PRNG (mulberry32) with the helpers the generators use. */
export function seeded(seed) {
  let a = seed >>> 0;
  const rand = function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [lo, hi], both inclusive. */
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  /** `n` words drawn from `vocab`. */
  const words = (n, vocab) => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = pick(vocab);
    return out;
  };
  /** Sentences of 6-14 words from `vocab`, `count` words in all. */
  const prose = (count, vocab, persian) => {
    const comma = persian ? "،" : ",";
    const parts = [];
    let left = count;
    while (left > 0) {
      const len = Math.min(left, int(6, 14));
      left -= len;
      const w = words(len, vocab);
      if (len > 8 && chance(0.4)) w[int(2, len - 4)] += comma;
      if (!persian) w[0] = capitalize(w[0]);
      parts.push(w.join(" ") + ".");
    }
    return parts.join(" ");
  };
  return { rand, int, pick, chance, words, prose };
}

export const capitalize = (w) => w.charAt(0).toUpperCase() + w.slice(1);

export const ENGLISH = Array.from(new Set(`
river valley water stone bridge meadow orchard harbour lantern window garden market
village city street road path hill mountain forest island shore beach tide current
morning evening night winter spring summer autumn season weather rain snow frost fog
storm cloud wind thunder sunlight shadow colour silver golden green blue amber quiet
loud gentle bright dark slow fast early late small large ancient modern simple careful
honest curious patient restless hidden open distant nearby local public private common
rare useful broken mended secret hopeful tired busy empty crowded narrow wide deep
shallow warm cold fresh dry wet soft hard sharp round heavy light new old young wise
report meeting council budget plan project survey record archive letter notebook
journal chapter story history memory question answer reason method result pattern
signal measure sample station sensor gauge chart table list map compass ladder
kettle teapot bicycle train ferry tram lorry wagon engine workshop library museum
harvest festival concert lecture workshop volunteer neighbour teacher farmer
engineer gardener baker painter writer reader builder keeper walker swimmer traveller
otter heron swallow kingfisher trout salmon beetle moth dragonfly meadowlark badger
fox hare willow alder oak birch hazel reed sedge moss fern clover thistle nettle
bramble apple pear plum cherry walnut barley wheat honey bread cheese butter soup
mud marsh wetland pond stream brook spring well canal lock weir sluice dam flood
drought harvest trail fence gate barn cottage chimney attic cellar porch courtyard
begins returns changes grows fades waits listens wanders gathers carries opens
closes rises falls turns counts measures remembers forgets builds repairs shares
learns teaches finds keeps follows crosses floods dries blooms sleeps wakes
café naïve façade résumé crème jalapeño über fiancée déjà piñata soirée entrée
Zoë São Málaga Zürich Kraków Île Mañana Ångström coöperate rosé
`.trim().split(/\s+/)));

export const PERSIAN = `
آب رود باران درخت کوه دریا خانه شهر روز شب نور باغ
گل سنگ ابر باد ماه ستاره
می‌خواهیم می‌رود درخت‌ها رودخانه‌ی
`.trim().split(/\s+/);

export const TAGS = Array.from(new Set(`
water rivers wetlands policy volunteers events reports wildlife drought education
fundraising partnerships restoration climate farming planning transport energy housing
health schools history archives photography music food travel gardening birds fish
insects trees weather data science maps community culture books walking
`.trim().split(/\s+/)));

export const CATEGORIES = ["News", "Reports", "Field Notes", "Guides", "Campaigns"];

export const FIRST_NAMES = ["Ada", "Bram", "Celeste", "Desmond", "Elif", "Fergus", "Greta", "Hamish",
  "Ines", "Jovan", "Keziah", "Lorcan", "Mireille", "Nnamdi", "Orla", "Piet"];
export const LAST_NAMES = ["Ashworth", "Brennan", "Castellane", "Dunmore", "Eriksen", "Fairweather",
  "Goldhawk", "Halloran", "Ibarra", "Jansen", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura"];
export const PERSIAN_NAMES = [["Shirin", "Golestani"], ["Kaveh", "Ranjbar"], ["Parisa", "Tavakoli"]];
