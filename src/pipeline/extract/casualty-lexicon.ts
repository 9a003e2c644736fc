/** Words that make a count a casualty figure, and words that make it never one. */
import type { CasualtyKind } from '../../record/record.js';

/** One regex test per sentence: only sentences with a casualty word reach the figure patterns. */
export const TRIGGER_RE =
  /kill|dead|died|\bdie|death|fatal|perish|drown|slain|murder|execut|lives\b|\blife\b|injur|wound|hurt|fractur|concussion|inhalation|exhaustion|broken (?:arm|leg|rib|hip|jaw|nose|neck|back|wrist|ankle|bone)|hospitali|casualt|missing|unaccounted|abduct|kidnap|hostage|captur|captive|detain|detention|apprehen|burns\b|burned|destroyed|arrest|custody|evacuat|displac|homeless|bodies|toll|massacr|gunned down|blew (?:him|her|them)sel|погиб|ранен|ранени|пострада|жертв|загин|загибл|поранен|постражд|убит|вбит|безвест|безвіст|пропал|зникл|эвакуир|евакуй|похищ|викрад|задержа|затрима|плен|полон|уничтож|ликвид|знищ|ліквід|жизни|життя/i;

export interface Phrase {
  words: string[];
  kind: CasualtyKind;
}

function index(list: Array<[string, CasualtyKind]>): Map<string, Phrase[]> {
  const map = new Map<string, Phrase[]>();
  for (const [text, kind] of list) {
    const words = text.split(' ');
    const l = map.get(words[0]) ?? [];
    l.push({ words, kind });
    l.sort((a, b) => b.words.length - a.words.length);
    map.set(words[0], l);
  }
  return map;
}

