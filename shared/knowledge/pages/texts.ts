/**
 * Every text of the public help pages in Latvian and English, Latvian first. The page renderer
 * and the help pages' search script (`web/src/help.ts`) both read this catalogue, so the pages and
 * what the script writes into them speak with one voice.
 */
import { catalogue } from '../../i18n/catalogue.ts';

const lv = {
  'site.organisation': 'Tiesu administrācija',
  'site.skipLink': 'Pāriet uz galveno saturu',
  'site.languageSwitch': 'Valoda',
  'site.footer': 'Tiesu administrācija · Antonijas iela 6, Rīga',
  'site.breadcrumbs': 'Atrašanās vieta',
  // Each language is named in itself, so both catalogues agree here.
  'language.lv': 'Latviešu',
  'language.en': 'English',

  'help.name': 'Palīdzība',
  'help.title': '{page} — Palīdzība — Tiesu administrācija',
  'home.heading': 'Palīdzība',
  'home.intro':
    'Šeit atradīsiet atbildes uz jautājumiem, ko mums uzdod visbiežāk. Ja atbildi neatrodat, uzdodiet jautājumu, un mēs atbildēsim e-pastā.',
  'home.topics': 'Tēmas',
  'home.empty': 'Pagaidām nav publicētu rakstu.',
  'home.glossary': 'Terminu vārdnīca',
  'home.glossaryIntro': 'Juridiski termini, izskaidroti vienkāršos vārdos.',

  'search.heading': 'Meklēt atbildi',
  'search.label': 'Jūsu jautājums',
  'search.hint': 'Piemēram: kā samaksāt valsts nodevu',
  'search.button': 'Meklēt',
  'search.searching': 'Meklējam…',
  'search.found': 'Atrastās atbildes: {count}',
  'search.none': 'Atbilde netika atrasta. Uzdodiet jautājumu mums, un mēs atbildēsim.',
  'search.tooShort': 'Ierakstiet jautājumu, vismaz divas rakstzīmes.',
  'search.rateLimited': 'Īsā laikā saņemts pārāk daudz jautājumu. Lūdzu, pagaidiet minūti.',
  'search.failed': 'Meklēšana pašlaik nedarbojas. Uzdodiet jautājumu mums, un mēs atbildēsim.',

  'ask.question': 'Neatradāt atbildi?',
  'ask.link': 'Uzdot jautājumu',

  'topic.articles': 'Raksti par šo tēmu',
  'article.topic': 'Tēma',
  'article.service': 'E-pakalpojums',
  'article.sources': 'Tiesību akti un avoti',
  'article.sample':
    'Parauga saturs: šo tekstu Tiesu administrācija vēl pārskata. Pirms rīkojaties, pārbaudiet norādītajos avotos.',

  'glossary.heading': 'Terminu vārdnīca',
  'glossary.intro': 'Juridiski termini, ko lietojam rakstos, izskaidroti vienkāršos vārdos.',
  'glossary.empty': 'Pagaidām nav publicētu terminu.',
  'glossary.sources': 'Avoti',
} as const;

/** A key of the help pages' text catalogue. */
export type HelpTextKey = keyof typeof lv;

const en: Record<HelpTextKey, string> = {
  'site.organisation': 'Court Administration',
  'site.skipLink': 'Skip to main content',
  'site.languageSwitch': 'Language',
  'site.footer': 'Court Administration (Tiesu administrācija) · Antonijas iela 6, Rīga',
  'site.breadcrumbs': 'You are here',
  'language.lv': 'Latviešu',
  'language.en': 'English',

  'help.name': 'Help',
  'help.title': '{page} — Help — Court Administration',
  'home.heading': 'Help',
  'home.intro':
    'Here you will find answers to the questions we are asked most often. If you do not find the answer, write to us and we will answer by email.',
  'home.topics': 'Topics',
  'home.empty': 'No articles have been published yet.',
  'home.glossary': 'Glossary',
  'home.glossaryIntro': 'Legal terms explained in plain words.',

  'search.heading': 'Search for an answer',
  'search.label': 'Your question',
  'search.hint': 'For example: how to pay the state fee',
  'search.button': 'Search',
  'search.searching': 'Searching…',
  'search.found': 'Answers found: {count}',
  'search.none': 'No answer was found. Write to us and we will answer.',
  'search.tooShort': 'Type your question, at least two characters.',
  'search.rateLimited': 'Too many questions in a short time. Please wait a minute.',
  'search.failed': 'Search is not working at the moment. Write to us and we will answer.',

  'ask.question': 'Did not find the answer?',
  'ask.link': 'Write to us',

  'topic.articles': 'Articles on this topic',
  'article.topic': 'Topic',
  'article.service': 'Online service',
  'article.sources': 'Legal acts and sources',
  'article.sample':
    'Sample content: the Court Administration is still reviewing this text. Check the sources given before you act on it.',

  'glossary.heading': 'Glossary',
  'glossary.intro': 'Legal terms used in our articles, explained in plain words.',
  'glossary.empty': 'No terms have been published yet.',
  'glossary.sources': 'Sources',
};

export const helpTexts = catalogue<HelpTextKey>({ lv, en });
