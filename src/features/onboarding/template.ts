export interface WelcomeValues {
  name: string;
  group: string;
  rules: string;
  count: string;
  inviter: string;
}

/** Fills {name} {group} {rules} {count} {inviter}; unknown placeholders stay as typed. */
export function renderTemplate(template: string, values: WelcomeValues): string {
  return template.replace(/\{(name|group|rules|count|inviter)\}/g, (_, key: keyof WelcomeValues) => values[key]).trim();
}

/** Answers compare loosely: case, width, spaces and trailing punctuation do not matter. */
export function sameAnswer(given: string, expected: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s。.!！?？,，、~～]+/g, '');
  return norm(given) !== '' && norm(given) === norm(expected);
}