/** After the subject: "25 residents … were killed", "seven others were injured". */
export const PREDICATES = index([
  ['killed', 'killed'], ['died', 'killed'], ['dead', 'killed'], ['perished', 'killed'], ['drowned', 'killed'],
  ['slain', 'killed'], ['murdered', 'killed'], ['executed', 'killed'], ['die', 'killed'], ['dies', 'killed'],
  ['blew themselves up', 'killed'], ['blew himself up', 'killed'], ['blew herself up', 'killed'],
  ['killed themselves', 'killed'], ['killed himself', 'killed'], ['killed herself', 'killed'],
  ['lost their lives', 'killed'], ['lost his life', 'killed'], ['lost her life', 'killed'], ['shot dead', 'killed'],
  ['gunned down', 'killed'],
  ['burned to death', 'killed'], ['burnt to death', 'killed'], ['stabbed to death', 'killed'], ['beaten to death', 'killed'],
  ['fatally injured', 'killed'], ['fatally wounded', 'killed'], ['found dead', 'killed'], ['confirmed dead', 'killed'],
  ['pronounced dead', 'killed'], ['declared dead', 'killed'], ['reported dead', 'killed'], ['succumbed', 'killed'],
  ['among the dead', 'killed'], ['among those killed', 'killed'], ['among the killed', 'killed'], ['among the victims', 'killed'],
  ['among the injured', 'injured'], ['among the wounded', 'injured'], ['among those injured', 'injured'],
  ['among those wounded', 'injured'],
  ['injured', 'injured'], ['wounded', 'injured'], ['hurt', 'injured'], ['hospitalized', 'injured'],
  ['hospitalised', 'injured'], ['sustained injuries', 'injured'], ['suffered injuries', 'injured'],
  ['received injuries', 'injured'], ['suffered wounds', 'injured'], ['suffered burns', 'injured'],
  ['sustained wounds', 'injured'], ['treated for injuries', 'injured'],
  ['missing', 'missing'], ['unaccounted for', 'missing'], ['reported missing', 'missing'], ['went missing', 'missing'],
  ['captured', 'captured'], ['abducted', 'captured'], ['kidnapped', 'captured'], ['taken hostage', 'captured'],
  ['taken captive', 'captured'], ['taken prisoner', 'captured'], ['held hostage', 'captured'], ['held captive', 'captured'],
  ['detained', 'detained'], ['arrested', 'detained'], ['taken into custody', 'detained'], ['apprehended', 'detained'],
  ['in custody', 'detained'],
  ['displaced', 'displaced'], ['forced to flee', 'displaced'], ['left homeless', 'displaced'],
  ['evacuated', 'evacuated'],
  ['погибли', 'killed'], ['погиб', 'killed'], ['погибла', 'killed'], ['погибло', 'killed'], ['погибших', 'killed'],
  ['убиты', 'killed'], ['убит', 'killed'], ['убито', 'killed'], ['загинули', 'killed'], ['загинув', 'killed'],
  ['загинула', 'killed'], ['загинуло', 'killed'], ['вбито', 'killed'], ['вбиті', 'killed'], ['загиблих', 'killed'],
  ['ранены', 'injured'], ['ранен', 'injured'], ['ранено', 'injured'], ['ранена', 'injured'], ['пострадали', 'injured'],
  ['пострадал', 'injured'], ['пострадала', 'injured'], ['пострадало', 'injured'], ['получили ранения', 'injured'],
  ['получил ранения', 'injured'], ['получила ранения', 'injured'], ['травмированы', 'injured'], ['поранені', 'injured'],
  ['поранено', 'injured'], ['поранений', 'injured'], ['поранена', 'injured'], ['отримали поранення', 'injured'],
  ['отримав поранення', 'injured'], ['отримала поранення', 'injured'], ['постраждали', 'injured'],
  ['постраждав', 'injured'], ['постраждала', 'injured'], ['постраждало', 'injured'], ['травмовані', 'injured'],
  ['раненых', 'injured'], ['пострадавших', 'injured'], ['поранених', 'injured'], ['постраждалих', 'injured'],
  ['пропали без вести', 'missing'], ['пропал без вести', 'missing'], ['зникли безвісти', 'missing'],
  ['зник безвісти', 'missing'], ['похищены', 'captured'], ['взяты в плен', 'captured'], ['викрадені', 'captured'],
  ['задержаны', 'detained'], ['задержан', 'detained'], ['затримані', 'detained'], ['затримано', 'detained'],
  ['эвакуированы', 'evacuated'], ['эвакуировано', 'evacuated'], ['евакуйовано', 'evacuated'], ['евакуйовані', 'evacuated'],
]);

/** Before the object: "killing 25 people", "wounded seven", "claimed the lives of 4". */
export const ACTIVE = index([
  ['killing', 'killed'], ['killed', 'killed'], ['kill', 'killed'], ['kills', 'killed'],
  ['claimed the lives of', 'killed'], ['claiming the lives of', 'killed'], ['took the lives of', 'killed'],
  ['taking the lives of', 'killed'], ['lives of', 'killed'], ['deaths of', 'killed'], ['bodies of', 'killed'],
  ['death of', 'killed'], ['killing of', 'killed'], ['executed', 'killed'], ['executing', 'killed'], ['murdered', 'killed'], ['murdering', 'killed'],
  ['massacred', 'killed'], ['massacring', 'killed'], ['shot dead', 'killed'], ['shooting dead', 'killed'],
  ['gunned down', 'killed'], ['destroyed', 'killed'],
  ['забрал жизни', 'killed'], ['забрала жизни', 'killed'], ['забрали жизни', 'killed'], ['унес жизни', 'killed'],
  ['унесла жизни', 'killed'], ['унесли жизни', 'killed'], ['забрав життя', 'killed'], ['забрала життя', 'killed'],
  ['забрали життя', 'killed'], ['об уничтожении', 'killed'], ['уничтожили', 'killed'], ['уничтожено', 'killed'], ['ликвидировали', 'killed'],
  ['ликвидировано', 'killed'], ['знищили', 'killed'], ['знищено', 'killed'], ['ліквідовано', 'killed'],
  ['wounding', 'injured'], ['wounded', 'injured'], ['injuring', 'injured'], ['injured', 'injured'], ['injures', 'injured'],
  ['hurting', 'injured'], ['wounds', 'injured'],
  ['abducting', 'captured'], ['abducted', 'captured'], ['kidnapping', 'captured'], ['kidnapped', 'captured'],
  ['capturing', 'captured'], ['captured', 'captured'], ['seized', 'captured'],
  ['detaining', 'detained'], ['detained', 'detained'], ['arresting', 'detained'], ['arrested', 'detained'],
  ['apprehending', 'detained'], ['apprehended', 'detained'], ['arrest of', 'detained'], ['detention of', 'detained'],
  ['detainment of', 'detained'], ['capture of', 'captured'],
  ['evacuating', 'evacuated'], ['evacuated', 'evacuated'], ['displacing', 'displaced'], ['displaced', 'displaced'],
]);

