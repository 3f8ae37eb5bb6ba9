/**
 * The dated facts of the Latvian working-day calendar that no rule computes, and the legal
 * answer periods. Versioned with the code: a new Cabinet order or a one-off holiday is a change
 * here, reviewed like any other.
 *
 * Public holidays themselves (fixed dates, Easter, the Monday after 4 May or 18 November falling
 * on a weekend) are computed in `latvian-holidays.ts`.
 */
import type { LocalizedText } from './language.ts';

/** A day off declared by a law for one year only. */
export interface ExtraHoliday {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly name: LocalizedText;
  /** The legal act that declared it. */
  readonly basis: string;
}

/**
 * A Cabinet order under Darba likums §133(4): a working day between a holiday and a weekend
 * (`dayOff`) becomes a day off and is worked on a Saturday (`workingSaturday`) instead. The
 * orders bind institutions financed from the state budget, which the Court Administration is.
 */
export interface TransferredWorkingDay {
  /** `YYYY-MM-DD`, a Saturday that becomes a working day. */
  readonly workingSaturday: string;
  /** `YYYY-MM-DD`, a weekday that becomes a day off. */
  readonly dayOff: string;
  /** The Cabinet order that made the transfer. */
  readonly order: string;
}

export interface CalendarConfig {
  readonly extraHolidays: readonly ExtraHoliday[];
  readonly transferredWorkingDays: readonly TransferredWorkingDay[];
}

export interface AnswerDeadlineRules {
  /** Calendar months from receipt within which a submission is answered. */
  readonly answerMonths: number;
  /** Calendar months from receipt that an extended answer period may not exceed. */
  readonly maximumAnswerMonths: number;
}

/**
 * Iesniegumu likums §5: an authority answers a submission within a reasonable time, at the
 * latest one month from the day it was received; when that is objectively impossible it may
 * extend the period, telling the applicant why, but to no more than four months from the day
 * of receipt.
 */
export const answerDeadlineRules: AnswerDeadlineRules = {
  answerMonths: 1,
  maximumAnswerMonths: 4,
};

const songAndDanceFestivalDayOff: LocalizedText = {
  lv: 'Vispārējo latviešu Dziesmu un deju svētku noslēguma diena (brīvdiena)',
  en: 'Nationwide Latvian Song and Dance Celebration final day (day off)',
};

/**
 * The shipped Latvian calendar. Add the next year's transfers when the Cabinet issues its order
 * (by law no later than 1 July of the year before), and a Song and Dance Celebration day off
 * when its dates are set.
 */
export const latvianCalendarConfig: CalendarConfig = {
  extraHolidays: [
    {
      // Also among the public holidays (under date-holidays' name, kept there to match it); listed
      // here with its basis, and this name is the one shown.
      date: '2023-05-29',
      name: {
        lv: 'Diena, kad Latvijas hokeja komanda ieguva bronzas medaļu 2023. gada Pasaules hokeja čempionātā',
        en: 'Day the Latvian ice hockey team won bronze at the 2023 IIHF World Championship',
      },
      basis: 'Grozījumi likumā "Par svētku, atceres un atzīmējamām dienām" (likumi.lv id 342196)',
    },
    {
      // The final day (Sunday 9 July 2023) fell on a weekend, so the next working day is free.
      date: '2023-07-10',
      name: songAndDanceFestivalDayOff,
      basis:
        'Grozījumi likumā "Par svētku, atceres un atzīmējamām dienām" (02.10.2014., likumi.lv id 269373)',
    },
  ],
  transferredWorkingDays: [
    {
      dayOff: '2023-05-05',
      workingSaturday: '2023-05-20',
      order: 'MK rīkojums "Par darba dienas pārcelšanu 2023. gadā" (likumi.lv id 333470)',
    },
    {
      dayOff: '2024-12-23',
      workingSaturday: '2024-12-14',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2024. gadā" (likumi.lv id 342680)',
    },
    {
      dayOff: '2024-12-30',
      workingSaturday: '2024-12-28',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2024. gadā" (likumi.lv id 342680)',
    },
    {
      dayOff: '2025-05-02',
      workingSaturday: '2025-05-10',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2025. gadā" (likumi.lv id 351684)',
    },
    {
      dayOff: '2025-11-17',
      workingSaturday: '2025-11-08',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2025. gadā" (likumi.lv id 351684)',
    },
    {
      dayOff: '2026-01-02',
      workingSaturday: '2026-01-17',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2026. gadā" (10.06.2025., likumi.lv id 361161)',
    },
    {
      dayOff: '2026-06-22',
      workingSaturday: '2026-06-27',
      order: 'MK rīkojums "Par darba dienu pārcelšanu 2026. gadā" (10.06.2025., likumi.lv id 361161)',
    },
  ],
};
