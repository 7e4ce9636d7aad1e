import { isContentWord, stem, words } from './text';

/**
 * Shop words the Google Product Taxonomy names differently: a product called "sneakers" belongs
 * under "Shoes", "trousers" under "Pants". Each entry adds the taxonomy's words to the product's;
 * it never names a category id. Keys are one word or two ("hard hat"); values are the words the
 * taxonomy uses. General retail vocabulary only: anything one product needed is not a synonym.
 */
const SHOP_WORDS: Record<string, string> = {
  // Clothing and shoes
  trousers: 'pants', trouser: 'pants', chinos: 'pants', chino: 'pants', jeans: 'pants', leggings: 'pants',
  joggers: 'pants', sweater: 'shirts tops', jumper: 'shirts tops', cardigan: 'shirts tops', hoodie: 'shirts tops',
  sweatshirt: 'shirts tops', blouse: 'shirts tops', tshirt: 'shirts tops', tee: 'shirts tops', polo: 'shirts tops',
  sneakers: 'shoes', trainers: 'shoes', boots: 'shoes', sandals: 'shoes', loafers: 'shoes', heels: 'shoes',
  slippers: 'shoes', flip: 'shoes', raincoat: 'coats jackets', parka: 'coats jackets', anorak: 'coats jackets',
  jacket: 'coats jackets', coat: 'coats jackets', gilet: 'vests', bra: 'bras underwear', knickers: 'underwear',
  boxers: 'underwear', briefs: 'underwear', pyjamas: 'sleepwear', nightgown: 'sleepwear', bikini: 'swimwear',
  swimsuit: 'swimwear', trunks: 'swimwear', cap: 'hats', beanie: 'hats', wallet: 'wallets money clips',
  purse: 'handbags wallets', necklace: 'necklaces', ring: 'rings', bracelet: 'bracelets', watch: 'watches',
  earring: 'earrings', jewellery: 'jewelry',
  // Electronics
  tv: 'televisions', telly: 'televisions', television: 'televisions', smartphone: 'mobile phones',
  cellphone: 'mobile phones', 'mobile phone': 'mobile phones', notebook: 'laptops', ultrabook: 'laptops',
  pc: 'computers', desktop: 'desktop computers', tablet: 'tablet computers', earbuds: 'headphones',
  earphones: 'headphones', headset: 'headphones headsets', charger: 'power adapters chargers',
  'power adapter': 'power adapters chargers', 'power bank': 'portable power banks', wifi: 'wireless',
  router: 'routers', modem: 'modems', soundbar: 'speakers', 'bluetooth speaker': 'speakers', 'hard drive': 'hard drives',
  ssd: 'solid state drives', usb: 'usb', keyboard: 'keyboards', mouse: 'mice trackballs', monitor: 'monitors',
  printer: 'printers copiers', scanner: 'scanners', console: 'video game consoles', gamepad: 'game controllers',
  controller: 'game controllers', smartwatch: 'smart watches', webcam: 'webcams', projector: 'projectors',
  // Cameras and optics
  dslr: 'digital cameras', mirrorless: 'digital cameras', camcorder: 'video cameras', lens: 'lenses', telescope: 'telescopes', microscope: 'microscopes', film: 'film',
  // Home, kitchen, garden
  mug: 'mugs', cup: 'cups', tumbler: 'drinkware', glassware: 'drinkware', pan: 'pans', skillet: 'skillets frying pans',
  'frying pan': 'skillets frying pans', saucepan: 'pots', wok: 'woks', kettle: 'kettles', toaster: 'toasters',
  blender: 'blenders', mixer: 'mixers', fridge: 'refrigerators', freezer: 'freezers', microwave: 'microwave ovens',
  dishwasher: 'dishwashers', 'washing machine': 'washing machines', hoover: 'vacuums', vacuum: 'vacuums', 'vacuum cleaner': 'vacuums',
  duvet: 'duvets', quilt: 'quilts comforters', 'bed linen': 'bedding', sheets: 'bed sheets', pillowcase: 'pillowcases',
  towel: 'towels', candle: 'candles', 'smoke alarm': 'smoke detectors', alarm: 'alarms', lamp: 'lamps',
  bulb: 'light bulbs', lightbulb: 'light bulbs', curtain: 'curtains drapes', blind: 'blinds', rug: 'rugs',
  cushion: 'throw pillows', planter: 'pots planters', 'plant pot': 'pots planters', 'flower pot': 'pots planters',
  hose: 'hoses', mower: 'lawn mowers', detergent: 'detergent', cutlery: 'flatware', crockery: 'dinnerware',
  // Furniture
  couch: 'sofas', settee: 'sofas', 'sofa bed': 'sofas', armchair: 'chairs', stool: 'stools', bookshelf: 'bookcases shelves',
  bookcase: 'bookcases', 'bed frame': 'beds bed frames', wardrobe: 'wardrobes', drawers: 'dressers',
  'chest of drawers': 'dressers', dresser: 'dressers', 'tv stand': 'tv stands', 'coffee table': 'coffee tables',
  desk: 'desks', lounger: 'sunloungers', deckchair: 'outdoor chairs', hammock: 'hammocks',
  // Hardware and tools
  spanner: 'wrenches', screwdriver: 'screwdrivers', drill: 'drills', saw: 'saws',
  padlock: 'locks', tap: 'faucets', 'extension lead': 'extension cords',
  'extension cord': 'extension cords', 'tape measure': 'tape measures', emulsion: 'paint', varnish: 'paint',
  // Health and beauty
  moisturiser: 'moisturizer lotion', moisturizer: 'moisturizer lotion', 'face cream': 'moisturizer lotion', perfume: 'perfume cologne', fragrance: 'perfume cologne',
  aftershave: 'perfume cologne', cologne: 'perfume cologne', 'eau de': 'perfume cologne', lipstick: 'lipstick',
  mascara: 'mascara', razor: 'razors', 'hair dryer': 'hair dryers', 'hairdryer': 'hair dryers',
  straightener: 'hair straighteners', supplement: 'vitamins supplements', vitamin: 'vitamins supplements',
  capsules: 'vitamins supplements', plasters: 'bandages', thermometer: 'thermometers',
  // Bags and luggage
  luggage: 'suitcases', 'carry on': 'suitcases', trolley: 'suitcases', rucksack: 'backpacks', daypack: 'backpacks',
  holdall: 'duffel bags', duffle: 'duffel', 'wash bag': 'toiletry bags', washbag: 'toiletry bags', tote: 'totes',
  // Media
  novel: 'books', paperback: 'print books', hardcover: 'print books', hardback: 'print books', cookbook: 'books',
  vinyl: 'records lps', lp: 'records lps', cd: 'cds', dvd: 'dvds', 'blu ray': 'dvds', bluray: 'dvds',
  audiobook: 'audiobooks', magazine: 'magazines', newspaper: 'newspapers', 'sheet music': 'sheet music',
  // Office
  biro: 'pens', ballpoint: 'pens', 'post it': 'sticky notes', whiteboard: 'dry erase boards',
  'dry erase': 'dry erase boards', folder: 'folders', 'ring binder': 'binders', 'copy paper': 'printer copier paper',
  envelope: 'envelopes', 'packing tape': 'packing tape', 'parcel tape': 'packing tape',
  // Sports and toys
  football: 'soccer', racket: 'racquets', bike: 'bicycles', bicycle: 'bicycles', mtb: 'bicycles',
  dumbbell: 'free weights', kettlebell: 'free weights', barbell: 'free weights', weights: 'free weights',
  'yoga mat': 'yoga pilates mats', tent: 'tents', 'sleeping bag': 'sleeping bags', darts: 'darts',
  lego: 'building toys', bricks: 'building toys', 'soft toy': 'stuffed animals', plush: 'stuffed animals',
  teddy: 'stuffed animals', 'rc car': 'remote control cars', 'remote control': 'remote control',
  'board game': 'board games', 'card game': 'card games', 'playing cards': 'card games', puzzle: 'puzzles',
  // Baby
  pushchair: 'strollers', pram: 'strollers', buggy: 'strollers', stroller: 'strollers', 'car seat': 'car seats',
  swaddle: 'swaddling blankets', 'baby monitor': 'baby monitors', dummy: 'pacifiers', pacifier: 'pacifiers',
  // Animals
  leash: 'leashes', lead: 'leashes', kennel: 'kennels', 'cat litter': 'cat litter', budgie: 'bird', parakeet: 'bird',
  parrot: 'bird', hamster: 'small animal', rabbit: 'small animal', guinea: 'small animal', aquarium: 'aquarium fish',
  'fish tank': 'aquarium', puppy: 'dog', kitten: 'cat',
  // Food and drink
  espresso: 'espresso coffee', 'coffee beans': 'coffee', chai: 'tea', infusion: 'tea infusions',
  spaghetti: 'pasta', noodles: 'pasta noodles', penne: 'pasta', fusilli: 'pasta', 'olive oil': 'cooking oils',
  chocolate: 'chocolate candy', sweets: 'candy', 'sparkling water': 'carbonated water',
  'mineral water': 'water', merlot: 'wine', prosecco: 'wine', champagne: 'wine', beer: 'beer',
  lager: 'beer', whisky: 'liquor spirits', whiskey: 'liquor spirits', vodka: 'liquor spirits', gin: 'liquor spirits',
  cigar: 'cigars', cigarette: 'cigarettes', vape: 'electronic cigarettes',
  // Vehicles
  car: 'motor vehicle', automotive: 'motor vehicle', motorbike: 'motorcycle', 'motor bike': 'motorcycle',
  wiper: 'window', wipers: 'window', windshield: 'window', headlight: 'lighting', headlamp: 'lighting',
  'engine oil': 'motor oil', 'roof bars': 'carrying racks', 'roof rack': 'carrying racks', 'roof box': 'carrying racks',
  'car battery': 'motor vehicle power electrical',
  // Business and industrial
  'hard hat': 'hardhats', 'safety helmet': 'hardhats', 'hi vis': 'high visibility', 'safety glasses': 'protective eyewear',
  goggles: 'eyewear', 'take away': 'take out containers', takeaway: 'take out containers', takeout: 'take out',
  pallet: 'pallets', 
  // Religious and ceremonial
  rosary: 'prayer beads', urn: 'urns', funeral: 'memorial',
  // Software
  antivirus: 'antivirus security software', 'video game': 'video game software', 'office suite': 'productivity software',
  font: 'fonts', typeface: 'fonts', 'operating system': 'operating systems', app: 'software',
  // Weapons
  'pepper spray': 'mace pepper spray', taser: 'stun guns tasers', 'stun gun': 'stun guns tasers', sword: 'swords',
};

export type SynonymMap = ReadonlyMap<string, readonly string[]>;

/** Stemmed keys (one token, or two separated by a space) to the stemmed tokens they add. */
export function buildSynonyms(entries: Record<string, string> = SHOP_WORDS): SynonymMap {
  const map = new Map<string, string[]>();
  for (const [key, value] of Object.entries(entries)) {
    const stemmedKey = words(key).filter(isContentWord).map(stem).join(' ');
    map.set(stemmedKey, words(value).map(stem));
  }
  return map;
}
