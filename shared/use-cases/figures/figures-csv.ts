/**
 * The service-quality figures as a CSV file for a spreadsheet (§26): one line per row of the JSON
 * answer, `;`-separated with decimal commas (as Latvian spreadsheets read them), the header and
 * the names of units and channels in the caller's language, UTF-8 with a byte-order mark. Reading
 * it is audited (`ExportServiceFigures`).
 */
import { csvCell, csvStart } from '../../domain/audit-query.ts';
import { competences } from '../../domain/competences.ts';
import type { Language } from '../../domain/language.ts';
import type { CsvFile } from '../audit-csv.ts';
import { recordRead, type StaffCaller } from '../staff-audit.ts';
import type { FiguresRow, ServiceFigures } from '../views/figures.ts';
import {
  buildServiceFigures,
  figuresRequest,
  type ServiceFiguresDeps,
  type ServiceFiguresQuery,
} from './service-figures.ts';

/** The columns, each with its header in Latvian and English and its cell. */
const columns: readonly [lv: string, en: string, cell: (row: FiguresRow, language: Language) => Cell][] = [
  [
    'Perioda sākums',
    'Period start',
    (row, language) => row.period ?? (language === 'lv' ? 'viss periods' : 'whole range'),
  ],
  ['Perioda beigas', 'Period end', (row) => row.periodEnd],
  ['Struktūrvienība', 'Unit', (row, language) => unitName(row.competence, language)],
  ['Kanāls', 'Channel', (row, language) => channelName(row.channel, language)],
  ['Saņemti', 'Received', (row) => row.received],
  ['Atbildēti', 'Answered', (row) => row.answered],
  ['Slēgti', 'Closed', (row) => row.closed],
  ['Neatbildēti perioda beigās', 'Open at period end', (row) => row.backlogAtEnd],
  [
    'Pirmā reakcija, mediāna (darba dienas)',
    'First response, median (working days)',
    (row) => row.firstResponseDays.median,
  ],
  ['Pirmā reakcija, 90. procentile', 'First response, 90th percentile', (row) => row.firstResponseDays.p90],
  ['Pirmā reakcija, skaits', 'First responses', (row) => row.firstResponseDays.count],
  ['Atbilde, mediāna (darba dienas)', 'Answer, median (working days)', (row) => row.answerDays.median],
  ['Atbilde, 90. procentile', 'Answer, 90th percentile', (row) => row.answerDays.p90],
  ['Atbildes, skaits', 'Answers', (row) => row.answerDays.count],
  ['Atbildēti termiņā', 'Answered by the deadline', (row) => row.answeredByDeadline],
  ['Termiņu ievērošana (daļa)', 'Deadline compliance (share)', (row) => row.deadlineCompliance],
  ['Nokavēti', 'Overdue', (row) => row.overdue],
  ['Termiņa pagarinājumi', 'Extensions', (row) => row.extensions],
  ['Pārsūtīti citai struktūrvienībai', 'Re-routed', (row) => row.reroutes],
  ['Paņemti no rindas', 'Taken from the queue', (row) => row.taken],
  ['Paņemti ārpus kārtas', 'Taken out of order', (row) => row.takenOutOfOrder],
  ['Aptaujas ielūgumi', 'Survey invitations', (row) => row.surveys.invited],
  ['Aptaujas atbildes', 'Survey responses', (row) => row.surveys.responses],
  ['Atsaucība (daļa)', 'Response rate (share)', (row) => row.surveys.responseRate],
  ['Apmierinātība, vidēji (1–5)', 'Satisfaction, mean (1–5)', (row) => row.surveys.satisfactionMean],
  ...([1, 2, 3, 4, 5] as const).map((score): [string, string, (row: FiguresRow) => Cell] => [
    `Apmierinātība ${score}`,
    `Satisfaction ${score}`,
    (row) => row.surveys.satisfaction[score - 1] ?? 0,
  ]),
  ['Atbilde saņemta: jā', 'Answered: yes', (row) => row.surveys.answeredYes],
  ['Atbilde saņemta: daļēji', 'Answered: partly', (row) => row.surveys.answeredPartly],
  ['Atbilde saņemta: nē', 'Answered: no', (row) => row.surveys.answeredNo],
  ['Atbilde saņemta: jā (daļa)', 'Answered: yes (share)', (row) => row.surveys.answeredYesShare],
];

type Cell = string | number | null;

const channelNames = {
  web: { lv: 'tīmekļa forma', en: 'web form' },
  email: { lv: 'e-pasts', en: 'email' },
  postal: { lv: 'pasts', en: 'post' },
  phone: { lv: 'tālrunis', en: 'phone' },
} as const;

function unitName(id: string | null, language: Language): string {
  if (id === null) return language === 'lv' ? 'visas' : 'all';
  return competences.find((unit) => unit.id === id)?.name[language] ?? id;
}

function channelName(channel: FiguresRow['channel'], language: Language): string {
  return channel === null ? (language === 'lv' ? 'visi' : 'all') : channelNames[channel][language];
}

/** A number with a decimal comma, unquoted; a text quoted and defused (`csvCell`). */
function cellText(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : csvCell(value);
}

/** The CSV text of the figures, in `language`. */
export function figuresCsvText(figures: ServiceFigures, language: Language): string {
  const header = columns.map(([lv, en]) => csvCell(language === 'lv' ? lv : en)).join(';');
  const lines = figures.rows.map((row) =>
    columns.map(([, , cell]) => cellText(cell(row, language))).join(';'),
  );
  return `${csvStart}${[header, ...lines].map((line) => `${line}\r\n`).join('')}`;
}

/** The figures as a CSV file, the export recorded (`ExportServiceFigures`). */
export async function exportServiceFigures(
  deps: ServiceFiguresDeps,
  caller: StaffCaller,
  query: ServiceFiguresQuery,
  language: Language,
): Promise<CsvFile> {
  const figures = await buildServiceFigures(deps, caller, query);
  const text = figuresCsvText(figures, language);
  await recordRead(deps, caller, {
    eventName: 'ExportServiceFigures',
    requestParameters: figuresRequest(figures),
    responseElements: { rows: figures.rows.length },
  });
  return { filename: `service-figures-${figures.from}-${figures.to}.csv`, text, rows: figures.rows.length };
}
