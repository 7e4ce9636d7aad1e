import porter2 from 'wink-porter2-stemmer';

/**
 * How the local embedder reads English: words folded and Porter2-stemmed, words that carry no
 * meaning dropped, and a thesaurus of shop and customer-service words, so "money back", "refund"
 * and "reimbursed" meet on one concept even though no letters are shared. General retail
 * vocabulary only: a group is a meaning every shop's customers use, not one document's wording.
 */

/** English function words and question words: what a question has and its answer need not. */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between both
  but by can cannot could couldn did didn do does doesn doing don down during each few for from further had hadn has hasn
  have haven having he her here hers herself him himself his how i if in into is isn it its itself just let ll me might
  more most must mustn my myself no nor not now of off on once only or other ought our ours ourselves out over own re
  same shall shan she should shouldn so some such than that the their theirs them themselves then there these they this
  those through to too under until up ve very was wasn we were weren what when where which while who whom why will with
  won would wouldn you your yours yourself yourselves s t d m o y also yes ok okay hi hello please thanks thank anyone
  anything something someone somebody everything every etc via per e g i.e eg ie really actually maybe still already
  ever else whether there's it's i'm i've i'd don't can't won't isn't still just even anyway`.split(/\s+/),
);

/** Words every shop text is full of: kept, but they say little about which document answers. */
const WEAK_WORDS = new Set(
  (
    'order orders ordered item items product products bodega want wanted need get got use used make know like help tell let ' +
    'buy bought thing things way possible able sure question happen happens work works go going come much many one two ' +
    'would could give'
  ).split(' '),
);