/** Active verbs that mean a death only with a person object: "уничтожили 30 военных", not "уничтожили 3 танка". */
export const PERSON_OBJECT_ONLY = new Set(['seized', 'destroyed', 'об', 'уничтожили', 'уничтожено', 'ликвидировали', 'ликвидировано', 'знищили', 'знищено', 'ліквідовано']);

/** Nouns that are themselves the casualty: "25 deaths", "3 dead", "7 wounded". */
export const NOUNS = new Map<string, CasualtyKind>([
  ['deaths', 'killed'], ['death', 'killed'], ['dead', 'killed'], ['fatalities', 'killed'], ['fatality', 'killed'],
  ['killed', 'killed'], ['bodies', 'killed'], ['body', 'killed'], ['lives', 'killed'],
  ['injured', 'injured'], ['wounded', 'injured'], ['injuries', 'injured'], ['hurt', 'injured'],
  ['missing', 'missing'], ['hostages', 'captured'], ['hostage', 'captured'], ['captives', 'captured'],
  ['abductees', 'captured'], ['detainees', 'detained'], ['arrests', 'detained'], ['evacuees', 'evacuated'],
  ['displaced', 'displaced'], ['casualties', 'injured'], ['casualty', 'injured'],
  ['погибших', 'killed'], ['убитых', 'killed'], ['погибшие', 'killed'], ['загиблих', 'killed'], ['вбитих', 'killed'],
  ['жертв', 'killed'], ['раненых', 'injured'], ['пострадавших', 'injured'], ['поранених', 'injured'],
  ['постраждалих', 'injured'], ['раненые', 'injured'],
]);

/** "death toll rose to 25", "число погибших выросло до 25". */
export const TOLLS = index([
  ['death toll', 'killed'], ['toll', 'killed'], ['number of dead', 'killed'], ['number of deaths', 'killed'],
  ['number of fatalities', 'killed'], ['number of victims', 'killed'], ['number of injured', 'injured'],
  ['number of wounded', 'injured'], ['among the dead', 'killed'], ['among the injured', 'injured'],
  ['among the wounded', 'injured'], ['число погибших', 'killed'], ['число жертв', 'killed'],
  ['количество погибших', 'killed'], ['кількість загиблих', 'killed'], ['число пострадавших', 'injured'],
  ['число раненых', 'injured'], ['кількість поранених', 'injured'], ['кількість постраждалих', 'injured'],
]);
export const TOLL_FILLER = new Set([
  'rose', 'has', 'had', 'have', 'risen', 'climbed', 'increased', 'reached', 'stood', 'stands', 'now', 'is', 'was',
  'at', 'to', 'of', 'jumped', 'hit', 'grew', 'the', ',', 'officially', 'since', 'then', 'later', 'further', 'climbs',
  'rises', 'reaches', 'risen', 'went', 'up', 'has', 'been', 'raised', 'revised', 'выросло', 'возросло', 'достигло',
  'составило', 'составляет', 'до', 'зросла', 'зросло', 'сягнула', 'становить', 'стало', 'were', 'are',
]);

