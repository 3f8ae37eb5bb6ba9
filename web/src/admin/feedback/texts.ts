/**
 * The client survey's texts of the admin page (the response on a ticket, the supervisors' feedback
 * view), Latvian first; `texts.ts` takes them in, so they are looked up like every other text.
 */

export const feedbackLv = {
  'survey.heading': 'Klienta aptaujas atbilde',
  'survey.satisfaction': 'Apmierinātība',
  'survey.score': '{score} no 5',
  'survey.answered': 'Vai saņēma atbildi uz jautājumu',
  'survey.answered.yes': 'Jā',
  'survey.answered.partly': 'Daļēji',
  'survey.answered.no': 'Nē',
  'survey.comment': 'Komentārs',
  'survey.noComment': 'Komentāra nav.',
  'survey.respondedAt': 'Atbildēja',
  'survey.changedAt': 'Mainīja',
  'survey.followUp': 'Izskatīšana',
  'survey.followUp.done': 'Izskatīja {by}, {at}',
  'survey.followUp.pending': 'Gaida, kad vadītājs to izskatīs (sadaļā „Atsauksmes”).',
  'survey.followUp.notNeeded': 'Nav vajadzīga.',
  'survey.followUp.note': 'Vadītāja piezīme',

  'view.feedback': 'Atsauksmes',
  'view.feedback.intro':
    'Klientu aptaujas atbildes, kas jāizskata vadītājam (vērtējums 1–2 vai „Nē” uz jautājumu, vai klients saņēma atbildi), un visi komentāri. Personas dati komentāros ir aizklāti.',
  'feedback.unit': 'Struktūrvienība',
  'feedback.show': 'Rādīt',
  'feedback.followup.heading': 'Jāizskata',
  'feedback.followup.empty': 'Nav atsauksmju, kas jāizskata.',
  'feedback.comments.heading': 'Komentāri',
  'feedback.comments.empty': 'Šai struktūrvienībai vēl nav komentāru.',
  'feedback.column.reference': 'Pieprasījums',
  'feedback.column.score': 'Vērtējums',
  'feedback.column.answered': 'Saņēma atbildi',
  'feedback.column.comment': 'Komentārs',
  'feedback.column.date': 'Datums',
  'feedback.column.action': 'Darbība',
  'feedback.noComment': '—',
  'feedback.followUp.button': 'Izskatīts',
  'feedback.followUp.title': 'Atzīmēt atsauksmi kā izskatītu?',
  'feedback.followUp.text':
    'Pieprasījuma {reference} atsauksme tiks noņemta no izskatāmo saraksta. To nevar atsaukt.',
  'feedback.followUp.note': 'Ko darījāt (nav obligāti)',
  'feedback.followUp.submit': 'Atzīmēt kā izskatītu',
  'feedback.followedUp': 'Pieprasījuma {reference} atsauksme atzīmēta kā izskatīta.',
} as const;

export type FeedbackTextKey = keyof typeof feedbackLv;

export const feedbackEn: Record<FeedbackTextKey, string> = {
  'survey.heading': 'Client’s survey response',
  'survey.satisfaction': 'Satisfaction',
  'survey.score': '{score} of 5',
  'survey.answered': 'Got an answer to the question',
  'survey.answered.yes': 'Yes',
  'survey.answered.partly': 'Partly',
  'survey.answered.no': 'No',
  'survey.comment': 'Comment',
  'survey.noComment': 'No comment.',
  'survey.respondedAt': 'Responded',
  'survey.changedAt': 'Changed',
  'survey.followUp': 'Follow-up',
  'survey.followUp.done': 'Followed up by {by}, {at}',
  'survey.followUp.pending': 'Waiting for a supervisor to follow it up (under “Feedback”).',
  'survey.followUp.notNeeded': 'Not needed.',
  'survey.followUp.note': 'Supervisor’s note',

  'view.feedback': 'Feedback',
  'view.feedback.intro':
    'Clients’ survey responses for a supervisor to follow up (a score of 1–2, or “No” to whether they got an answer), and every comment. Personal data in comments is masked.',
  'feedback.unit': 'Unit',
  'feedback.show': 'Show',
  'feedback.followup.heading': 'To follow up',
  'feedback.followup.empty': 'No feedback to follow up.',
  'feedback.comments.heading': 'Comments',
  'feedback.comments.empty': 'No comments for this unit yet.',
  'feedback.column.reference': 'Request',
  'feedback.column.score': 'Score',
  'feedback.column.answered': 'Got an answer',
  'feedback.column.comment': 'Comment',
  'feedback.column.date': 'Date',
  'feedback.column.action': 'Action',
  'feedback.noComment': '—',
  'feedback.followUp.button': 'Followed up',
  'feedback.followUp.title': 'Mark the feedback as followed up?',
  'feedback.followUp.text':
    'The feedback on request {reference} will leave the list to follow up. This cannot be undone.',
  'feedback.followUp.note': 'What you did (optional)',
  'feedback.followUp.submit': 'Mark as followed up',
  'feedback.followedUp': 'The feedback on request {reference} is marked as followed up.',
};
