/**
 * The CLI's user errors: one Swedish line on stderr and exit code 2, never a stack trace. A stack
 * trace is kept for what is a bug (an error of a kind not listed here).
 */
import { CommanderError, Help } from 'commander';
import { ConfigError } from '#shared/config/validate.ts';

import { UserError } from '#shared/user-error.ts';

export { UserError };

/** The Swedish line for an error a user made, or null for a bug. */
export function userErrorLine(e: unknown): string | null {
  if (e instanceof UserError) return e.message;
  if (e instanceof ConfigError) return `Fel i konfigurationen: ${e.message.replace(/\n+/g, ' ')}`;
  if (e instanceof SyntaxError && /JSON/.test(e.message)) return `Filen är inte giltig JSON: ${e.message}`;
  const msg = e instanceof Error ? e.message : String(e);
  if (/^not an ISO week: /.test(msg)) return `Ogiltig vecka: ${msg.replace(/^not an ISO week: /, '').replace(/ \(expected e\.g\. 2026-W48\)$/, '')} (ange t.ex. 2026-W48)`;
  if (/^--every /.test(msg)) return `Ogiltigt intervall: ${msg}`;
  if (/^invalid environment: /.test(msg)) return `Miljön saknar eller har fel värde: ${msg.replace(/^invalid environment: /, '')} (med --aws: sätt TABLE_NAME och AWS-uppgifter)`;
  if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') return `Filen finns inte: ${(e as NodeJS.ErrnoException).path ?? msg}`;
  return null;
}

const COMMANDER: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/unknown option '([^']+)'/, (m) => `Okänd flagga ${m[1]} (se --help)`],
  [/unknown command '([^']+)'/, (m) => `Okänt kommando ${m[1]} (se monitor --help)`],
  [/required option '([^']+)' not specified/, (m) => `Flaggan ${m[1]} krävs`],
  [/option '([^']+)' argument missing/, (m) => `Flaggan ${m[1]} behöver ett värde`],
  [/missing required argument '([^']+)'/, (m) => `Argumentet ${m[1]} saknas`],
  [/too many arguments/, () => 'För många argument (se --help)'],
  [/option '([^']+)' argument '([^']+)' is invalid\. Allowed choices are (.*)\./, (m) => `Flaggan ${m[1]} tar inte ${m[2]}; möjliga värden: ${m[3]}`],
];

/** Commander's own messages in Swedish. */
export function commanderLine(e: CommanderError): string {
  const text = e.message.replace(/^error:\s*/, '');
  for (const [re, f] of COMMANDER) {
    const m = text.match(re);
    if (m) return f(m);
  }
  return text;
}

/** Help in Swedish: commander's headings and the help option's own text. */
export class SwedishHelp extends Help {
  override formatHelp(cmd: Parameters<Help['formatHelp']>[0], helper: Help): string {
    return super
      .formatHelp(cmd, helper)
      .replace(/^Usage:/m, 'Användning:')
      .replace(/^Options:/m, 'Flaggor:')
      .replace(/^Commands:/m, 'Kommandon:')
      .replace(/^Arguments:/m, 'Argument:')
      .replace(/display help for command/g, 'visa hjälp för kommandot')
      .replace(/\[options\]/g, '[flaggor]')
      .replace(/\[command\]/g, '[kommando]')
      .replace(/\(default:/g, '(standard:')
      .replace(/\(choices:/g, '(val:');
  }
}
