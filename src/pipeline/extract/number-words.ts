/** Numbers written as digits or words, in English, Russian and Ukrainian. */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
  // Russian (cardinal and collective forms, common cases)
  один: 1, одна: 1, одно: 1, одного: 1, одной: 1, два: 2, две: 2, двое: 2, двух: 2, три: 3, трое: 3,
  трех: 3, трёх: 3, четыре: 4, четверо: 4, четырех: 4, пять: 5, пятеро: 5, пяти: 5, шесть: 6,
  шестеро: 6, семь: 7, семеро: 7, восемь: 8, девять: 9, десять: 10, одиннадцать: 11, двенадцать: 12,
  тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16, семнадцать: 17,
  восемнадцать: 18, девятнадцать: 19, двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50,
  шестьдесят: 60, семьдесят: 70, восемьдесят: 80, девяносто: 90,
  // Oblique cases after "жизни", "среди" ("жизни шести человек"); шести/семи/восьми/десяти are Ukrainian too
  двоих: 2, троих: 3, четверых: 4, пятерых: 5, шести: 6, шестерых: 6, семи: 7, семерых: 7, восьми: 8,
  девяти: 9, десяти: 10,
  // Ukrainian
  дві: 2, двоє: 2, двох: 2, троє: 3, трьох: 3, чотири: 4, чотирьох: 4, "п'ять": 5, "п'ятеро": 5,
  шість: 6, шістьох: 6, сім: 7, вісім: 8, "дев'ять": 9, "п'яти": 5, "п'ятьох": 5, сімох: 7, вісьмох: 8,
  "дев'яти": 9, десятьох: 10, одинадцять: 11, дванадцять: 12,
  тринадцять: 13, чотирнадцять: 14, "п'ятнадцять": 15, шістнадцять: 16, сімнадцять: 17,
  вісімнадцять: 18, "дев'ятнадцять": 19, двадцять: 20, тридцять: 30, "п'ятдесят": 50,
  шістдесят: 60, сімдесят: 70, вісімдесят: 80, "дев'яносто": 90,
};
const HUNDREDS: Record<string, number> = { hundred: 100, сто: 100, сотни: 100 };
const SCALES: Record<string, number> = {
  thousand: 1_000, million: 1_000_000, тысяча: 1_000, тысячи: 1_000, тысяч: 1_000, тисяча: 1_000,
  тисячі: 1_000, тисяч: 1_000,
};

const DIGITS_RE = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
const DIGIT_RANGE_RE = /^(\d+)[-–‑](\d+)$/;

/** Value of a single number word or compound ("seven", "twenty-five", "пять"); undefined otherwise. `lower`: a token's lower form (apostrophes as "'"). */
export function wordValue(lower: string): number | undefined {
  const w = lower;
  const v = UNITS[w];
  if (v !== undefined) return v;
  const dash = w.indexOf('-');
  if (dash > 0) {
    const tens = UNITS[w.slice(0, dash)];
    const unit = UNITS[w.slice(dash + 1)];
    if (tens !== undefined && unit !== undefined && tens >= 20 && tens % 10 === 0 && unit < 10) return tens + unit;
  }
  return undefined;
}

export function isHundred(lower: string): boolean {
  return HUNDREDS[lower] !== undefined;
}

export function scaleValue(lower: string): number | undefined {
  return SCALES[lower];
}

/** "25", "1,200", "2.5" → number; anything else (e.g. "25-year-old") → undefined. */
export function digitsValue(text: string): number | undefined {
  return DIGITS_RE.test(text) ? Number(text.replace(/,/g, '')) : undefined;
}

/** "10-15" → [10, 15]. */
export function digitRange(text: string): [number, number] | undefined {
  const m = DIGIT_RANGE_RE.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a < b ? [a, b] : undefined;
}