/** Verbs that report what someone said: "…, police said", "officials told reporters". */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'announced', 'reported', 'stated', 'added', 'wrote', 'posted', 'confirmed', 'claimed',
  'заявил', 'сообщил', 'заявив', 'повідомив', 'написал', 'написав',
]);

/** Between subject and predicate: "were", "have been", "reportedly", "later". */
export const AUX = new Set([
  'was', 'were', 'is', 'are', 'be', 'been', 'being', 'have', 'has', 'had', 'got', 'get', 'gets', 'reportedly',
  'also', 'later', 'all', 'both', 'each', 'allegedly', 'subsequently', 'eventually', 'still', 'initially',
  'officially', 'now', 'then', 'remain', 'remained', 'remains', 'left', 'leaving', 'confirmed', 'reported',
  'believed', 'feared', 'presumed', 'thought', 'said', 'to', 'who', 'that', 'became', 'become', 'lay', 'may',
  'might', 'could', 'would', 'will', 'likely', 'probably',
  'будут', 'были', 'был', 'была', 'было', 'уже', 'ещё', 'еще', 'также', 'були', 'був', 'була', 'було', 'також', 'ще', 'вже',
]);
/** Plural person nouns that name no one in particular: whoever was counted ("killing all individuals"). */
export const GENERIC_PERSON_PLURALS = new Set(['individuals', 'people', 'persons', 'men', 'males', 'suspects']);
/** Nouns of a place: "the region" refers back to one, "Helmand province," names one. */
export const PLACE_NOUNS = new Set(['region', 'city', 'town', 'village', 'area', 'oblast', 'province', 'settlement', 'district']);
export const NEGATORS = new Set(['not', "n't", 'never', 'не', 'ні']);

/** Quantity words that state zero. */
export const NOBODY = new Set(['nobody', 'none', 'никто', 'ніхто', 'no-one']);