/** Concept groups: every word or phrase of a line (comma-separated) means the concept named first. */
const GROUPS = `
deliver: deliver, delivery, deliveries, delivered, delivering, ship, shipping, shipped, shipment, dispatch, dispatched, send, sent, post, posted, postage, courier, arrive, arrives, arrived, arrival, in transit, carrier
parcel: parcel, parcels, package, packages, packet, box, boxes, consignment
return: return, returns, returned, returning, send back, sent back, send it back, bring back, give back, take back
refund: refund, refunds, refunded, refunding, money back, reimburse, reimbursed, reimbursement, repay, repaid
exchange: exchange, exchanges, exchanged, swap, swapped, different size, another size
cost: cost, costs, price, prices, priced, fee, fees, charge, charges, charged, how much, expensive, cheap, surcharge, euro, euros, eur, spend, spent
free: free, free of charge, no charge, complimentary
time: how long, how soon, how quickly, how many days, timeframe, duration
fast: fast, faster, quick, quickly, express, next day, next-day, same day, urgent, asap, overnight
warranty: warranty, warranties, guarantee, guarantees, guaranteed, covered
broken: broken, broke, break, breaks, faulty, fault, faults, defect, defects, defective, damaged, damage, stopped working, not working, doesn't work, does not work, malfunction, malfunctioning, cracked, dented, scratched
repair: repair, repairs, repaired, fix, fixed, mend, replacement, replace, replaced
cancel: cancel, cancels, cancelled, canceled, cancelling, cancellation
dislike: change my mind, changed my mind, change of mind, don't like, do not like, didn't like, not happy with, unhappy with, unwanted, for any reason, not for me
change: change, changes, changed, amend, modify, update, edit, alter
pay: pay, paying, paid, payment, payments, card, cards, money, credit card, debit card, checkout, visa, mastercard, amex, paypal, apple pay, google pay
instalments: instalment, instalments, installment, installments, pay later, klarna, pay in three, spread the cost, monthly payments
account: account, accounts, login, log in, sign in, signed in, profile
password: password, passwords, passcode
forgot: forgot, forget, forgotten, reset, locked out
discount: discount, discounts, discount code, better price, best price, good price, money off, reduction, reduced, coupon, coupons, voucher, promo, promo code, promotion, offer, offers, deal, deals, percent off
giftcard: gift card, gift cards, gift voucher, gift vouchers, gift certificate, giftcard
contact: contact, contacting, call, phone, telephone, email, e-mail, get in touch, reach you, speak to, talk to, chat, support, customer service, customer services, helpline
store: store, stores, shop, shops, branch, branches, outlet, showroom
collect: collect, collection, pickup, pick up, click and collect, click & collect, in store
lost: lost, missing, never arrived, didn't arrive, hasn't arrived, not arrived, stolen, disappeared
abroad: international, internationally, abroad, overseas, worldwide, outside, foreign, other countries, eu countries, europe, european, germany, france, italy, belgium, netherlands, ireland, austria, poland, sweden, denmark, finland, greece, luxembourg, czechia, hungary, romania, croatia, slovakia, slovenia, bulgaria, estonia, latvia, lithuania, malta, cyprus, uk, united kingdom, britain, usa, america, switzerland, norway
battery: battery, batteries, charging, charger, recharge, battery life, runtime
water: waterproof, water-resistant, water resistant, water resistance, rain, splash, swim, swimming, shower
clean: clean, cleaning, cleaned, wash, washing, washed, dishwasher, descale, descaling, limescale, rinse
size: size, sizes, dimension, dimensions, measurements, capacity, litre, litres, liter, liters, volume, how big
weight: weight, weigh, weighs, heavy, lightweight
data: personal data, data, personal information, information, info, privacy, gdpr, erase, my details
unsubscribe: unsubscribe, stop getting, stop receiving, opt out, opt-out, newsletter, newsletters, marketing emails, mailing list, marketing
business: business, businesses, company, companies, bulk, wholesale, corporate, trade account, invoice, invoices, vat, office, offices, quote, quotes, units
recycle: recycle, recycling, recycled, packaging, environment, environmental, sustainable, sustainability, eco, carbon
pricematch: price match, price matching, price promise, cheaper, lower price, competitor, competitors
student: student, students, university, college
loyalty: loyalty, points, reward, rewards, member, membership
compatible: compatible, compatibility, works with, iphone, android, ios, pair, pairing, connect, bluetooth
noise: noise, noisy, noise cancelling, noise-cancelling, anc, quiet
coffee: coffee, espresso, beans, bean, roast, roasted, brew, barista
kettle: kettle, kettles, boil, boils, boiling
pan: pan, pans, frying pan, skillet, cookware, non-stick, nonstick
headphones: headphones, headphone, earphones, headset, earbuds
watch: smartwatch, smart watch, watch, watches, fitness tracker
backpack: backpack, backpacks, rucksack, rucksacks, daypack
knife: knife, knives, blade, blades, sharpen, sharpening, sharpener, honing
open: opening hours, opening times, open, opens, closed, closing time
unused: unused, unworn, unopened, unwashed, original packaging, tags attached, tags on
workingdays: working days, business days, weekdays
wrong: wrong item, incorrect, wrong size, not what i ordered
track: track, tracking, tracked, trace, where is my order, order status
address: address, addresses, delivery address, postcode, postal code
`;

const TIME_UNITS = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'working', 'business']);

const NUMBER_WORDS = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'few', 'couple', 'several']);

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Lower-case words in order, apostrophes kept inside words ("didn't"), hyphenated words split. */
export function lexicalWords(text: string): string[] {
  return fold(text).replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

/** Irregular forms a suffix stemmer cannot fold ("taken" → take), common in customers' questions. */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  `take:taken,took bring:brought buy:bought send:sent pay:paid break:broke,broken get:got,gotten give:gave,given
  come:came go:went,gone make:made find:found leave:left keep:kept hold:held run:ran wear:wore,worn sell:sold
  tell:told choose:chose,chosen spend:spent lose:lost see:saw,seen say:said think:thought put:put ring:rang,rung
  write:wrote,written speak:spoke,spoken steal:stole,stolen forget:forgot,forgotten fall:fell,fallen drive:drove,driven
  begin:began,begun mean:meant feel:felt hear:heard meet:met pick:picked grind:ground tear:tore,torn child:children
  person:people foot:feet tooth:teeth knife:knives shelf:shelves leaf:leaves`
    .split(/\s+/)
    .flatMap((entry) => {
      const [base, forms] = entry.split(':') as [string, string];
      return forms.split(',').map((form) => [form, base] as const);
    }),
);

