/**
 * Invented defence-domain paragraphs (written for sitrep) with the people, organizations,
 * locations and weapons a reader would annotate, and document-level per-type scoring: a
 * predicted entity matches an expected name when its canonical name or one of its aliases is it
 * (case-insensitive). Shared by the test and `npm run bench:extract`.
 */
import type { Entity } from '../../../src/record/record.js';

export type ScoredType = 'person' | 'organization' | 'location' | 'weapon';
export const SCORED_TYPES: ScoredType[] = ['person', 'organization', 'location', 'weapon'];

export interface EntityFixture {
  text: string;
  expected: Record<ScoredType, string[]>;
}

const fx = (text: string, person: string[], organization: string[], location: string[], weapon: string[]): EntityFixture => ({
  text,
  expected: { person, organization, location, weapon },
});

/** Generic weapons and platforms in lower case (rockets, a drone, a named warship) count, as in the held-out defence documents (E18). */
export const DEFENCE_ENTITY_FIXTURES: EntityFixture[] = [
  fx(
    'Ukraine\'s air force said on Tuesday it had shot down 14 of 17 Shahed drones launched overnight from the Kursk region. Spokesman Yuriy Ihnat said two Kh-101 cruise missiles were also destroyed over the Kyiv region.',
    ['Yuriy Ihnat'], ['Ukrainian Air Force'], ['Ukraine', 'Kursk', 'Kyiv'], ['Shahed', 'Kh-101'],
  ),
  fx(
    'Russian Defense Minister Andrei Belousov visited troops near Avdiivka, the ministry said. Belousov was shown captured Bradley fighting vehicles and a damaged Leopard 2 tank.',
    ['Andrei Belousov'], ['Russian Defense Ministry'], ['Avdiivka'], ['Bradley', 'Leopard 2'],
  ),
  fx(
    'Two HIMARS launchers struck an ammunition depot outside Melitopol, according to the General Staff of the Armed Forces of Ukraine. The Russian-installed governor of the Zaporizhzhia region, Yevgeny Balitsky, said air defences intercepted several rockets.',
    ['Yevgeny Balitsky'], ['General Staff of the Armed Forces of Ukraine'], ['Melitopol', 'Zaporizhzhia'], ['HIMARS', 'rockets'],
  ),
  fx(
    'NATO Secretary General Mark Rutte told reporters in Brussels that allies would send more Patriot batteries to Ukraine. He spoke after a meeting of the Ukraine Defense Contact Group at Ramstein.',
    ['Mark Rutte'], ['NATO', 'Ukraine Defense Contact Group'], ['Brussels', 'Ukraine', 'Ramstein'], ['Patriot'],
  ),
  fx(
    'Iskander-M missiles hit the centre of Dnipro on Friday morning, regional governor Serhiy Lysak wrote on Telegram. The State Emergency Service said rescuers were still clearing the rubble.',
    ['Serhiy Lysak'], ['State Emergency Service', 'Telegram'], ['Dnipro'], ['Iskander'],
  ),
  fx(
    'Belgorod Governor Vyacheslav Gladkov said a Vampire rocket launcher had fired on the city from Kharkiv region. The Russian Defence Ministry claimed its S-300 systems shot down ten projectiles.',
    ['Vyacheslav Gladkov'], ['Russian Defense Ministry'], ['Belgorod', 'Kharkiv'], ['RM-70 Vampire', 'S-300'],
  ),
  fx(
    'The Pentagon announced a new aid package including ATACMS missiles and Stinger launchers. Defense Secretary Lloyd Austin said the weapons would reach Ukraine within weeks.',
    ['Lloyd Austin'], ['Pentagon'], ['Ukraine'], ['ATACMS', 'Stinger'],
  ),
  fx(
    'Israeli Prime Minister Benjamin Netanyahu said the Israel Defense Forces would expand operations in Rafah. Hamas fired rockets at Ashkelon, and the Iron Dome system intercepted most of them, the IDF said.',
    ['Benjamin Netanyahu'], ['Israel Defense Forces', 'Hamas'], ['Rafah', 'Ashkelon'], ['Iron Dome', 'rockets'],
  ),
  fx(
    'Kremlin spokesman Dmitry Peskov declined to comment on reports that Storm Shadow missiles had hit the headquarters of the Black Sea Fleet in Sevastopol.',
    ['Dmitry Peskov'], ['Kremlin', 'Black Sea Fleet'], ['Sevastopol'], ['Storm Shadow'],
  ),
  fx(
    'A Bayraktar TB2 drone destroyed a Russian Buk air defence system near Kherson, the Southern Defense Forces reported. Natalia Humeniuk, a spokeswoman for the command, gave no further details.',
    ['Natalia Humeniuk'], ['Southern Defense Forces'], ['Kherson'], ['Bayraktar TB2', 'Buk'],
  ),
  fx(
    'President Volodymyr Zelensky met French President Emmanuel Macron in Paris to discuss deliveries of Caesar howitzers and SAMP/T air defence batteries.',
    ['Volodymyr Zelensky', 'Emmanuel Macron'], [], ['Paris'], ['Caesar', 'SAMP/T'],
  ),
  fx(
    'Lancet loitering munitions have destroyed at least three M777 howitzers near Bakhmut this month, a Wagner Group commander told the RIA Novosti news agency.',
    [], ['Wagner Group', 'RIA Novosti'], ['Bakhmut'], ['Lancet', 'M777'],
  ),
  fx(
    'The International Atomic Energy Agency said its chief Rafael Grossi would travel to the Zaporizhzhia Nuclear Power Plant near Enerhodar after shelling cut a power line.',
    ['Rafael Grossi'], ['International Atomic Energy Agency'], ['Zaporizhzhia Nuclear Power Plant', 'Enerhodar'], [],
  ),
  fx(
    'Houthi forces in Yemen launched an anti-ship missile at a tanker in the Red Sea, US Central Command said. The USS Carney shot down two drones with SM-2 interceptors.',
    [], ['Houthis', 'US Central Command'], ['Yemen', 'Red Sea'], ['SM-2', 'missile', 'drones', 'USS Carney'],
  ),
  fx(
    'Kiev has asked Germany for Taurus missiles, Foreign Minister Dmytro Kuleba said in Berlin. Chancellor Olaf Scholz has so far refused, citing the risk of escalation with the Russian Federation.',
    ['Dmytro Kuleba', 'Olaf Scholz'], [], ['Kyiv', 'Germany', 'Berlin', 'Russia'], ['Taurus'],
  ),
  fx(
    'Odesa regional administration head Oleh Kiper said an Oniks missile damaged port infrastructure. The Ukrainian Navy later said a Neptune missile had hit a Russian landing ship off Crimea.',
    ['Oleh Kiper'], ['Odesa Regional Administration', 'Ukrainian Navy'], ['Odesa', 'Crimea'], ['Oniks', 'Neptune'],
  ),
  fx(
    'Drone Strike Hits Fuel Depot In Bryansk\nA fuel depot in Bryansk burned for hours after a drone attack, regional head Alexander Bogomaz said. Bogomaz blamed Kyiv; Ukraine\'s SBU security service did not comment.',
    ['Alexander Bogomaz'], ['SBU'], ['Bryansk', 'Kyiv', 'Ukraine'], ['drone'],
  ),
  fx(
    'Brigadier General Oleksandr Tarnavskyi, who commands the Tavria group of forces, said his troops had repelled 42 assaults. Tarnavskyi added that Russian units were using TOS-1A thermobaric launchers near Marinka.',
    ['Oleksandr Tarnavskyi'], ['Tavria group of forces'], ['Marinka'], ['TOS-1A'],
  ),
  fx(
    'Sergei Shoigu, then Russia\'s defence minister, inspected Kinzhal hypersonic missiles at an airfield in the Moscow region. The Russian Federation has used the Kinzhal against targets in Kiev.',
    ['Sergei Shoigu'], [], ['Russia', 'Moscow', 'Kyiv'], ['Kinzhal'],
  ),
  fx(
    'Hezbollah fired Burkan rockets at northern Israel, the IDF said, and Israeli jets struck the group\'s positions near Nabatieh. Hezbollah leader Hassan Nasrallah warned of a wider war.',
    ['Hassan Nasrallah'], ['Hezbollah', 'Israel Defense Forces'], ['Israel', 'Nabatieh'], ['Burkan'],
  ),
  fx(
    'Militants attacked a checkpoint outside Kirkuk with small arms fire and RPGs before a VBIED struck the gate. Two Apache helicopters and an MQ-9 Reaper responded, the Coalition said.',
    [], ['Coalition'], ['Kirkuk'], ['small arms', 'RPGs', 'car bombs', 'AH-64 Apache', 'MQ-9 Reaper'],
  ),
  fx(
    'Captain Elena Varga of the 59th Motorized Brigade said her unit lost two armoured vehicles and a tank to ATGMs near Vuhledar, while Russian Su-25s dropped bombs on the town.',
    ['Elena Varga'], ['59th Motorized Brigade'], ['Vuhledar'], ['armored vehicles', 'tanks', 'anti-tank missiles', 'Su-25', 'bombs'],
  ),
];

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** "missed: name" and "extra: name" per document, for the bench's detail lines. */
  errors: string[];
}

