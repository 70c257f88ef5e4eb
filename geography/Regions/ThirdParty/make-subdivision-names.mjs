#!/usr/bin/env node
// Writes subdivision-names.tsv: every first-level ISO 3166-2 subdivision with the names DB-IP's
// `state1` may use for it. Sources and licences: README.md in this folder.
//
//   node make-subdivision-names.mjs [iso3166-2-db folder] [iso_3166-2.json]
//
// Defaults: <repository>/artifacts/regions-npm/node_modules/iso3166-2-db (npm iso3166-2-db 2.3.11)
// and /usr/share/iso-codes/json/iso_3166-2.json (Debian iso-codes). No other dependencies.
//
// Codes come from iso-codes alone: it follows ISO's newsletters (IR was renumbered in 2018, and
// iso3166-2-db still has Tehran as IR-07 where ISO now says IR-23). iso3166-2-db only lends names,
// and only to the code its region is shown to be; see attach().
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repository = join(here, "..", "..", "..");
const npmFolder = process.argv[2] ?? join(repository, "artifacts", "regions-npm", "node_modules", "iso3166-2-db");
const isoCodesFile = process.argv[3] ?? "/usr/share/iso-codes/json/iso_3166-2.json";
const output = join(here, "subdivision-names.tsv");

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`${path}: ${error.message}. Install the sources: npm install --prefix artifacts/regions-npm iso3166-2-db@2.3.11, apt-get install iso-codes.`);
    process.exit(1);
  }
};

const isoCodes = readJson(isoCodesFile)["3166-2"];
const db = readJson(join(npmFolder, "data", "iso3166-2.json"));
const geonamesNames = readJson(join(npmFolder, "data", "names_geonames.json"));
const osmNames = readJson(join(npmFolder, "data", "names_osm.json"));
const dbVersion = readJson(join(npmFolder, "package.json")).version;

// DB-IP spells ex-Soviet regions the way Russian names transliterate ("Grodnenskaya",
// "Aktyubinskaya Oblast’"), so Russian names are kept there and nowhere else: elsewhere they
// would only grow the file.
const russianNamed = new Set(["AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"]);
const latinLanguages = ["de", "fr", "es", "it", "pt"];

