/** Sample articles on insolvency: administrators, personal insolvency, legal protection, creditors. */
import type { SeedArticle } from './seed-types.ts';
import { courtsPortal, enterpriseRegister, insolvencyControlService, insolvencyLaw } from './sources.ts';

export const insolvencyArticles: readonly SeedArticle[] = [
  {
    id: 'complaint-about-administrator',
    topic: 'insolvency',
    title: {
      lv: 'Sūdzība par maksātnespējas administratora rīcību',
      en: 'Complaining about an insolvency administrator',
    },
    summary: {
      lv: 'Administratora darbu uzrauga Maksātnespējas kontroles dienests: sūdzību par administratora rīcību iesniedziet tur, bet par dažiem lēmumiem likums paredz vērsties tiesā.',
      en: "The Insolvency Control Service supervises administrators: send a complaint about an administrator's actions there, although for some decisions the law provides going to court.",
    },
    paragraphs: {
      lv: [
        'Maksātnespējas administrators vada maksātnespējas procesu. Viņa darbu uzrauga Maksātnespējas kontroles dienests, nevis Tiesu administrācija.',
        'Sūdzībā norādiet parādnieka nosaukumu vai vārdu, procesa lietas numuru, administratora vārdu, ko tieši administrators izdarījis vai nav izdarījis, un ko jūs lūdzat. Pievienojiet dokumentus, kas to pierāda.',
        'Dažus administratora lēmumus, piemēram, par kreditora prasījumu, Maksātnespējas likums ļauj pārsūdzēt tiesā. Šādos gadījumos termiņu un kārtību nosaka likums, un tas jāievēro.',
        'Pirms sūdzības ir vērts rakstīt pašam administratoram: bieži jautājumu var atrisināt ātrāk.',
      ],
      en: [
        "An insolvency administrator runs the insolvency proceedings. The Insolvency Control Service, not the Court Administration, supervises the administrator's work.",
        "In the complaint give the debtor's name, the case number, the administrator's name, what exactly the administrator did or failed to do, and what you ask for. Attach documents that show it.",
        "The Insolvency Law lets some of the administrator's decisions, for example on a creditor's claim, be appealed to a court. In those cases the law sets the time limit and procedure, and you must keep to them.",
        'Before complaining, it is worth writing to the administrator first: the matter can often be solved faster.',
      ],
    },
    keywords: {
      lv: [
        'sūdzība par administratoru',
        'administrators',
        'maksātnespējas administrators',
        'uzraudzība',
        'administratora kļūda',
        'sūdzēties',
        'mkd',
      ],
      en: [
        'complaint about administrator',
        'administrator',
        'insolvency administrator',
        'supervision',
        'administrator error',
        'complain',
        'insolvency control service',
      ],
    },
    synonyms: [
      ['administrators', 'maksātnespējas administrators'],
      ['mkd', 'maksātnespējas kontroles dienests'],
    ],
    sources: [insolvencyLaw, insolvencyControlService],
    sample: true,
  },
  {
    id: 'personal-insolvency-overview',
    topic: 'insolvency',
    title: {
      lv: 'Fiziskās personas maksātnespēja',
      en: 'Personal insolvency',
    },
    summary: {
      lv: 'Fiziskās personas maksātnespējas process palīdz cilvēkam, kurš nespēj samaksāt parādus, un to pasludina tiesa pēc parādnieka pieteikuma.',
      en: "Personal insolvency proceedings help a person who cannot pay their debts; a court declares them on the debtor's application.",
    },
    paragraphs: {
      lv: [
        'Fiziskās personas maksātnespējas process ir likumā noteikts ceļš cilvēkam, kurš nespēj samaksāt savus parādus. Procesa laikā pārdod mantu kreditoru labā, un pēc tam daļu atlikušo saistību var dzēst.',
        'Pieteikumu tiesai iesniedz pats parādnieks. Kādiem nosacījumiem jāatbilst, piemēram, cik lieli ir parādi un vai tie nav samaksāti laikā, nosaka Maksātnespējas likums.',
        'Tiesa izvērtē pieteikumu, pasludina maksātnespēju un ieceļ administratoru. Administrators pārvalda parādnieka mantu, un parādniekam procesa laikā ir pienākumi, kas noteikti likumā.',
        'Pirms pieteikuma iesniegšanas ieteicams saņemt jurista padomu. Informācija par procesu ir arī Maksātnespējas kontroles dienesta vietnē.',
      ],
      en: [
        'Personal insolvency proceedings are the path the law sets for a person who cannot pay their debts. During the proceedings, property is sold for the creditors, and afterwards part of the remaining obligations can be written off.',
        'The debtor files the application with the court. The Insolvency Law sets the conditions, for example how large the debts are and whether they were not paid on time.',
        "The court examines the application, declares insolvency and appoints an administrator. The administrator manages the debtor's property, and the debtor has duties during the proceedings that the law sets.",
        "Before applying, it is wise to get a lawyer's advice. Information on the proceedings is also on the Insolvency Control Service's website.",
      ],
    },
    keywords: {
      lv: [
        'maksātnespēja',
        'bankrots',
        'privātpersonas maksātnespēja',
        'parādi',
        'nevaru samaksāt kredītu',
        'saistību dzēšana',
        'pieteikums tiesai',
      ],
      en: [
        'insolvency',
        'bankruptcy',
        'personal bankruptcy',
        'debts',
        'cannot pay loan',
        'debt discharge',
        'application to court',
      ],
    },
    synonyms: [
      ['bankrots', 'maksātnespēja'],
      ['parādi', 'saistības'],
    ],
    sources: [insolvencyLaw, insolvencyControlService, courtsPortal],
    sample: true,
  },
  {
    id: 'legal-protection-proceedings',
    topic: 'insolvency',
    title: {
      lv: 'Tiesiskās aizsardzības process uzņēmumam',
      en: 'Legal protection proceedings for a company',
    },
    summary: {
      lv: 'Tiesiskās aizsardzības process ļauj uzņēmumam finansiālās grūtībās vienoties ar kreditoriem par parādu atmaksas plānu tiesas uzraudzībā.',
      en: 'Legal protection proceedings let a company in financial difficulty agree a debt repayment plan with its creditors under court supervision.',
    },
    paragraphs: {
      lv: [
        'Tiesiskās aizsardzības process ir paredzēts juridiskai personai, kurai ir vai drīz būs finansiālas grūtības, bet kura var atjaunot maksātspēju.',
        'Uzņēmums sagatavo pasākumu plānu, kā tas atmaksās parādus, un to atbalsta kreditori likumā noteiktajā kārtībā. Tiesa lemj par procesa ierosināšanu un plāna apstiprināšanu.',
        'Procesa laikā uzņēmums turpina darbu, bet tā darbību uzrauga uzraugošā persona. Ja plāns netiek pildīts, tiesa var procesu izbeigt.',
        'Sīkāk nosacījumi un procesa gaita ir aprakstīti Maksātnespējas likumā. Pieteikumu tiesai parasti sagatavo jurists.',
      ],
      en: [
        'Legal protection proceedings are meant for a legal person that has, or will soon have, financial difficulties but can restore its solvency.',
        'The company prepares a plan of measures for repaying its debts, and the creditors support it as the law sets. The court decides on opening the proceedings and approving the plan.',
        'During the proceedings the company keeps working, but a supervisor oversees it. If the plan is not carried out, the court may end the proceedings.',
        'The Insolvency Law describes the conditions and the course of the proceedings. A lawyer usually prepares the application to the court.',
      ],
    },
    keywords: {
      lv: [
        'tiesiskās aizsardzības process',
        'tap',
        'uzņēmuma grūtības',
        'pasākumu plāns',
        'glābt uzņēmumu',
        'kreditori',
        'maksātspēja',
      ],
      en: [
        'legal protection proceedings',
        'restructuring',
        'company in difficulty',
        'plan of measures',
        'save company',
        'creditors',
        'solvency',
      ],
    },
    synonyms: [
      ['tap', 'tiesiskās aizsardzības process'],
      ['uzņēmums', 'komersants'],
    ],
    sources: [insolvencyLaw, insolvencyControlService],
    sample: true,
  },
  {
    id: 'creditor-claims-insolvency',
    topic: 'insolvency',
    title: {
      lv: 'Kreditoram: kā pieteikt prasījumu maksātnespējas procesā',
      en: 'For creditors: submitting a claim in insolvency proceedings',
    },
    summary: {
      lv: 'Kreditora prasījumu iesniedz maksātnespējas administratoram likumā noteiktajā termiņā, ko skaita no paziņojuma publicēšanas.',
      en: "A creditor's claim is submitted to the insolvency administrator within the time limit in the law, counted from the publication of the notice.",
    },
    paragraphs: {
      lv: [
        'Ja parādnieks, kuram esat aizdevis naudu vai piegādājis preces, ir maksātnespējīgs, jūsu nauda var tikt atgūta tikai maksātnespējas procesā. Tāpēc jāiesniedz kreditora prasījums.',
        'Prasījumu iesniedz procesa administratoram, nevis tiesai vai Tiesu administrācijai. Administratora vārds un adrese ir paziņojumā par maksātnespējas procesu un maksātnespējas reģistrā.',
        'Termiņu prasījuma iesniegšanai nosaka Maksātnespējas likums, un to skaita no paziņojuma publicēšanas. Ja termiņu nokavē, var zaudēt tiesības uz daļu no atgūstamā.',
        'Prasījumā norādiet summu, tās pamatu un pievienojiet dokumentus, piemēram, līgumu, rēķinus vai tiesas spriedumu. Administrators izlemj, vai prasījumu atzīst.',
      ],
      en: [
        "If a debtor to whom you lent money or delivered goods is insolvent, your money can only be recovered in the insolvency proceedings. So you must submit a creditor's claim.",
        "The claim goes to the administrator of the proceedings, not to the court or the Court Administration. The administrator's name and address are in the notice of the insolvency proceedings and in the insolvency register.",
        'The Insolvency Law sets the time limit for submitting a claim, counted from the publication of the notice. If you miss it, you may lose rights to part of what is recovered.',
        'In the claim give the amount and its basis, and attach documents, such as the contract, invoices or a court judgment. The administrator decides whether to accept the claim.',
      ],
    },
    keywords: {
      lv: [
        'kreditors',
        'kreditora prasījums',
        'pieteikt prasījumu',
        'parāds',
        'uzņēmums bankrotējis',
        'atgūt naudu',
        'termiņš',
      ],
      en: [
        'creditor',
        'creditor claim',
        'submit claim',
        'debt',
        'company went bankrupt',
        'recover money',
        'time limit',
      ],
    },
    synonyms: [
      ['prasījums', 'prasība'],
      ['bankrotējis', 'maksātnespējīgs'],
    ],
    sources: [insolvencyLaw, enterpriseRegister],
    sample: true,
  },
  {
    id: 'find-insolvency-administrator',
    topic: 'insolvency',
    title: {
      lv: 'Kā uzzināt, kurš ir maksātnespējas administrators',
      en: 'Finding out who the insolvency administrator is',
    },
    summary: {
      lv: 'Procesa administratoru var atrast maksātnespējas reģistrā, ko uztur Uzņēmumu reģistrs, un administratoru sarakstā Maksātnespējas kontroles dienesta vietnē.',
      en: "You can find the administrator of a proceeding in the insolvency register kept by the Enterprise Register, and in the list of administrators on the Insolvency Control Service's website.",
    },
    paragraphs: {
      lv: [
        'Ziņas par maksātnespējas procesiem ir publiskas. Tās ir maksātnespējas reģistrā, ko uztur Uzņēmumu reģistrs.',
        'Reģistrā meklējiet pēc parādnieka nosaukuma, reģistrācijas numura vai vārda. Tur redzēsiet procesa veidu, tiesu un administratora vārdu.',
        'Administratora kontaktus, piemēram, prakses vietas adresi, var atrast administratoru sarakstā Maksātnespējas kontroles dienesta vietnē.',
        'Ar jautājumiem par konkrētu procesu vērsieties pie administratora. Tiesu administrācija procesu nevada un tā dokumentus neglabā.',
      ],
      en: [
        'Information about insolvency proceedings is public. It is in the insolvency register kept by the Enterprise Register.',
        "Search the register by the debtor's name, registration number or personal name. You will see the kind of proceedings, the court and the administrator's name.",
        "The administrator's contacts, such as the office address, are in the list of administrators on the Insolvency Control Service's website.",
        'Ask the administrator about a specific proceeding. The Court Administration does not run proceedings and does not keep their documents.',
      ],
    },
    keywords: {
      lv: [
        'kas ir administrators',
        'atrast administratoru',
        'maksātnespējas reģistrs',
        'administratora kontakti',
        'uzņēmumu reģistrs',
        'meklēt procesu',
      ],
      en: [
        'who is administrator',
        'find administrator',
        'insolvency register',
        'administrator contacts',
        'enterprise register',
        'search proceedings',
      ],
    },
    synonyms: [
      ['administrators', 'maksātnespējas administrators'],
      ['reģistrs', 'maksātnespējas reģistrs'],
    ],
    sources: [insolvencyLaw, enterpriseRegister, insolvencyControlService],
    sample: true,
  },
];
