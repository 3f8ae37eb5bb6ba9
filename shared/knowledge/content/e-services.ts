/** Sample articles on the courts' e-services: the e-case portal, e-address, e-signature, hearings. */
import type { SeedArticle } from './seed-types.ts';
import {
  civilProcedureLaw,
  courtsPortal,
  eAddressLaw,
  eCasePortal,
  eCaseService,
  electronicDocumentsLaw,
  eSignatureProvider,
  judicialPowerLaw,
  stateServicesPortal,
  stateServicesPortalService,
} from './sources.ts';

export const eServicesArticles: readonly SeedArticle[] = [
  {
    id: 'e-case-portal-login',
    topic: 'e-services',
    title: {
      lv: 'Kā pieslēgties e-lietas portālam',
      en: 'How to log in to the e-case portal',
    },
    summary: {
      lv: 'E-lietas portālā manas.tiesas.lv pieslēdzas ar valsts portāla autentifikācijas rīkiem: eParakstu, eID karti, Smart-ID vai internetbanku.',
      en: "You log in to the e-case portal manas.tiesas.lv with the state portal's login methods: eParaksts, an eID card, Smart-ID or an internet bank.",
    },
    paragraphs: {
      lv: [
        'E-lietas portāls manas.tiesas.lv ir vieta, kur var redzēt savas tiesas lietas, iesniegt dokumentus un saņemt tiesas dokumentus.',
        'Lai pieslēgtos, izvēlieties kādu no piedāvātajiem veidiem: eParaksts, eID karte, Smart-ID vai internetbanka. Tā jūs apliecināt, kas jūs esat.',
        'Ja pieslēgties neizdodas, mēģiniet citu pieslēgšanās veidu vai citu pārlūkprogrammu un pārbaudiet, vai jūsu eParaksts vai Smart-ID ir derīgs.',
        'Ja pieslēgšanās izdodas, bet savu lietu neredzat, sazinieties ar tiesu, kurā ir lieta. Ja portāls rāda kļūdu, aprakstiet to mums veidlapā un pievienojiet ekrānattēlu bez personas datiem.',
      ],
      en: [
        'The e-case portal manas.tiesas.lv is where you can see your court cases, submit documents and receive documents from the court.',
        'To log in, choose one of the offered methods: eParaksts, an eID card, Smart-ID or an internet bank. This proves who you are.',
        'If you cannot log in, try another login method or another browser, and check that your eParaksts or Smart-ID is valid.',
        'If you can log in but do not see your case, contact the court where the case is. If the portal shows an error, describe it to us in the form and attach a screenshot without personal data.',
      ],
    },
    keywords: {
      lv: [
        'pieslēgties',
        'ielogoties',
        'manas tiesas',
        'e-lieta',
        'nevaru pieslēgties',
        'autentifikācija',
        'smart-id',
        'internetbanka',
      ],
      en: [
        'log in',
        'login',
        'sign in',
        'e-case',
        'cannot log in',
        'authentication',
        'smart-id',
        'internet bank',
      ],
    },
    synonyms: [
      ['ielogoties', 'pieslēgties'],
      ['e-lieta', 'e-lietas portāls'],
    ],
    sources: [eCasePortal, stateServicesPortal],
    service: eCaseService,
    sample: true,
  },
  {
    id: 'view-case-materials-online',
    topic: 'e-services',
    title: {
      lv: 'Lietas materiālu skatīšana tiešsaistē',
      en: 'Seeing case materials online',
    },
    summary: {
      lv: 'Lietas dalībnieki un viņu pārstāvji savas lietas materiālus var skatīt e-lietas portālā; citiem piekļuvi nosaka likums.',
      en: 'Parties and their representatives can see their case materials on the e-case portal; the law decides access for others.',
    },
    paragraphs: {
      lv: [
        'Ja esat lietas dalībnieks, piemēram, prasītājs vai atbildētājs, pēc pieslēgšanās e-lietas portālā redzēsiet savas lietas un to dokumentus.',
        'Pārstāvis, piemēram, advokāts, lietu redz, ja tiesa ir reģistrējusi viņa pilnvarojumu. Ja tā nav, iesniedziet tiesai pilnvaru.',
        'Citas personas lietas materiālus var iepazīt tikai tad, ja to atļauj likums un tiesa. Par to jālūdz tiesai, kurā ir lieta.',
        'Ja portālā trūkst kāda dokumenta, kas lietā ir, jautājiet tiesai: ne visi dokumenti tiek ievietoti portālā.',
      ],
      en: [
        'If you are a party to the case, for example the claimant or the defendant, you will see your cases and their documents after logging in to the e-case portal.',
        'A representative, such as a lawyer, sees the case once the court has registered their authorisation. If not, submit a power of attorney to the court.',
        'Other people can see case materials only where the law and the court allow it. They must ask the court where the case is.',
        'If a document that is in the case is missing from the portal, ask the court: not every document is placed on the portal.',
      ],
    },
    keywords: {
      lv: [
        'lietas materiāli',
        'iepazīties ar lietu',
        'skatīt lietu',
        'piekļuve lietai',
        'pilnvara',
        'dokumenti tiešsaistē',
        'mana lieta',
      ],
      en: [
        'case materials',
        'case file',
        'view case',
        'access to case',
        'power of attorney',
        'documents online',
        'my case',
      ],
    },
    synonyms: [
      ['lietas materiāli', 'lietas dokumenti'],
      ['pilnvara', 'pilnvarojums'],
    ],
    sources: [eCasePortal, civilProcedureLaw],
    service: eCaseService,
    sample: true,
  },
  {
    id: 'e-address',
    topic: 'e-services',
    title: {
      lv: 'Oficiālā elektroniskā adrese (e-adrese)',
      en: 'The official electronic address (e-address)',
    },
    summary: {
      lv: 'E-adrese ir droša elektroniska pastkastīte saziņai ar valsti; to aktivizē portālā latvija.gov.lv, un tiesas uz to var sūtīt dokumentus.',
      en: 'The e-address is a secure electronic mailbox for dealing with the state; you activate it on latvija.gov.lv, and courts can send documents to it.',
    },
    paragraphs: {
      lv: [
        'E-adrese ir jūsu oficiālā pastkastīte internetā. Valsts iestādes un tiesas uz to sūta dokumentus, un jūs tās varat sūtīt iestādēm.',
        'E-adresi aktivizē portālā latvija.gov.lv, pieslēdzoties ar eParakstu, eID karti vai citu piedāvāto veidu. Tur var ieslēgt arī paziņojumus uz e-pastu vai tālruni.',
        'Ja jums ir aktīva e-adrese, tiesa var dokumentus sūtīt uz to, nevis pa pastu. Likums nosaka, kad šāds dokuments uzskatāms par saņemtu, tāpēc pārbaudiet e-adresi regulāri.',
        'Dokumenta sūtīšana uz iestādes e-adresi ir tikpat droša kā parakstīta vēstule: jūsu identitāte ir pārbaudīta, pieslēdzoties portālam.',
      ],
      en: [
        'The e-address is your official mailbox on the internet. State authorities and courts send documents to it, and you can send documents to them.',
        'You activate the e-address on latvija.gov.lv, logging in with eParaksts, an eID card or another offered method. There you can also turn on notifications by e-mail or phone.',
        'If you have an active e-address, the court may send documents there instead of by post. The law sets when such a document counts as received, so check your e-address regularly.',
        "Sending a document to an authority's e-address is as reliable as a signed letter: your identity was checked when you logged in to the portal.",
      ],
    },
    keywords: {
      lv: [
        'e-adrese',
        'eadrese',
        'oficiālā elektroniskā adrese',
        'aktivizēt',
        'pastkastīte',
        'paziņojumi',
        'latvija.gov.lv',
      ],
      en: [
        'e-address',
        'official electronic address',
        'activate',
        'mailbox',
        'notifications',
        'latvija.gov.lv',
        'electronic delivery',
      ],
    },
    synonyms: [
      ['eadrese', 'e-adrese'],
      ['e-adrese', 'oficiālā elektroniskā adrese'],
    ],
    sources: [eAddressLaw, stateServicesPortal],
    service: stateServicesPortalService,
    sample: true,
  },
  {
    id: 'e-signature-documents',
    topic: 'e-services',
    title: {
      lv: 'Dokumentu parakstīšana elektroniski',
      en: 'Signing documents electronically',
    },
    summary: {
      lv: 'Ar drošu elektronisko parakstu, piemēram, eParakstu, parakstīts dokuments ir līdzvērtīgs ar roku parakstītam.',
      en: 'A document signed with a qualified electronic signature, such as eParaksts, is equal to one signed by hand.',
    },
    paragraphs: {
      lv: [
        'Drošs elektroniskais paraksts ir paraksts, kam likums dod tādu pašu spēku kā parakstam ar roku. Latvijā to var izveidot ar eParakstu, eID karti vai eParaksts mobile.',
        'Parakstot dokumentu, rodas fails ar paplašinājumu .edoc vai .asice. Sūtiet tiesai šo failu, nevis tikai PDF bez paraksta.',
        'Ieskenēts paraksts vai paraksta attēls nav elektroniskais paraksts. Tāds dokuments nav uzskatāms par parakstītu.',
        'Tiek pieņemti arī citu Eiropas Savienības valstu kvalificētie elektroniskie paraksti. Parakstu var pārbaudīt vietnē eparaksts.lv.',
      ],
      en: [
        'A qualified electronic signature is a signature the law treats as equal to a handwritten one. In Latvia you can create it with eParaksts, an eID card or eParaksts mobile.',
        'Signing creates a file with the extension .edoc or .asice. Send this file to the court, not just a PDF without a signature.',
        'A scanned signature or an image of a signature is not an electronic signature. Such a document does not count as signed.',
        'Qualified electronic signatures from other European Union countries are accepted too. You can check a signature on eparaksts.lv.',
      ],
    },
    keywords: {
      lv: [
        'e-paraksts',
        'eparaksts',
        'elektroniskais paraksts',
        'edoc',
        'asice',
        'parakstīt',
        'drošs paraksts',
        'skenēts paraksts',
      ],
      en: [
        'e-signature',
        'eparaksts',
        'electronic signature',
        'edoc',
        'asice',
        'sign',
        'qualified signature',
        'scanned signature',
      ],
    },
    synonyms: [
      ['eparaksts', 'elektroniskais paraksts'],
      ['edoc', 'asice'],
    ],
    sources: [electronicDocumentsLaw, eSignatureProvider],
    sample: true,
  },
  {
    id: 'court-hearing-calendar',
    topic: 'e-services',
    title: {
      lv: 'Kur atrast tiesas sēžu laikus',
      en: 'Finding court hearing dates',
    },
    summary: {
      lv: 'Tiesas sēžu laiki ir publicēti tiesu portālā tiesas.lv; lietas dalībnieki tos redz arī e-lietas portālā.',
      en: 'Court hearing dates are published on the courts portal tiesas.lv; parties also see them on the e-case portal.',
    },
    paragraphs: {
      lv: [
        'Tiesu portālā tiesas.lv ir publicēta informācija par gaidāmajām tiesas sēdēm (sēžu kalendārs). Tur sēdi var meklēt, piemēram, pēc tiesas vai lietas numura.',
        'Tiesas sēdes parasti ir atklātas, un tās var apmeklēt ikviens. Likums ļauj tiesai noteikt slēgtu sēdi, piemēram, lai aizsargātu privāto dzīvi vai bērnu intereses.',
        'Kalendārā personu vārdi var būt aizstāti vai neparādīti, lai aizsargātu personas datus. Tāpēc sēdi drošāk meklēt pēc lietas numura.',
        'Ja esat lietas dalībnieks, sēdes laiku redzēsiet arī e-lietas portālā un tiesas uzaicinājumā. Ja sēde tiek atlikta, tiesa par to paziņo.',
      ],
      en: [
        'The courts portal tiesas.lv publishes information on upcoming court hearings (a hearing calendar). You can search there, for example by court or case number.',
        "Court hearings are usually public, and anyone may attend. The law lets the court hold a closed hearing, for example to protect private life or children's interests.",
        "In the calendar, people's names may be replaced or left out to protect personal data. So it is safer to search by case number.",
        "If you are a party, you will also see the hearing time on the e-case portal and in the court's summons. If a hearing is postponed, the court tells you.",
      ],
    },
    keywords: {
      lv: [
        'tiesas sēde',
        'sēžu kalendārs',
        'kad ir tiesa',
        'sēdes laiks',
        'atklāta sēde',
        'apmeklēt tiesu',
        'lietas numurs',
      ],
      en: [
        'court hearing',
        'hearing calendar',
        'when is the hearing',
        'hearing date',
        'public hearing',
        'attend court',
        'case number',
      ],
    },
    synonyms: [
      ['sēde', 'tiesas sēde'],
      ['kalendārs', 'saraksts'],
    ],
    sources: [courtsPortal, judicialPowerLaw, civilProcedureLaw],
    service: eCaseService,
    sample: true,
  },
];
