/**
 * Routing by competence: which unit answers a request, and why.
 *
 * The rules are data (`routing-rules.ts`): an ordered list, each naming conditions on the request
 * and the competence it goes to. The first rule whose conditions all hold wins; the last rule is a
 * fallback that always holds, so every request gets exactly one competence (§16: nobody answers
 * outside their competence, so nothing may be left unassigned). The decision carries the rule
 * and what matched, in words a staff member can check, because a wrong route is corrected by a
 * person who needs to see why it happened.
 *
 * Rules are checked once, when the module loads: an unknown competence or topic, a duplicate id,
 * a rule without conditions or a misplaced fallback throws at import, failing the cold start
 * (and the unit tests) rather than misrouting quietly.
 */
import { type CompetenceId, findCompetence, isCompetenceId } from './competences.ts';
import { type Language, type LocalizedText, languages } from './language.ts';
import { findPhrase, type Word, words } from './latvian-text.ts';
import {
  type Channel,
  channels,
  type RoutingConditions,
  type RoutingRuleDefinition,
} from './routing-conditions.ts';
import { defaultRuleDefinitions } from './routing-rules.ts';
import { findTopic } from './topics.ts';

/** A field of the request that a rule looked at. */
export type RoutingField =
  | 'channel'
  | 'recipient'
  | 'topic'
  | 'subject'
  | 'body'
  | 'senderDomain'
  | 'language';

/** One condition that held, as stored with the decision. */
export interface RoutingMatch {
  readonly field: RoutingField;
  /** What the request had: the words as written, the address, the topic id, the domain. */
  readonly value: string;
  /** The rule's term that matched it, as written in the rule. */
  readonly term: string;
}

/**
 * Which unit answers a request and why. Plain JSON: store it on the ticket as it is, so that
 * the explanation shown later is the one that was true when the request was routed.
 */
export interface RoutingDecision {
  readonly competence: CompetenceId;
  readonly ruleId: string;
  /** Fingerprint of the rule list that decided, to tell decisions of older rule lists apart. */
  readonly rulesVersion: string;
  readonly explanation: LocalizedText;
  /** The conditions that held; empty for the fallback. */
  readonly matched: readonly RoutingMatch[];
}

/** What routing looks at. Channel-specific fields are optional: a web request has no recipient. */
export interface RoutingInput {
  readonly channel: Channel;
  /** For email: the address(es) the message was delivered to (the SES receipt's recipients). */
  readonly recipient?: string | readonly string[];
  /** The topic chosen in the web form or phone menu (or set by staff for a letter). */
  readonly topic?: string;
  readonly subject: string;
  readonly body: string;
  readonly senderEmail?: string;
  readonly language: Language;
}

/** A rule list whose rules have been checked, with their terms prepared for matching. */
export interface RoutingRules {
  readonly version: string;
  readonly rules: readonly CompiledRule[];
  readonly fallback: { readonly id: string; readonly competence: CompetenceId };
}

interface CompiledTerm {
  readonly term: string;
  readonly tokens: readonly string[];
}

interface RecipientPattern {
  readonly term: string;
  /** Undefined for `*`. */
  readonly localPart: string | undefined;
  readonly domain: string | undefined;
}

/** A rule's conditions as `route` checks them: addresses parsed, keywords and phrases stemmed. */
interface CompiledRule extends Pick<RoutingConditions, 'channels' | 'senderDomains' | 'languages'> {
  readonly id: string;
  readonly competence: CompetenceId;
  readonly recipients?: readonly RecipientPattern[];
  /** Any topic id a request may carry, so that an unknown one simply does not match. */
  readonly topics?: readonly string[];
  readonly textTerms?: readonly CompiledTerm[];
}

