import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/pipeline/text/detect-language.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'The governor said that the situation in the region remains tense and that repairs will start soon.'],
    ['ru', 'Губернатор сказал, что ситуация в регионе остаётся напряжённой, и объявил о восстановительных работах.'],
    ['uk', 'Губернатор сказав, що ситуація в області залишається напруженою, і пообіцяв відновити їхні будинки.'],
    ['de', 'Der Gouverneur sagte, dass die Lage in der Region angespannt ist und die Arbeiten nicht mit dem Winter enden.'],
    ['fr', 'Le gouverneur a déclaré que la situation dans la région reste tendue et que les travaux sont pour demain.'],
    ['es', 'El gobernador dijo que la situación en la región sigue tensa y que los trabajos para la ciudad empiezan.'],
  ])('detects %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });
  it('reads a one-line English note as English, not Portuguese', () => {
    expect(detectLanguage('A truck rammed into a crowd at a festival in Nice, killing 10 people and injuring 40 others.')).toBe('en');
  });
  it('says nothing about too little text', () => {
    expect(detectLanguage('OK')).toBeNull();
  });
});
