/** Sample articles on court fees and payments: state fee, office fee, security deposit, exemption. */
import type { SeedArticle } from './seed-types.ts';
import { civilProcedureLaw, courtAdministrationSite, courtsCivilCases, courtsPortal } from './sources.ts';

export const courtFeesArticles: readonly SeedArticle[] = [
  {
    id: 'state-fee-payment-details',
    topic: 'court-fees',
    title: {
      lv: 'Kā samaksāt valsts nodevu',
      en: 'How to pay the state fee',
    },
    summary: {
      lv: 'Valsts nodevas maksājuma rekvizīti ir publicēti Tiesu administrācijas vietnē; maksājuma mērķī norādiet, par ko un kurā lietā maksājat.',
      en: 'The payment details for the state fee are published on the Court Administration website; in the payment reference say what you pay for and in which case.',
    },
    paragraphs: {
      lv: [
        'Valsts nodeva ir maksājums par prasības, pieteikuma vai sūdzības iesniegšanu tiesā. Tās apmēru nosaka Civilprocesa likums, un tas ir atkarīgs no lietas veida un prasības summas.',
        'Saņēmēja nosaukums, konts un citi maksājuma rekvizīti ir publicēti Tiesu administrācijas vietnē un tiesu portālā. Pirms maksājat, pārbaudiet, ka izmantojat pašreizējos rekvizītus.',
        'Maksājuma mērķī norādiet, par ko maksājat (piemēram, valsts nodeva par prasības pieteikumu), kā arī pušu vārdus vai lietas numuru, ja tas ir zināms. Tas palīdz tiesai atrast jūsu maksājumu.',
        'Ja maksājat no ārvalstīm, izmantojiet rekvizītos norādīto IBAN un bankas kodu. Pārliecinieties, ka bankas komisija nesamazina summu, kas nonāk kontā.',
        'Maksājuma apliecinājumu pievienojiet dokumentam, ko iesniedzat tiesā.',
      ],
      en: [
        'The state fee is a payment for filing a claim, an application or a complaint with a court. The Civil Procedure Law sets its amount, which depends on the kind of case and the value of the claim.',
        "The recipient's name, account and other payment details are published on the Court Administration website and on the courts portal. Before paying, check that you use the current details.",
        'In the payment reference say what you pay for (for example, state fee for a statement of claim) and the names of the parties or the case number, if you know it. This helps the court find your payment.',
        'If you pay from abroad, use the IBAN and bank code given in the details. Make sure bank charges do not reduce the amount that reaches the account.',
        'Attach the proof of payment to the document you file with the court.',
      ],
    },
    keywords: {
      lv: [
        'valsts nodeva',
        'rekvizīti',
        'konta numurs',
        'samaksāt',
        'maksājuma mērķis',
        'maksāt no ārzemēm',
        'nodeva',
        'kā samaksāt',
      ],
      en: [
        'state fee',
        'court fee',
        'payment details',
        'account number',
        'pay',
        'payment reference',
        'pay from abroad',
        'bank transfer',
      ],
    },
    synonyms: [
      ['nodeva', 'valsts nodeva'],
      ['rekvizīti', 'konta numurs'],
    ],
    sources: [civilProcedureLaw, courtAdministrationSite, courtsPortal],
    sample: true,
  },
  {
    id: 'state-fee-refund',
    topic: 'court-fees',
    title: {
      lv: 'Kā atgūt pārmaksātu valsts nodevu',
      en: 'How to get a state fee back',
    },
    summary: {
      lv: 'Pārmaksātu vai nevajadzīgu valsts nodevu var atgūt likumā noteiktajos gadījumos, iesniedzot lūgumu tiesai.',
      en: 'An overpaid or unneeded state fee can be returned in the cases the law provides, on a request to the court.',
    },
    paragraphs: {
      lv: [
        'Civilprocesa likums nosaka gadījumus, kad samaksāto valsts nodevu atmaksā. Piemēram, ja samaksājāt vairāk, nekā vajadzēja, vai ja tiesa prasību nepieņēma.',
        'Par atmaksu lemj tiesa. Uzrakstiet lūgumu tiesai, kurai nodeva bija maksāta, un paskaidrojiet, kāpēc nodeva jāatmaksā.',
        'Lūgumam pievienojiet maksājuma apliecinājumu un norādiet kontu, uz kuru atmaksāt naudu, un konta īpašnieka vārdu.',
        'Ja neesat pārliecināts, vai jūsu gadījums atbilst likumam, skatiet Civilprocesa likuma nodaļu par tiesāšanās izdevumiem vai jautājiet tiesai.',
      ],
      en: [
        'The Civil Procedure Law sets the cases in which a state fee is paid back. For example, if you paid more than needed, or if the court did not accept the claim.',
        'The court decides on the refund. Write a request to the court to which the fee was paid and explain why the fee should be returned.',
        "Attach the proof of payment to the request, and give the account for the refund and the account holder's name.",
        'If you are not sure your case fits the law, see the chapter on court costs of the Civil Procedure Law or ask the court.',
      ],
    },
    keywords: {
      lv: [
        'atmaksa',
        'atgūt naudu',
        'pārmaksāts',
        'nodevas atmaksa',
        'samaksāju par daudz',
        'atdot naudu',
        'kļūdains maksājums',
      ],
      en: [
        'refund',
        'money back',
        'overpaid',
        'fee refund',
        'paid too much',
        'return payment',
        'wrong payment',
      ],
    },
    synonyms: [
      ['atmaksa', 'atgriešana'],
      ['pārmaksa', 'pārmaksāts'],
    ],
    sources: [civilProcedureLaw, courtsCivilCases],
    sample: true,
  },
  {
    id: 'office-fee-copies',
    topic: 'court-fees',
    title: {
      lv: 'Kancelejas nodeva par kopijām un izziņām',
      en: 'The office fee for copies and certificates',
    },
    summary: {
      lv: 'Par dokumentu kopijām un izziņām no tiesas maksā kancelejas nodevu, kuras apmēru nosaka Civilprocesa likums.',
      en: 'Copies of documents and certificates from a court carry an office fee, whose amount the Civil Procedure Law sets.',
    },
    paragraphs: {
      lv: [
        'Kancelejas nodeva ir maksājums par tiesas darbu, kas nav lietas izskatīšana: piemēram, par dokumentu kopijām, norakstiem un izziņām.',
        'Kad nodeva jāmaksā un cik liela tā ir, nosaka Civilprocesa likums. Dažos gadījumos to nemaksā, piemēram, ja likums jūs atbrīvo no tiesas izdevumiem.',
        'Maksājuma rekvizīti ir tie paši, kas valsts nodevai; tos atradīsiet Tiesu administrācijas vietnē. Maksājuma mērķī norādiet, par ko maksājat un lietas numuru.',
        'Pieprasot kopiju, pievienojiet maksājuma apliecinājumu vai jautājiet tiesai, vai maksājums vajadzīgs pirms kopijas izsniegšanas.',
      ],
      en: [
        'The office fee is a payment for court work other than hearing the case: for example copies of documents, certified copies and certificates.',
        'The Civil Procedure Law sets when the fee is due and how much it is. In some cases it is not paid, for example if the law exempts you from court costs.',
        'The payment details are the same as for the state fee; you will find them on the Court Administration website. In the payment reference say what you pay for and the case number.',
        'When you ask for a copy, attach the proof of payment, or ask the court whether payment is needed before the copy is issued.',
      ],
    },
    keywords: {
      lv: [
        'kancelejas nodeva',
        'kopija',
        'izziņa',
        'noraksts',
        'maksa par kopiju',
        'cik maksā kopija',
        'dokumenta kopija',
      ],
      en: [
        'office fee',
        'copy',
        'certificate',
        'certified copy',
        'fee for copy',
        'how much copy costs',
        'document copy',
      ],
    },
    synonyms: [
      ['noraksts', 'kopija'],
      ['kancelejas nodeva', 'nodeva'],
    ],
    sources: [civilProcedureLaw, courtAdministrationSite],
    sample: true,
  },
  {
    id: 'security-deposit',
    topic: 'court-fees',
    title: {
      lv: 'Drošības nauda',
      en: 'The security deposit',
    },
    summary: {
      lv: 'Drošības nauda ir summa, ko likumā noteiktos gadījumos iemaksā, iesniedzot sūdzību, piemēram, kasācijas sūdzību; to atmaksā, ja sūdzību apmierina.',
      en: 'A security deposit is a sum paid in the cases the law sets when filing a complaint, such as a cassation complaint; it is returned if the complaint succeeds.',
    },
    paragraphs: {
      lv: [
        'Drošības nauda nav valsts nodeva. Tā ir iemaksa, ko likums prasa dažām sūdzībām, piemēram, kasācijas sūdzībai, lai sūdzības netiktu iesniegtas bez pamata.',
        'Kurām sūdzībām drošības nauda vajadzīga un cik tā ir, nosaka Civilprocesa likums. Ja to nesamaksā, tiesa var sūdzību nepieņemt.',
        'Drošības naudu atmaksā, ja tiesa sūdzību apmierina pilnīgi vai daļēji. Citos gadījumos likums nosaka, ka tā netiek atmaksāta.',
        'Ja jums ir tiesības uz atbrīvojumu no tiesas izdevumiem, tas var attiekties arī uz drošības naudu. Jautājiet par to tiesai, iesniedzot sūdzību.',
      ],
      en: [
        'A security deposit is not a state fee. It is a payment the law requires for some complaints, such as a cassation complaint, so that complaints are not filed without grounds.',
        'The Civil Procedure Law sets which complaints need a deposit and how much it is. If it is not paid, the court may not accept the complaint.',
        'The deposit is returned if the court upholds the complaint in full or in part. In other cases the law provides that it is not returned.',
        'If you are entitled to an exemption from court costs, it may cover the deposit too. Ask the court about it when you file the complaint.',
      ],
    },
    keywords: {
      lv: ['drošības nauda', 'kasācija', 'kasācijas sūdzība', 'depozīts', 'atmaksāt drošības naudu', 'ķīla'],
      en: ['security deposit', 'cassation', 'cassation complaint', 'deposit', 'deposit refund', 'bond'],
    },
    synonyms: [
      ['depozīts', 'drošības nauda'],
      ['ķīla', 'drošības nauda'],
    ],
    sources: [civilProcedureLaw, courtsCivilCases],
    sample: true,
  },
  {
    id: 'fee-exemption',
    topic: 'court-fees',
    title: {
      lv: 'Atbrīvojums no tiesas izdevumiem',
      en: 'Exemption from court costs',
    },
    summary: {
      lv: 'Tiesa var pilnīgi vai daļēji atbrīvot no tiesas izdevumiem cilvēku ar zemiem ienākumiem, ja viņš to lūdz un pamato.',
      en: 'A court can fully or partly exempt a person with a low income from court costs, if they ask and give reasons.',
    },
    paragraphs: {
      lv: [
        'Dažas personas no tiesas izdevumiem atbrīvo pats likums, piemēram, noteiktās lietās par uzturlīdzekļiem vai darba samaksu. Šos gadījumus uzskaita Civilprocesa likums.',
        'Ja jūsu gadījums nav likumā minēts, bet jums ir grūti samaksāt, varat lūgt tiesu jūs atbrīvot no izdevumiem pilnīgi vai daļēji. Tiesa ņem vērā jūsu mantisko stāvokli.',
        'Lūgumu uzrakstiet prasības pieteikumā vai atsevišķā dokumentā. Pievienojiet ziņas par saviem ienākumiem, mantu un apgādājamiem, piemēram, izziņu par trūcīgas vai maznodrošinātas personas statusu.',
        'Ja tiesa atsaka, jūs saņemsiet lēmumu, kurā būs norādīts, vai un kā to var pārsūdzēt.',
      ],
      en: [
        'The law itself exempts some people from court costs, for example in certain cases about maintenance or wages. The Civil Procedure Law lists these cases.',
        'If your case is not among them but you find it hard to pay, you can ask the court to exempt you fully or partly. The court considers your financial situation.',
        'Write the request in your statement of claim or in a separate document. Attach information on your income, property and dependants, for example a certificate of low-income or needy person status.',
        'If the court refuses, you will receive a decision that says whether and how it can be appealed.',
      ],
    },
    keywords: {
      lv: [
        'atbrīvojums',
        'nevaru samaksāt',
        'nav naudas',
        'trūcīgs',
        'maznodrošināts',
        'samazināt nodevu',
        'atbrīvot no nodevas',
        'tiesas izdevumi',
      ],
      en: [
        'exemption',
        'cannot pay',
        'no money',
        'low income',
        'needy',
        'reduce fee',
        'fee waiver',
        'court costs',
      ],
    },
    synonyms: [
      ['trūcīgs', 'maznodrošināts'],
      ['atbrīvojums', 'atlaide'],
    ],
    sources: [civilProcedureLaw, courtsCivilCases],
    sample: true,
  },
];