/** Document-level P/R/F1 per type over the fixtures, given an entity recognizer. */
export function scoreEntities(fixtures: EntityFixture[], recognize: (text: string) => Entity[]): Record<ScoredType, TypeScore> {
  const out = {} as Record<ScoredType, TypeScore>;
  for (const type of SCORED_TYPES) out[type] = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0, errors: [] };
  fixtures.forEach((f, doc) => {
    const entities = recognize(f.text);
    for (const type of SCORED_TYPES) {
      const s = out[type];
      const predicted = entities.filter((e) => e.type === type).map((e) => [e.name, ...(e.aliases ?? [])].map((n) => n.toLowerCase()));
      const expected = f.expected[type].map((n) => n.toLowerCase());
      const matched = new Set<number>();
      for (const name of expected) {
        const k = predicted.findIndex((forms, i) => !matched.has(i) && forms.includes(name));
        if (k >= 0) {
          matched.add(k);
          s.tp++;
        } else {
          s.fn++;
          s.errors.push(`#${doc} missed ${name}`);
        }
      }
      predicted.forEach((forms, i) => {
        if (matched.has(i)) return;
        s.fp++;
        s.errors.push(`#${doc} extra ${forms[0]}`);
      });
    }
  });
  for (const type of SCORED_TYPES) {
    const s = out[type];
    s.precision = s.tp / Math.max(1, s.tp + s.fp);
    s.recall = s.tp / Math.max(1, s.tp + s.fn);
    s.f1 = s.precision + s.recall > 0 ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  }
  return out;
}
