/** Sample articles on certificates, copies and the archive: what the courts issue and what others do. */
import type { SeedArticle } from './seed-types.ts';
import {
  civilProcedureLaw,
  courtAdministrationSite,
  eCasePortal,
  eCaseService,
  foreignMinistry,
  informationCentre,
  judicialPowerLaw,
  nationalArchives,
  stateServicesPortal,
  stateServicesPortalService,
  swornNotaries,
} from './sources.ts';

export const certificatesArchiveArticles: readonly SeedArticle[] = [
  {
    id: 'certificate-of-no-criminal-record',
    topic: 'certificates-archive',
    title: {
      lv: 'Izziņa par sodāmību: kur to saņemt',
      en: 'Certificate of criminal record: where to get it',
    },
    summary: {
      lv: 'Izziņu par sodāmību izsniedz Iekšlietu ministrijas Informācijas centrs no Sodu reģistra, nevis tiesa; to var pieprasīt portālā latvija.gov.lv.',
      en: 'The Information Centre of the Ministry of the Interior issues criminal record certificates from the Punishment Register, not the courts; you can request one on latvija.gov.lv.',
    },
    paragraphs: {
      lv: [
        'Ziņas par sodāmību glabā Sodu reģistrs, ko uztur Iekšlietu ministrijas Informācijas centrs. Tāpēc izziņu par sodāmību vai tās neesamību izsniedz Informācijas centrs, nevis tiesa vai Tiesu administrācija.',
        'Izziņu var pieprasīt tiešsaistē portālā latvija.gov.lv vai Informācijas centrā. Kādi ir nosacījumi un vai par izziņu jāmaksā, skatiet Informācijas centra vietnē.',
        'Tiesa var izsniegt sava nolēmuma kopiju, bet tā nav izziņa par sodāmību. Ja jums vajag konkrēta sprieduma kopiju, skatiet rakstu par tiesas nolēmuma kopijas saņemšanu.',
        'Ja izziņa vajadzīga ārvalstīs, jautājiet saņēmējam, vai vajadzīga apostille vai tulkojums.',
      ],
      en: [
        'Criminal records are kept in the Punishment Register, maintained by the Information Centre of the Ministry of the Interior. So the Information Centre, not a court or the Court Administration, issues a certificate of criminal record or of no criminal record.',
        "You can request a certificate online on latvija.gov.lv or at the Information Centre. See the Information Centre's website for the conditions and whether there is a charge.",
        'A court can issue a copy of its own decision, but that is not a criminal record certificate. If you need a copy of a particular judgment, see the article on getting a copy of a court decision.',
        'If you need the certificate abroad, ask the receiver whether an apostille or a translation is needed.',
      ],
    },
    keywords: {
      lv: [
        'izziņa par sodāmību',
        'sodāmība',
        'nav sodīts',
        'sodu reģistrs',
        'izziņa darbam',
        'informācijas centrs',
        'sodāmības izziņa',
      ],
      en: [
        'criminal record certificate',
        'criminal record',
        'no criminal record',
        'police certificate',
        'certificate for work',
        'information centre',
        'background check',
      ],
    },
    synonyms: [
      ['sodāmība', 'sodu reģistrs'],
      ['izziņa', 'apliecinājums'],
    ],
    sources: [informationCentre, stateServicesPortal],
    service: stateServicesPortalService,
    sample: true,
  },
  {
    id: 'copy-of-court-judgment',
    topic: 'certificates-archive',
    title: {
      lv: 'Kā saņemt tiesas nolēmuma kopiju',
      en: 'How to get a copy of a court decision',
    },
    summary: {
      lv: 'Lietas dalībnieki nolēmuma kopiju var saņemt tiesā vai e-lietas portālā; citi parasti var saņemt kopiju, kurā personas dati ir aizklāti.',
      en: 'Parties can get a copy of a decision from the court or on the e-case portal; others can usually get a copy in which personal data are removed.',
    },
    paragraphs: {
      lv: [
        'Ja esat lietas dalībnieks, nolēmums jums tiek nosūtīts vai ir redzams e-lietas portālā. Papildu kopiju vai apliecinātu norakstu varat lūgt tiesai, kas lietu izskatīja.',
        'Citas personas var iepazīties ar nolēmumiem, kas ir publiski pieejami. Daudzi nolēmumi ir publicēti tiesu portālā ar aizklātiem personas datiem.',
        'Pilnu nolēmumu ar personas datiem persona, kas nav lietas dalībnieks, var saņemt tikai tad, ja to atļauj likums. Lūgumā paskaidrojiet, kāpēc kopija jums vajadzīga.',
        'Par kopijām un norakstiem var būt jāmaksā kancelejas nodeva, ko nosaka Civilprocesa likums. Lūgumā norādiet lietas numuru un nolēmuma datumu.',
      ],
      en: [
        'If you are a party, the decision is sent to you or visible on the e-case portal. You can ask the court that heard the case for an extra copy or a certified copy.',
        'Other people can read decisions that are publicly available. Many decisions are published on the courts portal with personal data removed.',
        'A person who is not a party can get the full decision with personal data only where the law allows it. In the request, explain why you need the copy.',
        'Copies and certified copies may carry an office fee set by the Civil Procedure Law. In the request give the case number and the date of the decision.',
      ],
    },
    keywords: {
      lv: [
        'sprieduma kopija',
        'nolēmuma kopija',
        'spriedums',
        'lēmuma kopija',
        'noraksts',
        'saņemt spriedumu',
        'publicētie nolēmumi',
      ],
      en: [
        'copy of judgment',
        'copy of decision',
        'judgment',
        'ruling copy',
        'certified copy',
        'get judgment',
        'published decisions',
      ],
    },
    synonyms: [
      ['spriedums', 'nolēmums'],
      ['noraksts', 'kopija'],
    ],
    sources: [judicialPowerLaw, civilProcedureLaw, eCasePortal],
    service: eCaseService,
    sample: true,
  },
  {
    id: 'archive-case-files',
    topic: 'certificates-archive',
    title: {
      lv: 'Pabeigtas lietas materiāli no arhīva',
      en: 'Files of a finished case from the archive',
    },
    summary: {
      lv: 'Pabeigtu lietu materiālus glabā tiesas arhīvā normatīvajos aktos noteikto laiku; pieprasījumu iesniedziet tiesai, kas lietu izskatīja.',
      en: 'Files of finished cases are kept in the court archive for the time set by the rules; send your request to the court that heard the case.',
    },
    paragraphs: {
      lv: [
        'Kad lieta ir pabeigta, tās materiālus glabā tiesas arhīvā. Cik ilgi lietu glabā, nosaka normatīvie akti, un tas atkarīgs no lietas veida.',
        'Lai saņemtu kopiju no arhīva lietas, rakstiet tiesai, kas lietu izskatīja pirmajā instancē. Norādiet lietas numuru, pušu vārdus, aptuveno gadu un to, kuri dokumenti jums vajadzīgi.',
        'Pēc glabāšanas termiņa beigām daļu lietu nodod Latvijas Nacionālajam arhīvam, bet pārējās iznīcina. Senākas lietas var meklēt Nacionālajā arhīvā.',
        'Par kopijām var būt jāmaksā kancelejas nodeva. Ja neesat lietas dalībnieks, paskaidrojiet, kāpēc jums vajadzīgi dokumenti.',
      ],
      en: [
        'When a case is finished, its files are kept in the court archive. The rules set how long a case is kept, depending on the kind of case.',
        "To get a copy from an archived case, write to the court that heard the case at first instance. Give the case number, the parties' names, the approximate year and which documents you need.",
        'When the keeping period ends, some cases are transferred to the National Archives of Latvia, and the rest are destroyed. Older cases can be searched at the National Archives.',
        'Copies may carry an office fee. If you are not a party, explain why you need the documents.',
      ],
    },
    keywords: {
      lv: [
        'arhīvs',
        'veca lieta',
        'pabeigta lieta',
        'lietas materiāli',
        'arhīva lieta',
        'glabāšanas termiņš',
        'nacionālais arhīvs',
      ],
      en: [
        'archive',
        'old case',
        'finished case',
        'case files',
        'archived case',
        'retention period',
        'national archives',
      ],
    },
    synonyms: [
      ['arhīvs', 'tiesas arhīvs'],
      ['veca lieta', 'arhīva lieta'],
    ],
    sources: [judicialPowerLaw, courtAdministrationSite, nationalArchives],
    sample: true,
  },
  {
    id: 'certified-copy-apostille',
    topic: 'certificates-archive',
    title: {
      lv: 'Apliecināta kopija un apostille dokumentam ārvalstīm',
      en: 'Certified copies and apostilles for use abroad',
    },
    summary: {
      lv: 'Tiesa izsniedz apliecinātus savu nolēmumu norakstus; apostilli Latvijā uzliek zvērināts notārs, bet legalizāciju veic Ārlietu ministrija.',
      en: 'A court issues certified copies of its decisions; in Latvia a sworn notary places an apostille, and the Ministry of Foreign Affairs handles legalisation.',
    },
    paragraphs: {
      lv: [
        'Apliecināta kopija jeb noraksts ir kopija, uz kuras tiesa apliecina, ka tā atbilst oriģinālam. To lūdziet tiesai, kas pieņēma nolēmumu.',
        'Apostille ir apliecinājums, ka dokuments ir īsts, lai to varētu izmantot citā valstī, kas pievienojusies Hāgas konvencijai. Latvijā apostilli uzliek zvērināti notāri.',
        'Ja valsts nav pievienojusies Hāgas konvencijai, var būt vajadzīga legalizācija. Par to informē Ārlietu ministrijas konsulārais dienests.',
        'Dažiem dokumentiem, ko izmanto citā Eiropas Savienības valstī, apostille nav vajadzīga. Pirms kārtojat apostilli, jautājiet dokumenta saņēmējam, kas tieši vajadzīgs.',
      ],
      en: [
        'A certified copy is a copy on which the court confirms that it matches the original. Ask the court that made the decision for it.',
        'An apostille confirms that a document is genuine, so it can be used in another country that has joined the Hague Convention. In Latvia sworn notaries place apostilles.',
        'If the country has not joined the Hague Convention, legalisation may be needed. The consular service of the Ministry of Foreign Affairs gives information about it.',
        'Some documents used in another European Union country need no apostille. Before arranging an apostille, ask the receiver of the document what exactly is needed.',
      ],
    },
    keywords: {
      lv: [
        'apostille',
        'apostile',
        'apliecināta kopija',
        'legalizācija',
        'dokuments ārzemēm',
        'notārs',
        'noraksts',
      ],
      en: [
        'apostille',
        'certified copy',
        'legalisation',
        'legalization',
        'document for abroad',
        'notary',
        'true copy',
      ],
    },
    synonyms: [
      ['apostile', 'apostille'],
      ['apliecināta kopija', 'noraksts'],
    ],
    sources: [civilProcedureLaw, swornNotaries, foreignMinistry],
    sample: true,
  },
  {
    id: 'judgment-in-force-certificate',
    topic: 'certificates-archive',
    title: {
      lv: 'Atzīme, ka spriedums stājies spēkā',
      en: 'A note that a judgment has entered into force',
    },
    summary: {
      lv: 'Tiesa pēc lūguma izsniedz nolēmuma norakstu ar atzīmi par stāšanos likumīgā spēkā, kā arī izpildu rakstu sprieduma piespiedu izpildei.',
      en: 'On request, a court issues a copy of its decision marked as having entered into force, and a writ of execution for enforcing the judgment.',
    },
    paragraphs: {
      lv: [
        'Spriedums stājas likumīgā spēkā, kad to vairs nevar pārsūdzēt vai kad augstākā instance to atstājusi spēkā. Tikai tad to parasti var izpildīt.',
        'Ja jums vajag pierādīt, ka spriedums ir stājies spēkā, piemēram, reģistram vai citai iestādei, lūdziet tiesai nolēmuma norakstu ar atzīmi par stāšanos likumīgā spēkā.',
        'Ja otra puse nepilda spriedumu labprātīgi, tiesa pēc jūsu lūguma izsniedz izpildu rakstu. Ar to varat vērsties pie zvērināta tiesu izpildītāja.',
        'Lūgumā norādiet lietas numuru un, kam dokuments vajadzīgs. Par norakstu var būt jāmaksā kancelejas nodeva.',
      ],
      en: [
        'A judgment enters into force when it can no longer be appealed or when a higher court has upheld it. Usually only then can it be enforced.',
        'If you need to prove that a judgment is in force, for example to a register or another authority, ask the court for a copy of the decision marked as having entered into force.',
        'If the other party does not comply with the judgment voluntarily, the court issues a writ of execution on your request. With it you can go to a sworn bailiff.',
        'In the request give the case number and what the document is for. A copy may carry an office fee.',
      ],
    },
    keywords: {
      lv: [
        'stājies spēkā',
        'likumīgā spēkā',
        'atzīme par spēkā stāšanos',
        'izpildu raksts',
        'izpildīt spriedumu',
        'tiesu izpildītājs',
        'zemesgrāmata',
      ],
      en: [
        'entered into force',
        'final judgment',
        'note of finality',
        'writ of execution',
        'enforce judgment',
        'bailiff',
        'land register',
      ],
    },
    synonyms: [
      ['stājies spēkā', 'likumīgā spēkā'],
      ['izpildu raksts', 'izpildraksts'],
    ],
    sources: [civilProcedureLaw, courtAdministrationSite],
    sample: true,
  },
];