export const PERSON_PLURALS = new Set([
  'people', 'persons', 'civilians', 'residents', 'children', 'kids', 'soldiers', 'servicemen', 'servicemembers',
  'troops', 'militants', 'fighters', 'police', 'policemen', 'officers', 'passengers', 'crew', 'crewmen', 'members',
  'workers', 'employees', 'staff', 'journalists', 'medics', 'doctors', 'nurses', 'paramedics', 'rescuers',
  'firefighters', 'firemen', 'students', 'pupils', 'teachers', 'women', 'men', 'boys', 'girls', 'babies', 'infants',
  'teenagers', 'adults', 'minors', 'males', 'females', 'pensioners', 'farmers', 'fishermen', 'pilots', 'co-pilots', 'copilots',
  'drivers', 'occupants', 'victims', 'hostages', 'prisoners', 'inmates', 'detainees', 'protesters',
  'demonstrators', 'worshippers', 'pilgrims', 'tourists', 'migrants', 'refugees', 'guards', 'officials',
  'personnel', 'marines', 'sailors', 'airmen', 'paratroopers', 'volunteers', 'others', 'individuals',
  'citizens', 'nationals', 'villagers', 'locals', 'family', 'families', 'relatives',
  'gunmen', 'attackers', 'insurgents', 'rebels', 'terrorists', 'jihadists', 'combatants', 'recruits',
  'cadets', 'servicepeople', 'contractors', 'engineers', 'mechanics', 'pedestrians', 'bystanders', 'shoppers',
  'hijackers', 'suspects', 'instructors', 'trainees', 'photographers', 'reporters', 'peacekeepers', 'guardsmen',
  'commanders', 'miners', 'humans', 'lives', 'whom', 'them', 'those', 'patients', 'elderly', 'spectators',
  'chiefs', 'leaders', 'elders', 'traders', 'herders', 'shooters', 'assailants', 'bombers', 'guests', 'gunners', 'sentries', 'couriers', 'snipers', 'scouts', 'divers', 'sappers', 'deminers', 'crewmembers', 'mercenaries',
  'человек', 'человека', 'людей', 'люди', 'жителей', 'жителя', 'мирных', 'детей', 'дети', 'ребенка', 'военных',
  'военнослужащих', 'мужчин', 'женщин', 'осіб', 'особи', 'цивільних', 'мешканців', 'жителів', 'дітей',
  'військових', 'чоловіків', 'жінок', 'людини', 'особа', 'мирных жителей',
]);
export const PERSON_SINGULARS = new Set([
  'person', 'man', 'woman', 'child', 'boy', 'girl', 'baby', 'infant', 'toddler', 'teenager', 'teen', 'soldier',
  'serviceman', 'servicewoman', 'civilian', 'resident', 'policeman', 'policewoman', 'officer', 'pilot', 'co-pilot',
  'copilot', 'driver', 'passenger', 'worker', 'journalist', 'guard', 'firefighter', 'student', 'farmer',
  'fisherman', 'fireman', 'occupant', 'militant', 'fighter', 'member', 'medic', 'doctor', 'nurse', 'volunteer', 'pensioner',
  'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'commander', 'captain',
  'crewman', 'navigator', 'engineer', 'mechanic', 'pedestrian', 'bystander', 'hijacker', 'gunman', 'attacker',
  'bomber', 'suspect', 'victim', 'individual', 'citizen', 'national', 'instructor', 'trainee', 'photographer',
  'cameraman', 'reporter', 'paramedic', 'rescuer', 'teacher', 'local', 'villager', 'motorist', 'cyclist',
  'flight attendant', 'stewardess', 'steward', 'operator', 'sailor', 'marine', 'paratrooper', 'contractor',
  'friend', 'relative', 'grandmother', 'grandfather', 'patient', 'employee', 'official', 'crew', 'family',
  'gunner', 'sentry', 'courier', 'chief', 'leader', 'elder', 'imam', 'priest', 'trader', 'herder', 'shooter',
  'assailant', 'protester', 'demonstrator', 'worshipper', 'pilgrim', 'tourist', 'migrant', 'refugee', 'prisoner',
  'inmate', 'miner', 'rebel', 'insurgent', 'terrorist', 'jihadist', 'combatant', 'recruit', 'cadet', 'shopper',
  'spectator', 'peacekeeper', 'guardsman', 'sniper', 'scout', 'diver', 'sapper', 'deminer', 'crewmember', 'mercenary',
  'мужчина', 'женщина', 'ребенок', 'ребёнок', 'человек', 'подросток', 'военнослужащий', 'житель', 'жительница',
  'чоловік', 'жінка', 'дитина', 'військовий', 'мешканець', 'мешканка', 'підліток', 'людина',
]);
/** Heads that make a count never a casualty: munitions, vehicles, buildings, units, money, events. */
export const NON_PERSON = new Set([
  'missiles', 'missile', 'rockets', 'rocket', 'drones', 'drone', 'shells', 'shell', 'bombs', 'bomb', 'projectiles',
  'munitions', 'mines', 'grenades', 'tanks', 'tank', 'vehicles', 'vehicle', 'cars', 'car', 'trucks', 'buses',
  'buildings', 'building', 'houses', 'house', 'homes', 'apartments', 'flats', 'schools', 'hospitals', 'structures',
  'facilities', 'objects', 'targets', 'settlements', 'villages', 'towns', 'cities', 'regions', 'years', 'year',
  'months', 'month', 'weeks', 'week', 'days', 'day', 'hours', 'hour', 'minutes', 'minute', 'seconds', 'times',
  'km', 'kilometers', 'kilometres', 'miles', 'mile', 'meters', 'metres', 'feet', 'ft', 'yards', 'percent', '%',
  'dollars', 'euros', 'rubles', 'roubles', 'hryvnias', 'hryvnia', 'pounds', 'votes', 'seats', 'attacks', 'attack',
  'strikes', 'strike', 'airstrikes', 'raids', 'rounds', 'shots', 'explosions', 'launchers', 'systems', 'aircraft',
  'planes', 'plane', 'jets', 'helicopters', 'ships', 'boats', 'vessels', 'engines', 'tons', 'tonnes', 'kg',
  'kilograms', 'liters', 'litres', 'barrels', 'degrees', 'points', 'goals', 'cases', 'incidents', 'sorties',
  'positions', 'episodes', 'cows', 'cattle', 'sheep', 'horses', 'dogs', 'animals', 'birds', 'pigs', 'chickens',
  'ракет', 'ракеты', 'беспилотников', 'дронов', 'дронів', 'ракети', 'снарядов', 'домов', 'будинків', 'лет', 'років',
  'км', 'мин', 'хвилин', 'часов', 'годин', 'раз', 'разів', 'атак', 'ударов', 'ударів', 'a.m', 'p.m', 'am', 'pm',
  'gmt', 'utc', 'gallons', 'flights', 'runways', 'tickets', 'pages', 'articles', 'companies', 'countries',
  'occasions', 'tries', 'attempts', 'floors', 'storeys', 'stories', 'tubes', 'shelters', 'mph', 'knots', 'nm',
  'crashes', 'crash', 'accidents', 'accident', 'collisions', 'explosions', 'blasts', 'fires', 'earthquakes', 'storms',
  'outbreaks', 'shootings', 'bombings', 'incidents', 'clashes', 'battles', 'wars', 'operations', 'waves', 'cases',
  'weapons', 'weapon', 'firearms', 'firearm', 'arms', 'rifles', 'rifle', 'guns', 'gun', 'pistols', 'ammunition', 'explosives',
  'devices', 'device', 'caches', 'cache', 'ieds', 'ied', 'grenade', 'mortars', 'mortar', 'rounds', 'kilograms', 'pounds', 'motorcycles',
  'violations', 'violation', 'breaches', 'breach', 'truce', 'ceasefire', 'shops', 'businesses', 'motorcycle', 'radios', 'phones', 'documents', 'materials', 'components', 'narcotics', 'drugs', 'opium', 'compounds', 'compound',
]);
/** Words after which a number is an identifier, money or a date part, not a count. */
export const NOT_COUNT_BEFORE = new Set([
  '$', '€', '£', '№', '#', 'no', 'flight', 'route', 'number', 'highway', 'article', 'page', 'aged', 'age', 'ages',
  'runway', 'fl', 'model', 'version', 'channel', 'room', 'unit', 'building', 'block', 'apartment', 'platform',
  'gate', 'row', 'seat', 'mk', 'mark', 'type', 'series', 'code', 'squadron', 'brigade', 'regiment', 'division',
  'battalion', 'group', 'wing',
]);
/** Phrases that make a figure a sum over a period rather than one event. */
const AGGREGATE_CUE_LIST: string[][] = [
  ['in', 'recent', 'days'], ['in', 'recent', 'weeks'], ['in', 'recent', 'months'], ['over', 'the', 'past'],
  ['in', 'the', 'past'], ['over', 'the', 'last'], ['in', 'the', 'last'], ['since', 'the', 'start'],
  ['since', 'the', 'beginning'], ['since', 'the', 'war'], ['since', 'the', 'invasion'], ['so', 'far'],
  ['to', 'date'], ['in', 'total'], ['this', 'year'], ['this', 'month'], ['recently'],
  ['since', 'the', 'outbreak'], ['за', 'сутки'], ['за', 'минувшие'], ['за', 'прошедшие'], ['за', 'добу'],
  ['за', 'минулу'], ['с', 'начала'], ['з', 'початку'], ['altogether'], ['overall'], ['cumulative'],
];

/** Aggregate cues by first word. */
export const AGGREGATE_CUES = new Map<string, string[][]>();
for (const cue of AGGREGATE_CUE_LIST) AGGREGATE_CUES.set(cue[0], [...(AGGREGATE_CUES.get(cue[0]) ?? []), cue]);
