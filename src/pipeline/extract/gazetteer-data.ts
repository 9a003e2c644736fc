/** Shape of data/gazetteers/gazetteer.json (written by scripts/build-gazetteers.ts). */
export interface GazetteerEntry {
  /** Canonical name. */
  name: string;
  type: 'location' | 'organization' | 'weapon';
  /** For locations: what sort of place, used to resolve "the region" / "the city" back to it. */
  kind?: 'country' | 'region' | 'city';
  aliases: string[];
}

export interface NationalityEntry {
  /** Canonical adjective ("Ukrainian"). */
  name: string;
  /** The country it belongs to, when it is a country's demonym. */
  country?: string;
  /** True for groups that are not a country's demonym (Kurdish, Chechen). */
  group?: boolean;
  /** Other forms: plurals ("Ukrainians"). */
  forms: string[];
}

export interface GazetteerData {
  about: string;
  entries: GazetteerEntry[];
  nationalities: NationalityEntry[];
  /** Words that introduce a person's name ("President", "Gov."). */
  titles: string[];
  /** Lower-cased common given names: a cue that a capitalized pair is a person. */
  givenNames: string[];
}
