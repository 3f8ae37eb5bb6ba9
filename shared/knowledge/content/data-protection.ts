/** Sample articles on personal data: access, correction, judgments, the officer, website data. */
import type { SeedArticle } from './seed-types.ts';
import {
  courtAdministrationSite,
  courtsPortal,
  dataProtectionRegulation,
  dataStateInspectorate,
  eCasePortal,
  judicialPowerLaw,
  personalDataProcessingLaw,
} from './sources.ts';

export const dataProtectionArticles: readonly SeedArticle[] = [
  {
    id: 'access-my-personal-data',
    topic: 'data-protection',
    title: {
      lv: 'Kā uzzināt, kādus personas datus par jums apstrādā',
      en: 'How to find out what personal data is processed about you',
    },
    summary: {
      lv: 'Jums ir tiesības pieprasīt informāciju par saviem personas datiem; atbildi sniedz viena mēneša laikā, ko var pagarināt līdz vēl diviem mēnešiem.',
      en: 'You have the right to ask about your personal data; the answer comes within one month, which can be extended by up to two more months.',
    },
    paragraphs: {
      lv: [
        'Vispārīgā datu aizsardzības regula dod jums tiesības uzzināt, vai un kādus jūsu personas datus apstrādā, kādam nolūkam, kam tos nodod un cik ilgi glabā. Jūs varat saņemt arī šo datu kopiju.',
        'Pieprasījumu var iesniegt tīmekļa veidlapā, izvēloties tēmu par datu aizsardzību, vai nosūtīt parakstītu iesniegumu. Mums jāpārliecinās, ka jūs esat tā persona, par kuru ir dati.',
        'Atbildi sniedzam bez nepamatotas kavēšanās un ne vēlāk kā viena mēneša laikā. Sarežģītos gadījumos termiņu var pagarināt vēl līdz diviem mēnešiem; par to jums paziņosim.',
        'Datus, kas ir tiesas lietā, parasti var iepazīt kā lietas dalībnieks, iepazīstoties ar lietas materiāliem. Tādā gadījumā piekļuvi nosaka procesa likums.',
      ],
      en: [
        'The General Data Protection Regulation gives you the right to know whether and which of your personal data are processed, for what purpose, to whom they are passed and how long they are kept. You can also get a copy of the data.',
        'You can make the request with the web form, choosing the data protection topic, or send a signed submission. We must make sure that you are the person the data are about.',
        'We answer without undue delay and within one month at the latest. In complex cases the period can be extended by up to two more months; we will tell you if so.',
        'Data in a court case can usually be seen as a party by reading the case file. In that case the procedural law decides access.',
      ],
    },
    keywords: {
      lv: [
        'personas dati',
        'mani dati',
        'piekļuve datiem',
        'datu pieprasījums',
        'ko jūs zināt par mani',
        'datu kopija',
        'vdar',
      ],
      en: [
        'personal data',
        'my data',
        'access request',
        'subject access request',
        'what data you hold',
        'copy of data',
        'gdpr',
      ],
    },
    synonyms: [
      ['vdar', 'datu aizsardzības regula'],
      ['dati', 'personas dati'],
    ],
    sources: [dataProtectionRegulation, personalDataProcessingLaw, courtAdministrationSite],
    sample: true,
  },
  {
    id: 'correct-or-erase-data',
    topic: 'data-protection',
    title: {
      lv: 'Personas datu labošana vai dzēšana',
      en: 'Correcting or erasing personal data',
    },
    summary: {
      lv: 'Jūs varat lūgt labot nepareizus datus vai dzēst datus, kas vairs nav vajadzīgi, bet tiesas lietas datus nevar dzēst, kamēr tos prasa likums.',
      en: 'You can ask to correct wrong data or to erase data no longer needed, but data in a court case cannot be erased while the law requires them.',
    },
    paragraphs: {
      lv: [
        'Ja jūsu dati ir nepareizi vai novecojuši, piemēram, adrese, varat lūgt tos labot. Pievienojiet dokumentu, kas apliecina pareizos datus, ja tāds ir.',
        'Varat lūgt dzēst datus, ja tie vairs nav vajadzīgi nolūkam, kādam tie savākti. Vispārīgā datu aizsardzības regula gan paredz izņēmumus, piemēram, ja datu glabāšanu prasa likums.',
        'Tiesas lietas materiālus un nolēmumus nevar labot vai dzēst ar datu aizsardzības pieprasījumu. Ja nolēmumā ir kļūda, par tās labošanu lemj tiesa procesa likumā noteiktajā kārtībā.',
        'Pieprasījumu var iesniegt tīmekļa veidlapā vai parakstītā iesniegumā. Atbildes termiņš ir tāds pats kā piekļuves pieprasījumam.',
      ],
      en: [
        'If your data are wrong or out of date, such as your address, you can ask to correct them. Attach a document showing the correct data, if you have one.',
        'You can ask to erase data that are no longer needed for the purpose they were collected for. The General Data Protection Regulation does allow exceptions, for example where the law requires the data to be kept.',
        'Court case files and decisions cannot be corrected or erased through a data protection request. If a decision contains a mistake, the court decides on correcting it under the procedural law.',
        'You can make the request with the web form or in a signed submission. The answer period is the same as for an access request.',
      ],
    },
    keywords: {
      lv: [
        'labot datus',
        'dzēst datus',
        'aizmirst mani',
        'nepareiza adrese',
        'izdzēst',
        'datu labošana',
        'tiesības tikt aizmirstam',
      ],
      en: [
        'correct data',
        'erase data',
        'delete my data',
        'wrong address',
        'remove',
        'rectification',
        'right to be forgotten',
      ],
    },
    synonyms: [
      ['dzēst', 'izdzēst'],
      ['labot', 'izlabot'],
    ],
    sources: [dataProtectionRegulation, personalDataProcessingLaw],
    sample: true,
  },
  {
    id: 'personal-data-in-judgments',
    topic: 'data-protection',
    title: {
      lv: 'Personas dati publicētajos tiesu nolēmumos',
      en: 'Personal data in published court decisions',
    },
    summary: {
      lv: 'Publicējot nolēmumus, personas datus aizstāj vai aizklāj; ja publicētajā nolēmumā jūs joprojām var atpazīt, varat lūgt aizklāt vairāk.',
      en: 'When decisions are published, personal data are replaced or hidden; if you can still be recognised in a published decision, you can ask for more to be hidden.',
    },
    paragraphs: {
      lv: [
        'Tiesu nolēmumi tiek publicēti, lai sabiedrība zinātu, kā tiesas spriež. Pirms publicēšanas personas datus, piemēram, vārdus, personas kodus un adreses, aizstāj vai aizklāj.',
        'Kā nolēmumus publicē un kādi dati jāaizklāj, nosaka likums "Par tiesu varu" un tiesu sistēmas noteikumi.',
        'Reizēm cilvēku var atpazīt pēc citām ziņām, piemēram, neparasta amata vai mazas vietas nosaukuma. Ja tā ir, rakstiet mums, norādiet nolēmuma saiti vai lietas numuru un to, kas jūs atklāj.',
        'Mēs izvērtēsim lūgumu un, ja tas ir pamatots, papildus aizklāsim datus publicētajā nolēmumā.',
      ],
      en: [
        'Court decisions are published so that the public knows how courts decide. Before publication, personal data such as names, personal codes and addresses are replaced or hidden.',
        'The law "On Judicial Power" and the rules of the court system set how decisions are published and which data must be hidden.',
        'Sometimes a person can be recognised from other details, for example an unusual job or the name of a small place. If so, write to us and give the link to the decision or the case number and what reveals you.',
        'We will consider the request and, if it is justified, hide more data in the published decision.',
      ],
    },
    keywords: {
      lv: [
        'anonimizācija',
        'pseidonimizācija',
        'mans vārds spriedumā',
        'publicēts spriedums',
        'aizklāt datus',
        'atpazīstams',
        'nolēmumu publicēšana',
      ],
      en: [
        'anonymisation',
        'pseudonymisation',
        'my name in judgment',
        'published judgment',
        'hide data',
        'recognisable',
        'publication of decisions',
      ],
    },
    synonyms: [
      ['anonimizācija', 'pseidonimizācija'],
      ['spriedums', 'nolēmums'],
    ],
    sources: [judicialPowerLaw, courtsPortal, dataProtectionRegulation],
    sample: true,
  },
  {
    id: 'data-protection-officer-contact',
    topic: 'data-protection',
    title: {
      lv: 'Datu aizsardzības speciālists un sūdzības',
      en: 'The data protection officer and complaints',
    },
    summary: {
      lv: 'Ar Tiesu administrācijas datu aizsardzības speciālistu var sazināties caur šo veidlapu; sūdzību var iesniegt arī Datu valsts inspekcijai.',
      en: "You can reach the Court Administration's data protection officer through this form; you can also complain to the Data State Inspectorate.",
    },
    paragraphs: {
      lv: [
        'Tiesu administrācijai ir datu aizsardzības speciālists, kas uzrauga, kā tiek ievēroti datu aizsardzības noteikumi. Sazināties var tīmekļa veidlapā, izvēloties tēmu par datu aizsardzību; kontakti ir arī Tiesu administrācijas privātuma politikā.',
        'Ja uzskatāt, ka jūsu datus apstrādā nepareizi, vispirms rakstiet mums. Tas bieži ir ātrākais ceļš, lai situāciju labotu.',
        'Jums ir tiesības iesniegt sūdzību arī uzraudzības iestādei, Latvijā tā ir Datu valsts inspekcija.',
        'Datu valsts inspekcija neuzrauga tiesas, kad tās spriež tiesu. Par datiem konkrētā tiesas lietā jāvēršas tiesā procesa likumā noteiktajā kārtībā.',
      ],
      en: [
        "The Court Administration has a data protection officer who oversees compliance with data protection rules. You can reach the officer with the web form by choosing the data protection topic; the contacts are also in the Court Administration's privacy policy.",
        'If you think your data are processed wrongly, write to us first. This is often the fastest way to put things right.',
        'You also have the right to complain to the supervisory authority, which in Latvia is the Data State Inspectorate.',
        'The Data State Inspectorate does not supervise courts acting in their judicial capacity. About data in a particular court case, turn to the court as the procedural law provides.',
      ],
    },
    keywords: {
      lv: [
        'datu aizsardzības speciālists',
        'dpo',
        'sūdzība par datiem',
        'datu valsts inspekcija',
        'dvi',
        'privātuma politika',
        'datu noplūde',
      ],
      en: [
        'data protection officer',
        'dpo',
        'data complaint',
        'data state inspectorate',
        'supervisory authority',
        'privacy policy',
        'data breach',
      ],
    },
    synonyms: [
      ['dpo', 'datu aizsardzības speciālists'],
      ['dvi', 'datu valsts inspekcija'],
    ],
    sources: [dataProtectionRegulation, dataStateInspectorate, courtAdministrationSite],
    sample: true,
  },
  {
    id: 'cookies-and-website-data',
    topic: 'data-protection',
    title: {
      lv: 'Kādus datus vāc tīmekļvietnes un e-pakalpojumi',
      en: 'What data the websites and e-services collect',
    },
    summary: {
      lv: 'Tīmekļvietnes izmanto nepieciešamās sīkdatnes un drošības žurnālus; par citām sīkdatnēm jums jautā piekrišanu.',
      en: 'The websites use necessary cookies and security logs; for other cookies you are asked for consent.',
    },
    paragraphs: {
      lv: [
        'Kad apmeklējat tīmekļvietni vai e-pakalpojumu, serveris īslaicīgi reģistrē tehniskus datus, piemēram, IP adresi un apmeklējuma laiku. Tos izmanto drošībai un kļūdu meklēšanai.',
        'Sīkdatnes ir mazi faili jūsu pārlūkā. Nepieciešamās sīkdatnes vajadzīgas, lai vietne darbotos, piemēram, lai jūs paliktu pieslēgts e-lietas portālā.',
        'Citas sīkdatnes, piemēram, apmeklējumu statistikai, izmanto tikai ar jūsu piekrišanu. Piekrišanu varat jebkurā laikā atsaukt pārlūka vai vietnes iestatījumos.',
        'Kuras sīkdatnes izmanto, cik ilgi glabā datus un kam tos nodod, ir aprakstīts katras vietnes privātuma politikā un sīkdatņu paziņojumā.',
      ],
      en: [
        'When you visit a website or e-service, the server briefly records technical data such as your IP address and the time of the visit. They are used for security and to find errors.',
        'Cookies are small files in your browser. Necessary cookies are needed for the site to work, for example to keep you logged in to the e-case portal.',
        'Other cookies, for example for visit statistics, are used only with your consent. You can withdraw consent at any time in the browser or site settings.',
        "Each site's privacy policy and cookie notice describe which cookies are used, how long data are kept and to whom they are passed.",
      ],
    },
    keywords: {
      lv: [
        'sīkdatnes',
        'cookies',
        'ip adrese',
        'privātuma politika',
        'statistika',
        'izsekošana',
        'piekrišana',
      ],
      en: ['cookies', 'ip address', 'privacy policy', 'statistics', 'tracking', 'consent', 'logs'],
    },
    synonyms: [
      ['sīkdatnes', 'cookies'],
      ['žurnāli', 'logi'],
    ],
    sources: [dataProtectionRegulation, eCasePortal, courtAdministrationSite],
    sample: true,
  },
];
