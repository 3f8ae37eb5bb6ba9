/** Sample articles on general questions: contacting the administration, deadlines, courts. */
import type { SeedArticle } from './seed-types.ts';
import {
  civilProcedureLaw,
  courtAdministrationSite,
  courtsCivilCases,
  courtsLegalAidPage,
  courtsPortal,
  eAddressLaw,
  eCasePortal,
  eCaseService,
  electronicDocumentsLaw,
  judicialPowerLaw,
  legalAidAdministration,
  submissionsLaw,
} from './sources.ts';

export const generalArticles: readonly SeedArticle[] = [
  {
    id: 'how-to-contact-court-administration',
    topic: 'general',
    title: {
      lv: 'Kā sazināties ar Tiesu administrāciju',
      en: 'How to contact the Court Administration',
    },
    summary: {
      lv: 'Jūs varat rakstīt mums tīmekļa veidlapā, e-pastā, uz e-adresi vai pa pastu, kā arī zvanīt.',
      en: 'You can write to us with the web form, by e-mail, to our e-address or by post, or you can call us.',
    },
    paragraphs: {
      lv: [
        'Ērtākais veids ir tīmekļa veidlapa šajā vietnē. Izvēlieties tēmu, un jūsu jautājums nonāks pie darbiniekiem, kas to pārzina.',
        'Jūs varat rakstīt arī e-pastu vai sūtīt vēstuli pa pastu. Ja vēlaties, lai jūsu iesniegums būtu parakstīts, parakstiet e-pastu ar drošu elektronisko parakstu vai sūtiet to uz mūsu oficiālo elektronisko adresi (e-adresi).',
        'Ja jautājums ir steidzams vai vienkāršs, varat zvanīt. Tālruņa numurs un darba laiks ir norādīti Tiesu administrācijas vietnes sadaļā par kontaktiem.',
        'Pēc jūsu iesnieguma saņemšanas mēs nosūtām apstiprinājumu ar numuru. Rakstot vēlreiz par to pašu jautājumu, norādiet šo numuru.',
      ],
      en: [
        'The easiest way is the web form on this site. Choose a topic, and your question goes to the staff who know it.',
        'You can also send an e-mail or a letter by post. If your submission needs a signature, sign the e-mail with a qualified electronic signature or send it to our official electronic address (e-address).',
        'If the question is urgent or simple, you can call. The phone number and opening hours are in the contacts section of the Court Administration website.',
        'When we receive your submission, we send a confirmation with a reference number. When you write again about the same matter, give this number.',
      ],
    },
    keywords: {
      lv: ['kontakti', 'sazināties', 'telefons', 'tālrunis', 'e-pasts', 'adrese', 'uzrakstīt', 'piezvanīt'],
      en: ['contact', 'phone', 'telephone', 'e-mail', 'address', 'write', 'call', 'reach'],
    },
    synonyms: [
      ['telefons', 'tālrunis'],
      ['epasts', 'e-pasts'],
    ],
    sources: [courtAdministrationSite, submissionsLaw],
    sample: true,
  },
  {
    id: 'answer-deadlines',
    topic: 'general',
    title: {
      lv: 'Cik ilgā laikā jūs saņemsiet atbildi',
      en: 'How long an answer takes',
    },
    summary: {
      lv: 'Atbildes termiņu iesniegumam nosaka Iesniegumu likums; apstiprinājumā norādām datumu, līdz kuram atbildēsim.',
      en: 'The Law on Submissions sets the deadline for answering; our confirmation states the date by which we will answer.',
    },
    paragraphs: {
      lv: [
        'Uz iesniegumu iestāde atbild saprātīgā termiņā, bet ne vēlāk par Iesniegumu likuma 5. pantā noteikto termiņu. Termiņu skaita no dienas, kad saņemam iesniegumu.',
        'Ja atbildei vajag vairāk laika, piemēram, jāsaņem informācija no citas iestādes, termiņu var pagarināt tikai likumā noteiktajās robežās. Par pagarinājumu mēs jums paziņojam un pasakām iemeslu.',
        'Apstiprinājumā, ko saņemat pēc iesnieguma nosūtīšanas, ir norādīts paredzamais atbildes datums. Tas ir vēlākais datums: parasti atbildam ātrāk.',
        'Iesniegumam par saviem personas datiem ir cits termiņš, ko nosaka Vispārīgā datu aizsardzības regula. Tiesas procesā termiņus nosaka procesa likumi, nevis Iesniegumu likums.',
      ],
      en: [
        'An authority answers a submission within a reasonable time, but no later than the deadline set in Section 5 of the Law on Submissions. The time runs from the day we receive the submission.',
        'If the answer needs more time, for example because information must come from another authority, the deadline can be extended only within the limits of the law. We tell you about the extension and why.',
        'The confirmation you receive after sending a submission states the expected date of the answer. It is the latest date: we usually answer sooner.',
        'A request about your own personal data has a different deadline, set by the General Data Protection Regulation. In court proceedings, the procedural laws set the time limits, not the Law on Submissions.',
      ],
    },
    keywords: {
      lv: ['termiņš', 'cik ilgi', 'kad atbildēs', 'atbilde', 'gaidīt', 'nokavēts', 'pagarināt', 'mēnesis'],
      en: ['deadline', 'how long', 'when', 'answer', 'reply', 'waiting', 'late', 'extension'],
    },
    synonyms: [
      ['atbilde', 'atbildes vēstule'],
      ['termiņš', 'laiks'],
    ],
    sources: [submissionsLaw, courtAdministrationSite],
    sample: true,
  },
  {
    id: 'which-court-handles-my-case',
    topic: 'general',
    title: {
      lv: 'Kura tiesa izskata manu lietu',
      en: 'Which court handles my case',
    },
    summary: {
      lv: 'Kurai tiesai jāiesniedz lieta, nosaka likums; tiesu un to darbības teritorijas var atrast portālā tiesas.lv.',
      en: 'The law decides which court hears a case; you can find the courts and their territories on tiesas.lv.',
    },
    paragraphs: {
      lv: [
        'To, kurā tiesā jāiesniedz prasība vai pieteikums, nosaka likums. Civillietās to sauc par piekritību, un tā ir aprakstīta Civilprocesa likumā. Bieži lietu izskata tiesa, kuras teritorijā dzīvo atbildētājs.',
        'Portālā tiesas.lv ir visu tiesu saraksts, to adreses un darbības teritorijas. Tur varat atrast arī tiesas kontaktus.',
        'Ja lieta jau ir tiesā, tās numurs un tiesa ir norādīta tiesas vēstulē. Savu lietu varat skatīt arī e-lietas portālā.',
        'Tiesu administrācija lietas neizskata un nevar tās nodot citai tiesai. Jautājumus par konkrētu lietu uzdodiet tiesai, kurā tā atrodas.',
      ],
      en: [
        'The law decides in which court a claim or an application must be filed. In civil cases this is called jurisdiction, and the Civil Procedure Law describes it. Often the court is the one in whose territory the defendant lives.',
        "The portal tiesas.lv lists all courts, their addresses and the territories they serve. You can find each court's contacts there too.",
        "If the case is already in court, the court's letter states its number and the court. You can also see your case on the e-case portal.",
        'The Court Administration does not hear cases and cannot move them to another court. Ask the court where the case is about a specific case.',
      ],
    },
    keywords: {
      lv: [
        'kura tiesa',
        'tiesa',
        'piekritība',
        'rajona tiesa',
        'apgabaltiesa',
        'kur iesniegt',
        'tiesas adrese',
      ],
      en: [
        'which court',
        'court',
        'jurisdiction',
        'district court',
        'regional court',
        'where to file',
        'court address',
      ],
    },
    synonyms: [
      ['piekritība', 'pakļautība'],
      ['tiesa', 'tiesu nams'],
    ],
    sources: [civilProcedureLaw, courtsCivilCases, courtsPortal],
    service: eCaseService,
    sample: true,
  },
  {
    id: 'court-administration-cannot-advise',
    topic: 'general',
    title: {
      lv: 'Ko Tiesu administrācija nevar darīt',
      en: 'What the Court Administration cannot do',
    },
    summary: {
      lv: 'Mēs nesniedzam juridiskas konsultācijas un nevaram ietekmēt tiesnesi vai lietas iznākumu, bet varam pateikt, kur meklēt palīdzību.',
      en: 'We do not give legal advice and cannot influence a judge or the outcome of a case, but we can tell you where to find help.',
    },
    paragraphs: {
      lv: [
        'Tiesu administrācija ir iestāde, kas nodrošina tiesu darbu. Tā nav tiesa un lietas neizlemj.',
        'Tiesneši ir neatkarīgi un pakļauti tikai likumam. Tāpēc neviens, arī mēs, nevar lūgt tiesnesim lemt citādi, paātrināt lietu vai mainīt spriedumu. Nolēmumu var pārsūdzēt tikai likumā noteiktajā kārtībā.',
        'Mēs nevaram jums ieteikt, ko rakstīt prasībā vai kā rīkoties jūsu lietā. Juridisku padomu var sniegt advokāts vai cits jurists.',
        'Ja jums nav pietiekamu līdzekļu, varat lūgt valsts nodrošināto juridisko palīdzību. Informācija par to ir Juridiskās palīdzības administrācijas vietnē.',
      ],
      en: [
        'The Court Administration is the authority that supports the work of the courts. It is not a court and does not decide cases.',
        'Judges are independent and bound only by the law. So no one, including us, can ask a judge to decide differently, to speed up a case or to change a judgment. A decision can be appealed only as the law provides.',
        'We cannot advise you what to write in a claim or what to do in your case. A lawyer can give legal advice.',
        'If you cannot afford a lawyer, you can ask for state-guaranteed legal aid. Information is on the website of the Legal Aid Administration.',
      ],
    },
    keywords: {
      lv: [
        'juridiska konsultācija',
        'padoms',
        'jurists',
        'advokāts',
        'ietekmēt tiesnesi',
        'sūdzība par tiesnesi',
        'palīdzēt lietā',
      ],
      en: [
        'legal advice',
        'advice',
        'lawyer',
        'attorney',
        'influence judge',
        'complaint about judge',
        'help with case',
      ],
    },
    synonyms: [
      ['jurists', 'advokāts'],
      ['konsultācija', 'padoms'],
    ],
    sources: [judicialPowerLaw, legalAidAdministration, courtsLegalAidPage],
    sample: true,
  },
  {
    id: 'submitting-documents-to-court',
    topic: 'general',
    title: {
      lv: 'Kā iesniegt dokumentu tiesā',
      en: 'How to submit a document to a court',
    },
    summary: {
      lv: 'Dokumentu tiesai var iesniegt klātienē, pa pastu, e-pastā ar drošu elektronisko parakstu vai e-lietas portālā.',
      en: 'You can submit a document to a court in person, by post, by e-mail with a qualified electronic signature, or on the e-case portal.',
    },
    paragraphs: {
      lv: [
        'Dokumentu var iesniegt tiesas kancelejā klātienē vai nosūtīt pa pastu uz tiesas adresi. Papīra dokumentu parakstiet ar roku.',
        'Elektroniski sūtītam dokumentam jābūt parakstītam ar drošu elektronisko parakstu, piemēram, eParakstu. Parasts e-pasts bez šāda paraksta tiesā var netikt pieņemts kā parakstīts dokuments.',
        'Ja esat lietas dalībnieks, dokumentus var iesniegt e-lietas portālā manas.tiesas.lv. Tur redzēsiet arī, ka tiesa dokumentu saņēmusi.',
        'Dokumentā norādiet lietas numuru, ja tas jums ir zināms. Prasībām un sūdzībām likums nosaka arī saturu un pielikumus; tos skatiet Civilprocesa likumā vai citā procesa likumā.',
      ],
      en: [
        "You can hand in a document at the court's office or send it by post to the court's address. Sign a paper document by hand.",
        'A document sent electronically must be signed with a qualified electronic signature, such as eParaksts. A plain e-mail without such a signature may not be accepted as a signed document.',
        'If you are a party to the case, you can submit documents on the e-case portal manas.tiesas.lv. You will also see there that the court has received the document.',
        'Give the case number in the document if you know it. For claims and complaints the law also sets the content and attachments; see the Civil Procedure Law or the other procedural law.',
      ],
    },
    keywords: {
      lv: [
        'iesniegt',
        'nosūtīt',
        'dokuments',
        'pasts',
        'paraksts',
        'kanceleja',
        'iesniegt tiesā',
        'aizsūtīt',
      ],
      en: ['submit', 'send', 'document', 'post', 'signature', 'court office', 'file', 'hand in'],
    },
    synonyms: [
      ['iesniegt', 'aizsūtīt'],
      ['eparaksts', 'elektroniskais paraksts'],
    ],
    sources: [civilProcedureLaw, electronicDocumentsLaw, eAddressLaw, eCasePortal],
    service: eCaseService,
    sample: true,
  },
];