const stemCache = new Map<string, string>();
export function stemWord(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    const base = IRREGULAR[word] ?? word;
    stemmed = /^\d/.test(base) ? base : porter2(base.replace(/'s$/, ''));
    if (stemCache.size < 100_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Phrase (as stems joined by spaces) → concepts; single words keyed the same way. */
const PHRASES = new Map<string, Set<string>>();
/** Concept → its one-word members, as written. */
const MEMBERS = new Map<string, string[]>();
let LONGEST = 1;
for (const line of GROUPS.trim().split('\n')) {
  const [concept, members] = line.split(':') as [string, string];
  for (const phrase of members.split(',')) {
    if (!phrase.trim().includes(' ')) MEMBERS.set(concept.trim(), [...(MEMBERS.get(concept.trim()) ?? []), phrase.trim()]);
    const key = lexicalWords(phrase).map(stemWord).join(' ');
    if (!key) continue;
    let concepts = PHRASES.get(key);
    if (!concepts) PHRASES.set(key, (concepts = new Set()));
    concepts.add(concept.trim());
    LONGEST = Math.max(LONGEST, key.split(' ').length);
  }
}

/** The one-word members of a thesaurus concept ("refund" → refund, refunds, reimburse, …), for query expansion. */
export function conceptWords(concept: string): readonly string[] {
  return MEMBERS.get(concept) ?? [];
}

export interface LexicalTerm {
  /** The Porter2 stem of a content word. */
  stem: string;
  /** 1 for a content word, less for the words every shop text is full of. */
  weight: number;
  /** The word as written (lower case), and its position among the text's words. */
  word: string;
  position: number;
}

export interface ConceptMention {
  concept: string;
  /** The words that named it: positions [from, to). */
  from: number;
  to: number;
}

export interface LexicalAnalysis {
  /** Content words, stemmed, in order (stop words dropped). */
  terms: LexicalTerm[];
  /** Thesaurus concepts the text's words and phrases name, once per occurrence. */
  concepts: string[];
  /** The same, with the words that named each. */
  mentions: ConceptMention[];
}

/**
 * The words of a text as the local embedder and the rag subgraph's evidence check read them.
 * Phrases are matched on the raw word sequence (so "send back" counts, though "send" and "back"
 * alone mean other things); only phrases of the thesaurus count, and only once per position.
 */
export function analyseText(text: string): LexicalAnalysis {
  const words = lexicalWords(text);
  const stems = words.map(stemWord);
  const terms: LexicalTerm[] = [];
  const mentions: ConceptMention[] = [];
  words.forEach((word, i) => {
    if (!STOP_WORDS.has(word) && word.length > 1) terms.push({ stem: stems[i]!, weight: WEAK_WORDS.has(word) ? 0.25 : 1, word, position: i });
  });
  // Amounts say what a question about time or cost asks for: "3-5 working days", "€4.95".
  words.forEach((word, i) => {
    if ((/^\d/.test(word) || NUMBER_WORDS.has(word)) && TIME_UNITS.has(words[i + 1] ?? '')) mentions.push({ concept: 'time', from: i, to: i + 2 });
  });
  if (/[€$£]\s?\d|\d\s?(?:eur|euros?|usd|gbp)\b/i.test(text)) mentions.push({ concept: 'cost', from: 0, to: 0 });
  for (let i = 0; i < stems.length; i++) {
    // Longest phrase first; a phrase that matched covers its words.
    for (let length = Math.min(LONGEST, stems.length - i); length >= 1; length--) {
      const found = PHRASES.get(stems.slice(i, i + length).join(' '));
      if (!found) continue;
      if (length === 1 && STOP_WORDS.has(words[i]!)) continue;
      for (const concept of found) mentions.push({ concept, from: i, to: i + length });
      i += length - 1;
      break;
    }
  }
  // Two-word phrases split by one word: "send it back", "pick my order up" is too far.
  for (let i = 0; i + 2 < stems.length; i++) {
    const found = PHRASES.get(`${stems[i]} ${stems[i + 2]}`);
    if (!found || STOP_WORDS.has(words[i]!)) continue;
    for (const concept of found) {
      if (!mentions.some((mention) => mention.concept === concept && mention.from <= i && i < mention.to)) mentions.push({ concept, from: i, to: i + 3 });
    }
  }
  return { terms, concepts: mentions.map((mention) => mention.concept), mentions };
}