/** The rule list is wrong; `problems` names every mistake found, not just the first. */
export class InvalidRoutingRules extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid routing rules:\n- ${problems.join('\n- ')}`);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/**
 * Checks a rule list and prepares it for `route`.
 *
 * @throws {InvalidRoutingRules} when a rule id is empty or repeated, a competence, topic, channel
 *   or language is unknown, a rule has no conditions or an empty one, a keyword is not one word,
 *   an address or domain pattern is malformed, or the list does not end with exactly one
 *   `'always'` fallback.
 */
export function defineRoutingRules(definitions: readonly RoutingRuleDefinition[]): RoutingRules {
  const problems: string[] = [];
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  let fallback: RoutingRules['fallback'] | undefined;

  definitions.forEach((definition, index) => {
    const name = `rule ${index + 1} '${definition.id}'`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) problems.push(`${name}: the id must be kebab-case`);
    if (seen.has(definition.id)) problems.push(`${name}: the id is used by an earlier rule`);
    seen.add(definition.id);
    if (!isCompetenceId(definition.competence)) {
      problems.push(`${name}: unknown competence '${definition.competence}'`);
    }
    const isLast = index === definitions.length - 1;
    if (definition.when === 'always') {
      if (!isLast)
        problems.push(`${name}: only the last rule may apply always; the rules after it never would`);
      else fallback = { id: definition.id, competence: definition.competence };
      return;
    }
    if (isLast) problems.push(`${name}: the last rule must be the fallback (when: 'always')`);
    rules.push(compileRule(definition.id, definition.competence, definition.when, name, problems));
  });

  if (definitions.length === 0) problems.push('the list is empty; it needs at least the fallback');
  if (problems.length > 0 || !fallback) throw new InvalidRoutingRules(problems);
  return { version: fingerprint(definitions), rules, fallback };
}

function compileRule(
  id: string,
  competence: CompetenceId,
  when: RoutingConditions,
  name: string,
  problems: string[],
): CompiledRule {
  const present = Object.entries(when).filter(([, values]) => values !== undefined);
  if (present.length === 0)
    problems.push(`${name}: no conditions; a rule that always applies must say when: 'always'`);
  for (const [condition, values] of present) {
    if (!Array.isArray(values) || values.length === 0) problems.push(`${name}: '${condition}' is empty`);
  }

  for (const channel of when.channels ?? []) {
    if (!channels.includes(channel)) problems.push(`${name}: unknown channel '${channel}'`);
  }
  for (const language of when.languages ?? []) {
    if (!languages.includes(language)) problems.push(`${name}: unknown language '${language}'`);
  }
  for (const topic of when.topics ?? []) {
    if (!findTopic(topic)) problems.push(`${name}: unknown topic '${topic}'`);
  }

  const keywords = (when.keywords ?? []).map((term) => compileTerm(term));
  for (const keyword of keywords) {
    if (keyword.tokens.length !== 1) {
      problems.push(`${name}: keyword '${keyword.term}' is not one word; list it under phrases`);
    }
  }
  const phrases = (when.phrases ?? []).map((term) => compileTerm(term));
  for (const phrase of phrases) {
    if (phrase.tokens.length === 0) problems.push(`${name}: phrase '${phrase.term}' has no words`);
  }

  const recipients = (when.recipients ?? []).map((term) => parseRecipientPattern(term));
  for (const pattern of recipients) {
    if (!pattern) problems.push(`${name}: recipient patterns look like unit@domain, *@domain or unit@*`);
  }
  const senderDomains = (when.senderDomains ?? []).map((domain) => domain.trim().toLowerCase());
  for (const domain of senderDomains) {
    if (!isDomain(domain)) problems.push(`${name}: '${domain}' is not a domain (write it without '@')`);
  }

  const textTerms = [...keywords, ...phrases];
  // Two terms that fold to the same words ("portāls" and "portal") would be listed twice in
  // every explanation; one of them is a mistake.
  const seenTerms = new Map<string, string>();
  for (const { term, tokens } of textTerms) {
    const key = tokens.join(' ');
    const earlier = seenTerms.get(key);
    if (earlier !== undefined) problems.push(`${name}: '${term}' matches the same words as '${earlier}'`);
    else seenTerms.set(key, term);
  }
  return {
    id,
    competence,
    ...(when.channels && { channels: when.channels }),
    ...(when.recipients && { recipients: recipients.filter((pattern) => pattern !== undefined) }),
    ...(when.topics && { topics: when.topics }),
    ...(textTerms.length > 0 && { textTerms }),
    ...(when.senderDomains && { senderDomains }),
    ...(when.languages && { languages: when.languages }),
  };
}

function compileTerm(term: string): CompiledTerm {
  return { term, tokens: words(term).map((word) => word.stem) };
}

function parseRecipientPattern(term: string): RecipientPattern | undefined {
  const [localPart, domain, ...rest] = term.trim().toLowerCase().split('@');
  if (localPart === undefined || domain === undefined || rest.length > 0) return undefined;
  if (localPart === '*' && domain === '*') return undefined;
  if (localPart === '' || (domain !== '*' && !isDomain(domain))) return undefined;
  return {
    term,
    localPart: localPart === '*' ? undefined : localPart,
    domain: domain === '*' ? undefined : domain,
  };
}

function isDomain(value: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value);
}

/** FNV-1a over the rule list: cheap, stable across processes, and enough to tell versions apart. */
function fingerprint(definitions: readonly RoutingRuleDefinition[]): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(definitions)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** An email address as `{ localPart, domain }`, lower case, without a display name or `+tag`. */
function parseAddress(address: string): { localPart: string; domain: string } | undefined {
  const bracketed = /<([^<>]*)>/.exec(address);
  const bare = (bracketed?.[1] ?? address).trim().toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at <= 0 || at === bare.length - 1) return undefined;
  return { localPart: bare.slice(0, at).split('+')[0] ?? '', domain: bare.slice(at + 1) };
}

/** A field of the request's text, tokenised once for all rules. */
interface PreparedField {
  readonly words: readonly Word[];
  readonly stems: readonly string[];
  /** For skipping, without a scan, the many terms whose first word the text does not contain. */
  readonly stemSet: ReadonlySet<string>;
}

interface PreparedText {
  readonly subject: PreparedField;
  readonly body: PreparedField;
}

function prepare(text: string): PreparedField {
  const found = words(withoutSignatureAndQuotes(text));
  const stems = found.map((word) => word.stem);
  return { words: found, stems, stemSet: new Set(stems) };
}

/**
 * The text the client wrote: without the signature (from a `-- ` line on), quoted earlier mail
 * (`>` lines, and everything from an "On … wrote:" / "… rakstīja:" line on) and the standard
 * confidentiality or data-processing footer many organisations append. Those words are not the
 * request, and would route mail about anything to data protection.
 */
export function withoutSignatureAndQuotes(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^-- ?$/.test(line) || /^_{5,}$/.test(line.trim())) break;
    if (/(wrote|rakstīja):\s*$/i.test(line.trim())) break;
    const footer =
      /^\s*(konfidencialit|confidential|personas datu apstrād|privacy notice|data protection notice|this e-?mail)/i;
    // A footer follows the message; a first line about data processing is the request itself.
    if (kept.some((earlier) => earlier.trim() !== '') && footer.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n');
}

/** The first match of each condition of `rule`, or undefined when one condition fails. */
function matchRule(
  rule: CompiledRule,
  input: RoutingInput,
  text: () => PreparedText,
): RoutingMatch[] | undefined {
  const matched: RoutingMatch[] = [];

  if (rule.channels) {
    if (!rule.channels.includes(input.channel)) return undefined;
    matched.push({ field: 'channel', value: input.channel, term: input.channel });
  }

  if (rule.languages) {
    if (!rule.languages.includes(input.language)) return undefined;
    matched.push({ field: 'language', value: input.language, term: input.language });
  }

  if (rule.topics) {
    const topic = input.topic;
    if (topic === undefined || !rule.topics.includes(topic)) return undefined;
    matched.push({ field: 'topic', value: topic, term: topic });
  }

  if (rule.recipients) {
    const match = matchRecipient(rule.recipients, input.recipient);
    if (!match) return undefined;
    matched.push(match);
  }

  if (rule.senderDomains) {
    const match = matchSenderDomain(rule.senderDomains, input.senderEmail);
    if (!match) return undefined;
    matched.push(match);
  }

  if (rule.textTerms) {
    // Text is the costliest condition, so it is looked at last and tokenised only once.
    const found = matchText(rule.textTerms, text());
    if (found.length === 0) return undefined;
    matched.push(...found);
  }

  return matched;
}

function matchRecipient(
  patterns: readonly RecipientPattern[],
  recipient: RoutingInput['recipient'],
): RoutingMatch | undefined {
  const recipients = typeof recipient === 'string' ? [recipient] : (recipient ?? []);
  for (const pattern of patterns) {
    for (const value of recipients) {
      const address = parseAddress(value);
      if (!address) continue;
      if (pattern.localPart !== undefined && pattern.localPart !== address.localPart) continue;
      if (pattern.domain !== undefined && pattern.domain !== address.domain) continue;
      return { field: 'recipient', value: `${address.localPart}@${address.domain}`, term: pattern.term };
    }
  }
  return undefined;
}

function matchSenderDomain(
  domains: readonly string[],
  senderEmail: string | undefined,
): RoutingMatch | undefined {
  const address = senderEmail === undefined ? undefined : parseAddress(senderEmail);
  if (!address) return undefined;
  const domain = domains.find(
    (candidate) => address.domain === candidate || address.domain.endsWith(`.${candidate}`),
  );
  return domain === undefined ? undefined : { field: 'senderDomain', value: address.domain, term: domain };
}

/** Every term of the rule found in the text, the subject before the body. */
function matchText(terms: readonly CompiledTerm[], text: PreparedText): RoutingMatch[] {
  const found: RoutingMatch[] = [];
  for (const term of terms) {
    for (const field of ['subject', 'body'] as const) {
      const value = findTerm(text[field], term.tokens);
      if (value !== undefined) {
        found.push({ field, value, term: term.term });
        break;
      }
    }
  }
  return found;
}

/** The words of `text` that match `tokens`, as written, or undefined. */
function findTerm(text: PreparedField, tokens: readonly string[]): string | undefined {
  if (tokens[0] === undefined || !text.stemSet.has(tokens[0])) return undefined;
  const start = findPhrase(text.stems, tokens);
  if (start === -1) return undefined;
  const surfaces: string[] = [];
  for (const word of text.words.slice(start, start + tokens.length)) {
    // A chunk like "e-lietā" gives two tokens with the same surface; show it once.
    if (surfaces.at(-1) !== word.surface) surfaces.push(word.surface);
  }
  return surfaces.join(' ');
}

/** The shipped rules, checked at import: a broken rule list fails the cold start, not a ticket. */
export const defaultRules: RoutingRules = defineRoutingRules(defaultRuleDefinitions);

/**
 * Decides which competence answers a request: the first rule of `rules` whose conditions all
 * hold, or the fallback. Never throws for any input, and always returns a competence of the
 * catalogue (`defineRoutingRules` has checked them).
 *
 * @example
 * route({ channel: 'email', subject: 'Jautājums', body: 'Mans maksatnespejas administrators neatbild', language: 'lv' })
 * // { competence: 'insolvency', ruleId: 'keywords-insolvency', matched: [{ field: 'body', value: 'maksatnespejas', term: 'maksātnespēja' }], … }
 */
export function route(input: RoutingInput, rules: RoutingRules = defaultRules): RoutingDecision {
  let prepared: PreparedText | undefined;
  const text = (): PreparedText => {
    prepared ??= { subject: prepare(input.subject), body: prepare(input.body) };
    return prepared;
  };

  for (const rule of rules.rules) {
    const matched = matchRule(rule, input, text);
    if (matched) {
      return {
        competence: rule.competence,
        ruleId: rule.id,
        rulesVersion: rules.version,
        explanation: explain(rule.id, rule.competence, matched),
        matched,
      };
    }
  }
  return {
    competence: rules.fallback.competence,
    ruleId: rules.fallback.id,
    rulesVersion: rules.version,
    explanation: explain(rules.fallback.id, rules.fallback.competence, []),
    matched: [],
  };
}

/**
 * Staff-facing wording of the explanation. Kept beside the code that fills it in: the
 * explanation is stored with the decision, so these templates are not looked up again later.
 */
const explanationTexts = {
  lv: {
    rule: (id: string) => `Noteikums '${id}'`,
    fallback: 'neviens cits noteikums neatbilst',
    channel: (value: string) => `kanāls '${channelNames.lv[value as Channel] ?? value}'`,
    language: (value: string) => `atbildes valoda '${value}'`,
    topic: (value: string) => `izvēlēta tēma '${findTopic(value)?.label.lv ?? value}'`,
    recipient: (value: string) => `sūtīts uz ${value}`,
    senderDomain: (value: string, term: string) => `sūtītāja domēns '${value}' (${term})`,
    subject: (value: string, term: string) => `tematā atrasts '${term}' (${value})`,
    body: (value: string, term: string) => `tekstā atrasts '${term}' (${value})`,
    to: (competence: string) => `→ ${findCompetence(competence)?.name.lv ?? competence}`,
  },
  en: {
    rule: (id: string) => `Rule '${id}'`,
    fallback: 'no other rule matched',
    channel: (value: string) => `channel '${channelNames.en[value as Channel] ?? value}'`,
    language: (value: string) => `reply language '${value}'`,
    topic: (value: string) => `topic chosen '${findTopic(value)?.label.en ?? value}'`,
    recipient: (value: string) => `sent to ${value}`,
    senderDomain: (value: string, term: string) => `sender's domain '${value}' (${term})`,
    subject: (value: string, term: string) => `found '${term}' in the subject (${value})`,
    body: (value: string, term: string) => `found '${term}' in the text (${value})`,
    to: (competence: string) => `→ ${findCompetence(competence)?.name.en ?? competence}`,
  },
} as const;

const channelNames: Record<Language, Record<Channel, string>> = {
  lv: { web: 'tīmekļa veidlapa', email: 'e-pasts', postal: 'pasts', phone: 'tālrunis' },
  en: { web: 'web form', email: 'email', postal: 'post', phone: 'phone' },
};

/**
 * "Noteikums 'keywords-insolvency': tekstā atrasts 'maksātnespēja' (maksātnespējas) → Maksātnespējas
 * procesu uzraudzība". The rule's term comes first and the words as written in brackets, so staff
 * see both what the rule looks for and what the client wrote.
 */
function explain(ruleId: string, competence: string, matched: readonly RoutingMatch[]): LocalizedText {
  const sentence = (language: Language): string => {
    const texts = explanationTexts[language];
    const reasons =
      matched.length === 0
        ? [texts.fallback]
        : matched.map((match) => texts[match.field](match.value, match.term));
    return `${texts.rule(ruleId)}: ${reasons.join('; ')} ${texts.to(competence)}`;
  };
  return { lv: sentence('lv'), en: sentence('en') };
}