// Folding: what a letter counts as when names are compared. .NET in invariant-globalization mode
// (as Grid runs) cannot normalize Unicode, so this script writes the fold of every letter that
// matters to letter-folding.tsv and SubdivisionNameKeys.cs applies that table: one definition.
// NFKD without marks, lower case, a few letters NFKD keeps whole (ə ı ł ø ...), apostrophes gone
// (Homyel’), and Cyrillic transliterated the way DB-IP's Russian-derived names are ("Grodnenskaya").
const letters = { "ə": "e", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ŀ": "l", "ŧ": "t" };
const cyrillic = {
  "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
  "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
  "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
  "і": "i", "ї": "yi", "є": "ye", "ў": "u", "ґ": "g", "қ": "k", "ғ": "gh", "ң": "ng", "ө": "o", "ү": "u", "ұ": "u",
  "һ": "h", "ә": "a", "җ": "zh",
};
const apostrophes = new Set(["'", "’", "‘", "`", "ʼ", "ʻ", "ʹ", "´", "′"]);
const foldLetter = (c) => {
  if (apostrophes.has(c)) return "";
  const lower = c.toLowerCase();
  if (cyrillic[lower] !== undefined) return cyrillic[lower];
  const bare = lower.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return [...bare].map((b) => letters[b] ?? cyrillic[b] ?? b).join("");
};
const fold = (name) => [...name].map(foldLetter).join("").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const generic = new Set(("oblast oblasti oblys oblysy oblisi voblasc voblast voblasts region regione regiao " +
  "province provincia provinsi provincie district department distrito distretto rayon raion rajon city gorod qalasy sahari seheri shahri town " +
  "municipality state governorate ostan division county prefecture republic respublika krai kray okrug " +
  "autonomous of the de di del la le du des d gebiet woblasz departement").split(" "));
const strip = (name) => fold(name).split(" ").filter((word) => !generic.has(word)).join("");

// First-level subdivisions: iso-codes lists second-level ones too, each with a parent.
const subdivisions = new Map();
const byCountry = new Map();
for (const entry of isoCodes) {
  const country = entry.code.slice(0, 2);
  if (!byCountry.has(country)) byCountry.set(country, []);
  byCountry.get(country).push(entry);
}
for (const [country, entries] of byCountry) {
  const firstLevel = entries.filter((entry) => !entry.parent);
  for (const entry of firstLevel.length > 0 ? firstLevel : entries) {
    subdivisions.set(entry.code, { country, code: entry.code, type: entry.type, isoName: entry.name, primary: [], secondary: [] });
  }
}

// A GeoNames or OSM id that two regions of a country share (IR-10 and IR-18 both point at OSM
// relation 241478) names neither reliably.
const sharedReferences = new Set();
for (const [country, entry] of Object.entries(db)) {
  const seen = new Set();
  for (const region of entry.regions ?? []) {
    for (const [kind, id] of [["geonames", region.reference?.geonames], ["osm", region.reference?.openstreetmap]]) {
      const key = `${country} ${kind} ${id}`;
      if (id == null) continue;
      if (seen.has(key)) sharedReferences.add(key);
      seen.add(key);
    }
  }
}
const reference = (country, kind, id, table) => (id == null || sharedReferences.has(`${country} ${kind} ${id}`) ? {} : table[id] ?? {});

const namesOf = (region, country) => {
  const geonames = reference(country, "geonames", region.reference?.geonames, geonamesNames);
  const osm = reference(country, "osm", region.reference?.openstreetmap, osmNames);
  const primary = [region.names?.geonames, region.names?.en, region.name, geonames.en, osm.en];
  const secondary = latinLanguages.flatMap((language) => [region.names?.[language], geonames[language], osm[language]]);
  if (russianNamed.has(country)) secondary.push(region.names?.ru, geonames.ru, osm.ru);
  return { primary: primary.filter(Boolean), secondary: secondary.filter(Boolean) };
};

// Transliterations differ in vowels, doubled letters, h-digraphs and word order ("Eşfahān" and
// "Isfahan", "Khorāsān-e Raẕavī" and "Razavi Khorasan"): the consonants of each word, sorted.
const skeleton = (name) => fold(name).split(" ").filter((word) => !generic.has(word) && word !== "and" && word !== "va" && word !== "e")
  .map((word) => word.replace(/q/g, "k").replace(/x/g, "h").replace(/[aeiouyhwj]/g, "").replace(/(.)\1+/g, "$1"))
  .filter(Boolean).sort().join("");

// Whether a region of iso3166-2-db is the subdivision iso-codes names: one of its English-ish
// names strips to the same letters as the iso-codes name (loosely: has the same skeleton).
const sameName = (names, subdivision) => names.primary.some((name) => strip(name) === strip(subdivision.isoName));
const similarName = (names, subdivision) => sameName(names, subdivision) ||
  (skeleton(subdivision.isoName).length >= 3 && names.primary.some((name) => skeleton(name) === skeleton(subdivision.isoName)));

// iso3166-2-db's code is trusted unless iso-codes' name for that code is the name of another of
// the country's regions and none of this one's (IR-07 is "Fārs" in iso-codes and Tehran in
// iso3166-2-db, whose Fars is IR-14): a renumbering. In a renumbered country a region lends its
// names only to the one code whose iso-codes name it resembles, and only if no other region does;
// a last region and a last code left over pair up. A region whose code iso-codes lacks (a merged or
// renamed subdivision) is placed by resemblance the same way.
const attach = (country, regions) => {
  const codes = [...subdivisions.values()].filter((subdivision) => subdivision.country === country);
  const named = regions.map((region) => ({ region, names: namesOf(region, country), own: subdivisions.get(`${country}-${region.iso}`) }));
  const distinctive = (subdivision) => codes.filter((other) => strip(other.isoName) === strip(subdivision.isoName)).length === 1;
  const contradicted = named.filter(({ region, names, own }) => own && distinctive(own) && !sameName(names, own) &&
    named.some((other) => other.region.iso !== region.iso && sameName(other.names, own)));
  const renumbered = contradicted.length > 0;
  const placed = new Map();
  for (const entry of named) {
    if (entry.own && !renumbered) {
      placed.set(entry, entry.own);
      continue;
    }
    const candidates = codes.filter((subdivision) => similarName(entry.names, subdivision));
    const rivals = candidates.length === 1 ? named.filter((other) => other.region.iso !== entry.region.iso && similarName(other.names, candidates[0])) : [];
    if (candidates.length === 1 && rivals.length === 0) placed.set(entry, candidates[0]);
  }
  if (renumbered) {
    const taken = new Set(placed.values());
    const leftRegions = new Set(named.filter((entry) => !placed.has(entry)).map((entry) => entry.region.iso));
    const leftCodes = codes.filter((subdivision) => !taken.has(subdivision));
    if (leftRegions.size === 1 && leftCodes.length === 1) {
      for (const entry of named.filter((entry) => !placed.has(entry))) placed.set(entry, leftCodes[0]);
    }
  }
  const dropped = [];
  for (const entry of named) {
    const target = placed.get(entry);
    if (!target) {
      dropped.push(`${country}-${entry.region.iso} ${entry.region.name}`);
      continue;
    }
    target.geonames ??= entry.region.names?.geonames;
    target.english ??= entry.region.names?.en ?? entry.region.name;
    target.primary.push(...entry.names.primary);
    target.secondary.push(...entry.names.secondary);
  }
  return { renumbered, dropped };
};

const report = { renumbered: [], dropped: [] };
for (const [country, entry] of Object.entries(db)) {
  const regions = (entry.regions ?? []).filter((region) => region.iso);
  const { renumbered, dropped } = attach(country, regions);
  if (renumbered) report.renumbered.push(country);
  report.dropped.push(...dropped);
}

// Priority order: GeoNames (DB-IP's own source), English, iso-codes, OpenStreetMap, other Latin
// names, then Russian. A secondary name that folds to another subdivision's primary name in the same
// country is dropped: iso3166-2-db has a few misfiled ones (Balakən under AZ-BEY).
const lines = [];
const sorted = [...subdivisions.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const primaryOwner = new Map();
for (const subdivision of sorted) {
  for (const name of [subdivision.primary[0], subdivision.primary[1], subdivision.isoName, ...subdivision.primary.slice(2)].filter(Boolean)) {
    const key = `${subdivision.country} ${fold(name)}`;
    primaryOwner.set(key, primaryOwner.has(key) && primaryOwner.get(key) !== subdivision.code ? null : subdivision.code);
  }
}
// Where a city and the district around it share a name (AZ-SA Şəki city, AZ-SAK Şəki rayon), a
// name that calls itself a city for the one iso-codes types as a district, or the reverse, is
// misfiled too: iso3166-2-db has "Shaki City" under AZ-SAK and "Shaki Rayon" under AZ-SA.
// SubdivisionNames.cs relies on those words to tell such twins apart.
const cityWords = new Set(["city", "gorod", "qalasy", "sahari", "seheri", "shahri", "town"]);
const areaWords = new Set(["rayon", "raion", "rajon", "district", "region", "oblast", "oblysy", "province"]);
const cityTyped = (type) => /city|municipality|town|capital/i.test(type);
const stemOwners = new Map();
for (const subdivision of sorted) {
  for (const name of [subdivision.isoName, ...subdivision.primary]) {
    const key = `${subdivision.country} ${strip(name)}`;
    if (!stemOwners.has(key)) stemOwners.set(key, new Set());
    stemOwners.get(key).add(subdivision.code);
  }
}
const twinned = (subdivision) => [subdivision.isoName, ...subdivision.primary].some((name) => {
  const owners = [...stemOwners.get(`${subdivision.country} ${strip(name)}`)].map((code) => subdivisions.get(code));
  return owners.some((owner) => cityTyped(owner.type)) && owners.some((owner) => !cityTyped(owner.type));
});
const contradictsType = (name, subdivision) => {
  if (!twinned(subdivision)) return false;
  const type = subdivision.type;
  const words = fold(name).split(" ");
  return cityTyped(type) ? words.some((word) => areaWords.has(word)) : words.some((word) => cityWords.has(word));
};
let misfiled = 0;
const clean = (name) => (name ?? "").replace(/[\t|\r\n]+/g, " ").trim();
for (const subdivision of sorted) {
  const kept = (name) => {
    if (!name || name === subdivision.isoName || !contradictsType(name, subdivision)) return true;
    misfiled++;
    return false;
  };
  // Positions 0 and 1 are fixed: GeoNames' name (empty if none) and the English one (iso-codes'
  // name if none). The rest are distinct after folding.
  const geonames = kept(subdivision.geonames) ? clean(subdivision.geonames) : "";
  const english = kept(subdivision.english) && subdivision.english ? clean(subdivision.english) : clean(subdivision.isoName);
  const seen = new Set([fold(geonames), fold(english)]);
  const names = [geonames, english];
  const rest = [subdivision.isoName, ...subdivision.primary].filter(kept);
  for (const name of subdivision.secondary) {
    const owner = primaryOwner.get(`${subdivision.country} ${fold(name)}`);
    if (owner && owner !== subdivision.code) misfiled++;
    else if (kept(name)) rest.push(name);
  }
  for (const name of rest.map(clean)) {
    const key = fold(name);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  lines.push([subdivision.country, subdivision.code, names.join("|"), subdivision.type].join("\t"));
}

// Every letter of Latin-1, Latin Extended A/B and Additional, IPA and modifier letters, combining
// marks, Cyrillic and the quotation marks whose fold is not itself.
const foldingLines = [];
for (const [from, to] of [[0xA0, 0x24F], [0x250, 0x36F], [0x400, 0x52F], [0x1E00, 0x1EFF], [0x2010, 0x2032]]) {
  for (let point = from; point <= to; point++) {
    const c = String.fromCodePoint(point);
    const folded = /[\p{L}\p{M}\p{N}]/u.test(c) || apostrophes.has(c) ? foldLetter(c) : " ";
    if (folded !== c) foldingLines.push(`${point.toString(16).toUpperCase().padStart(4, "0")}\t${folded}`);
  }
}
writeFileSync(join(here, "letter-folding.tsv"), [
  "# code point (hex)<TAB>what the letter counts as when names are compared (empty: nothing). Generated by",
  `# make-subdivision-names.mjs from Node ${process.versions.node}'s Unicode ${process.versions.unicode} data (NFKD without marks) and its transliteration of Cyrillic.`,
  ...foldingLines, ""].join("\n"));

const header = [
  `# ISO 3166-2 first-level subdivisions and their names. Generated by make-subdivision-names.mjs from`,
  `# iso-codes (${isoCodes.length} entries; codes, types) and iso3166-2-db ${dbVersion} (names). See README.md.`,
  `# country<TAB>code<TAB>GeoNames name (may be empty)|English name|other names...<TAB>iso-codes type`,
];
writeFileSync(output, [...header, ...lines, ""].join("\n"));
console.error(`${lines.length} subdivisions written to ${output}`);
console.error(`renumbered since iso3166-2-db (names joined by name only): ${report.renumbered.join(" ")}`);
console.error(`misfiled names dropped: ${misfiled}`);
console.error(`iso3166-2-db regions with no current code (${report.dropped.length}): ${report.dropped.join("; ")}`);
