/** Sample articles on state-guaranteed legal aid: who gets it, how to apply, what it covers. */
import type { SeedArticle } from './seed-types.ts';
import {
  administrativeProcedureLaw,
  courtsLegalAidPage,
  legalAidAdministration,
  legalAidLaw,
} from './sources.ts';

export const legalAidArticles: readonly SeedArticle[] = [
  {
    id: 'legal-aid-who-can-get',
    topic: 'legal-aid',
    title: {
      lv: 'Kas var saņemt valsts nodrošināto juridisko palīdzību',
      en: 'Who can get state-guaranteed legal aid',
    },
    summary: {
      lv: 'Valsts juridisko palīdzību var saņemt trūcīgas vai maznodrošinātas personas, personas īpašā situācijā un tās, kas ir pilnā valsts vai pašvaldības apgādībā.',
      en: 'State legal aid is available to people with needy or low-income status, people in a special situation, and people fully supported by the state or a municipality.',
    },
    paragraphs: {
      lv: [
        'Valsts nodrošinātā juridiskā palīdzība ir jurista palīdzība, ko pilnīgi vai daļēji apmaksā valsts. Tās mērķis ir, lai arī cilvēks bez pietiekamiem līdzekļiem varētu aizstāvēt savas tiesības tiesā.',
        'Tiesības to lūgt ir personām, kuras pašvaldība atzinusi par trūcīgām vai maznodrošinātām. Tiesības ir arī tiem, kas pēkšņi nonākuši grūtā situācijā, piemēram, dabas katastrofas dēļ, un tiem, kas ir pilnā valsts vai pašvaldības apgādībā.',
        'Likums nosaka arī, kuri iedzīvotāji un ārzemnieki var lūgt palīdzību, un kādās lietās to sniedz: civillietās, pārrobežu strīdos, kriminālprocesā un dažās administratīvajās lietās.',
        'Par palīdzības piešķiršanu lemj Juridiskās palīdzības administrācija. Kriminālprocesā aizstāvi nodrošina procesa virzītājs.',
      ],
      en: [
        'State-guaranteed legal aid is help from a lawyer that the state pays for in full or in part. Its aim is that a person without enough means can still defend their rights in court.',
        'People whom their municipality has recognised as needy or low-income may ask for it. So may people who suddenly found themselves in a difficult situation, for example after a natural disaster, and people fully supported by the state or a municipality.',
        'The law also sets which residents and foreigners may ask for aid and in which matters it is given: civil cases, cross-border disputes, criminal proceedings and some administrative cases.',
        'The Legal Aid Administration decides on granting aid. In criminal proceedings, the person directing the proceedings arranges a defence lawyer.',
      ],
    },
    keywords: {
      lv: [
        'juridiskā palīdzība',
        'bezmaksas advokāts',
        'bezmaksas jurists',
        'trūcīgs',
        'maznodrošināts',
        'kas var saņemt',
        'valsts advokāts',
      ],
      en: [
        'legal aid',
        'free lawyer',
        'free legal help',
        'needy',
        'low income',
        'who can get',
        'state lawyer',
      ],
    },
    synonyms: [
      ['bezmaksas advokāts', 'valsts nodrošinātā juridiskā palīdzība'],
      ['maznodrošināts', 'trūcīgs'],
    ],
    sources: [legalAidLaw, legalAidAdministration, courtsLegalAidPage],
    sample: true,
  },
  {
    id: 'legal-aid-how-to-apply',
    topic: 'legal-aid',
    title: {
      lv: 'Kā pieteikties juridiskajai palīdzībai',
      en: 'How to apply for legal aid',
    },
    summary: {
      lv: 'Aizpildiet pieprasījuma veidlapu un iesniedziet to Juridiskās palīdzības administrācijai kopā ar dokumentiem par jūsu ienākumiem un situāciju.',
      en: 'Fill in the application form and submit it to the Legal Aid Administration with documents on your income and situation.',
    },
    paragraphs: {
      lv: [
        'Juridisko palīdzību lūdz ar pieprasījumu. Tā veidlapas paraugu nosaka Ministru kabineta noteikumi, un veidlapa ir pieejama Juridiskās palīdzības administrācijas vietnē.',
        'Veidlapā aprakstiet, kādā lietā jums vajadzīga palīdzība un kāda. Pievienojiet dokumentus, kas pierāda jūsu ienākumus un mantisko stāvokli, piemēram, pašvaldības izziņu par trūcīgas vai maznodrošinātas personas statusu.',
        'Pieprasījumu var iesniegt klātienē, nosūtīt pa pastu, e-pastā ar drošu elektronisko parakstu vai uz Juridiskās palīdzības administrācijas e-adresi.',
        'Palīdzību lūdziet laikus: likums nosaka, ka persona atbild par savlaicīgu pieprasīšanu. Ja jums ir noteikts termiņš tiesā, tas pieprasījuma dēļ neapstājas.',
      ],
      en: [
        "Legal aid is requested with an application. A Cabinet regulation sets the form, and it is available on the Legal Aid Administration's website.",
        "In the form, describe the matter in which you need help and what help. Attach documents that show your income and property, for example the municipality's certificate of needy or low-income status.",
        "You can submit the application in person, by post, by e-mail with a qualified electronic signature, or to the Legal Aid Administration's e-address.",
        'Ask for aid in good time: the law makes the person responsible for asking promptly. A time limit you have in court does not stop because of the application.',
      ],
    },
    keywords: {
      lv: [
        'pieteikties',
        'pieprasījums',
        'veidlapa',
        'iesniegums juridiskajai palīdzībai',
        'kur iesniegt',
        'dokumenti',
        'izziņa par trūcīgo',
      ],
      en: [
        'apply',
        'application',
        'form',
        'legal aid request',
        'where to submit',
        'documents',
        'needy certificate',
      ],
    },
    synonyms: [
      ['pieprasījums', 'iesniegums'],
      ['veidlapa', 'forma'],
    ],
    sources: [legalAidLaw, legalAidAdministration],
    sample: true,
  },
  {
    id: 'legal-aid-what-is-covered',
    topic: 'legal-aid',
    title: {
      lv: 'Ko sedz valsts nodrošinātā juridiskā palīdzība',
      en: 'What state legal aid covers',
    },
    summary: {
      lv: 'Palīdzība var ietvert konsultāciju, procesuālo dokumentu sagatavošanu un pārstāvību tiesā, likumā noteiktajā apjomā.',
      en: 'Aid can include advice, drafting procedural documents and representation in court, to the extent the law sets.',
    },
    paragraphs: {
      lv: [
        'Juridiskā palīdzība var būt juridiska konsultācija, procesuālo dokumentu, piemēram, prasības pieteikuma, sagatavošana un pārstāvība tiesā.',
        'Palīdzības apjomu un to, cik valsts samaksā juristam, nosaka Ministru kabineta noteikumi. Lēmumā par palīdzības piešķiršanu ir norādīts, kāda palīdzība jums piešķirta.',
        'Likums uzskaita arī gadījumus, kad palīdzību nesniedz. Dažos gadījumos persona var tikt lūgta atmaksāt palīdzības izmaksas, piemēram, ja sniegtas nepatiesas ziņas.',
        'Valsts juridiskā palīdzība nesedz visus tiesas izdevumus. Par atbrīvojumu no valsts nodevas jālūdz tiesai atsevišķi.',
      ],
      en: [
        'Legal aid can be legal advice, drafting procedural documents such as a statement of claim, and representation in court.',
        'Cabinet regulations set the extent of aid and how much the state pays the lawyer. The decision granting aid states what aid you have been given.',
        'The law also lists cases in which aid is not given. In some cases a person may be asked to repay the cost of aid, for example if false information was given.',
        'State legal aid does not cover all court costs. Exemption from the state fee must be asked of the court separately.',
      ],
    },
    keywords: {
      lv: [
        'ko sedz',
        'konsultācija',
        'pārstāvība tiesā',
        'dokumentu sagatavošana',
        'apjoms',
        'advokāts tiesā',
        'ko apmaksā valsts',
      ],
      en: [
        'what is covered',
        'consultation',
        'representation in court',
        'drafting documents',
        'scope',
        'lawyer in court',
        'what the state pays',
      ],
    },
    synonyms: [
      ['pārstāvība', 'pārstāvniecība'],
      ['konsultācija', 'padoms'],
    ],
    sources: [legalAidLaw, legalAidAdministration],
    sample: true,
  },
  {
    id: 'legal-aid-refusal-appeal',
    topic: 'legal-aid',
    title: {
      lv: 'Ja juridisko palīdzību atteica',
      en: 'If legal aid was refused',
    },
    summary: {
      lv: 'Atteikumu var apstrīdēt un pārsūdzēt Administratīvā procesa likumā noteiktajā kārtībā; kur un līdz kuram datumam, ir norādīts lēmumā.',
      en: 'A refusal can be contested and appealed as the Administrative Procedure Law provides; where and by when is stated in the decision.',
    },
    paragraphs: {
      lv: [
        'Ja Juridiskās palīdzības administrācija atsaka palīdzību, jūs saņemat rakstisku lēmumu ar atteikuma iemesliem.',
        'Lēmuma beigās ir norādīts, kur un kādā termiņā to var apstrīdēt vai pārsūdzēt. Ievērojiet šo termiņu, jo pēc tā beigām lēmumu vairs nevar apstrīdēt.',
        'Iesniegumā paskaidrojiet, kāpēc uzskatāt lēmumu par nepareizu, un pievienojiet dokumentus, kuru iepriekš trūka, piemēram, jaunu izziņu par ienākumiem.',
        'Ja jūsu situācija ir mainījusies, varat arī iesniegt jaunu pieprasījumu.',
      ],
      en: [
        'If the Legal Aid Administration refuses aid, you receive a written decision with the reasons.',
        'The end of the decision states where and within what time it can be contested or appealed. Keep to this time limit, because after it ends the decision can no longer be challenged.',
        'In your submission explain why you think the decision is wrong, and attach documents that were missing before, for example a new certificate of income.',
        'If your situation has changed, you can also submit a new application.',
      ],
    },
    keywords: {
      lv: ['atteikums', 'atteica', 'apstrīdēt', 'pārsūdzēt', 'nepiešķīra', 'lēmums', 'sūdzība par atteikumu'],
      en: ['refusal', 'refused', 'contest', 'appeal', 'not granted', 'decision', 'complaint about refusal'],
    },
    synonyms: [
      ['apstrīdēt', 'pārsūdzēt'],
      ['atteikums', 'noraidījums'],
    ],
    sources: [legalAidLaw, administrativeProcedureLaw, legalAidAdministration],
    sample: true,
  },
  {
    id: 'legal-aid-providers-payment',
    topic: 'legal-aid',
    title: {
      lv: 'Juridiskās palīdzības sniedzējiem: samaksa un atskaites',
      en: 'For legal aid providers: payment and reports',
    },
    summary: {
      lv: 'Samaksas apmēru un kārtību juridiskās palīdzības sniedzējiem nosaka Ministru kabineta noteikumi; atskaites iesniedz Juridiskās palīdzības administrācijai.',
      en: 'Cabinet regulations set how much and how legal aid providers are paid; reports are submitted to the Legal Aid Administration.',
    },
    paragraphs: {
      lv: [
        'Juridiskās palīdzības sniedzējs ir advokāts vai cits jurists, kas noslēdzis līgumu ar Juridiskās palīdzības administrāciju vai ko iecēlis procesa virzītājs.',
        'Samaksas apmēru, atlīdzināmos izdevumus un izmaksas kārtību nosaka Ministru kabineta noteikumi par valsts nodrošinātās juridiskās palīdzības apjomu un samaksu.',
        'Lai saņemtu samaksu, sniedzējs iesniedz atskaiti par sniegto palīdzību un pievieno tai vajadzīgos dokumentus. Veidlapas un norādījumi ir Juridiskās palīdzības administrācijas vietnē.',
        'Ja samaksa kavējas vai ir jautājumi par atskaiti, rakstiet mums un norādiet lietas numuru un lēmuma vai līguma numuru.',
      ],
      en: [
        'A legal aid provider is a lawyer who has a contract with the Legal Aid Administration or who was appointed by the person directing the proceedings.',
        'The amount of payment, the costs that are reimbursed and how payment is made are set by the Cabinet regulations on the extent and payment of state-guaranteed legal aid.',
        "To be paid, the provider submits a report on the aid given, with the documents needed. The forms and instructions are on the Legal Aid Administration's website.",
        'If payment is late or you have questions about a report, write to us and give the case number and the number of the decision or contract.',
      ],
    },
    keywords: {
      lv: [
        'samaksa advokātam',
        'atlīdzība',
        'atskaite',
        'juridiskās palīdzības sniedzējs',
        'rēķins',
        'izdevumu atlīdzība',
        'advokātiem',
      ],
      en: [
        'lawyer payment',
        'fee for provider',
        'report',
        'legal aid provider',
        'invoice',
        'reimbursement',
        'for lawyers',
      ],
    },
    synonyms: [
      ['atlīdzība', 'samaksa'],
      ['atskaite', 'pārskats'],
    ],
    sources: [legalAidLaw, legalAidAdministration],
    sample: true,
  },
];
