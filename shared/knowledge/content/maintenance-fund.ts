/** Sample articles on the Maintenance Guarantee Fund: applying, payments, debtors, stopping. */
import type { SeedArticle } from './seed-types.ts';
import {
  civilProcedureLaw,
  courtAdministrationSite,
  maintenanceFundLaw,
  stateServicesPortal,
  stateServicesPortalService,
} from './sources.ts';

export const maintenanceFundArticles: readonly SeedArticle[] = [
  {
    id: 'maintenance-fund-who-can-apply',
    topic: 'maintenance-fund',
    title: {
      lv: 'Kas var saņemt uzturlīdzekļus no Uzturlīdzekļu garantiju fonda',
      en: 'Who can get maintenance from the Maintenance Guarantee Fund',
    },
    summary: {
      lv: 'Ja otrs vecāks nemaksā uzturlīdzekļus bērnam, vecāks vai aizbildnis, kas rūpējas par bērnu, var lūgt, lai tos izmaksā Uzturlīdzekļu garantiju fonds.',
      en: 'If the other parent does not pay maintenance for a child, the parent or guardian who cares for the child can ask the Maintenance Guarantee Fund to pay it.',
    },
    paragraphs: {
      lv: [
        'Uzturlīdzekļi jeb alimenti ir nauda bērna uzturēšanai, kas jāmaksā vecākam, kurš nedzīvo kopā ar bērnu. Ja šis vecāks nemaksā, valsts var maksāt viņa vietā no Uzturlīdzekļu garantiju fonda.',
        'Iesniegumu var iesniegt vecāks vai aizbildnis, kas rūpējas par bērnu. Pilngadīgs bērns, kurš turpina mācīties, likumā noteiktajos gadījumos var iesniegt iesniegumu pats.',
        'Kādi nosacījumi jāizpilda, nosaka Uzturlīdzekļu garantiju fonda likums. Fonds pārbauda, vai otrs vecāks tiešām nemaksā, un pieņem lēmumu.',
        'Fonda izmaksātā nauda nav dāvana parādniekam: vecākam, kura vietā fonds maksā, šī nauda fondam jāatmaksā.',
      ],
      en: [
        "Maintenance (child support) is money for a child's upkeep that the parent who does not live with the child must pay. If that parent does not pay, the state can pay instead from the Maintenance Guarantee Fund.",
        'The application can be made by the parent or guardian who cares for the child. An adult child who continues education may, in the cases the law sets, apply themselves.',
        'The Maintenance Guarantee Fund Law sets the conditions. The Fund checks that the other parent really does not pay and makes a decision.',
        'The money the Fund pays is not a gift to the debtor: the parent on whose behalf the Fund pays must repay it to the Fund.',
      ],
    },
    keywords: {
      lv: [
        'alimenti',
        'uzturlīdzekļi',
        'uzturlīdzekļu garantiju fonds',
        'nemaksā alimentus',
        'bērna uzturs',
        'kas var saņemt',
        'fonds',
      ],
      en: [
        'child support',
        'maintenance',
        'maintenance guarantee fund',
        'parent does not pay',
        'alimony',
        'who can get',
        'fund',
      ],
    },
    synonyms: [
      ['alimenti', 'uzturlīdzekļi'],
      ['fonds', 'uzturlīdzekļu garantiju fonds'],
    ],
    sources: [maintenanceFundLaw, courtAdministrationSite],
    service: stateServicesPortalService,
    sample: true,
  },
  {
    id: 'maintenance-fund-application',
    topic: 'maintenance-fund',
    title: {
      lv: 'Kā iesniegt iesniegumu Uzturlīdzekļu garantiju fondam',
      en: 'How to apply to the Maintenance Guarantee Fund',
    },
    summary: {
      lv: 'Iesniegumu var iesniegt tiešsaistē portālā latvija.gov.lv, e-pastā ar drošu elektronisko parakstu, pa pastu vai klātienē.',
      en: 'You can apply online on latvija.gov.lv, by e-mail with a qualified electronic signature, by post or in person.',
    },
    paragraphs: {
      lv: [
        'Ātrākais veids ir tiešsaistes pakalpojums portālā latvija.gov.lv: jūs pieslēdzaties ar eParakstu vai internetbanku, un jūsu identitāte ir pārbaudīta.',
        'Iesniegumu var arī parakstīt ar drošu elektronisko parakstu un nosūtīt e-pastā vai uz e-adresi, sūtīt pa pastu vai iesniegt klātienē.',
        'Iesniegumā norādiet bērna un otra vecāka datus un kontu, uz kuru izmaksāt naudu. Pievienojiet dokumentus, ko prasa likums, piemēram, tiesas nolēmumu vai notariālu aktu par uzturlīdzekļiem, ja tāds ir.',
        'Fonds izskata iesniegumu un paziņo lēmumu. Ja kāda dokumenta trūkst, fonds jums par to paziņos.',
      ],
      en: [
        'The quickest way is the online service on latvija.gov.lv: you log in with eParaksts or an internet bank, and your identity is checked.',
        'You can also sign the application with a qualified electronic signature and send it by e-mail or to the e-address, send it by post, or hand it in.',
        'In the application give the details of the child and of the other parent, and the account for the payments. Attach the documents the law asks for, for example a court decision or notarial deed on maintenance, if there is one.',
        'The Fund examines the application and tells you its decision. If a document is missing, the Fund will tell you.',
      ],
    },
    keywords: {
      lv: [
        'iesniegums fondam',
        'pieteikties alimentiem',
        'kā pieteikties',
        'dokumenti',
        'latvija.gov.lv',
        'iesniegt',
        'veidlapa',
      ],
      en: [
        'apply to fund',
        'apply for child support',
        'how to apply',
        'documents',
        'latvija.gov.lv',
        'submit',
        'form',
      ],
    },
    synonyms: [
      ['alimenti', 'uzturlīdzekļi'],
      ['iesniegums', 'pieteikums'],
    ],
    sources: [maintenanceFundLaw, stateServicesPortal],
    service: stateServicesPortalService,
    sample: true,
  },
  {
    id: 'maintenance-fund-payment-schedule',
    topic: 'maintenance-fund',
    title: {
      lv: 'Kad un kā fonds izmaksā uzturlīdzekļus',
      en: 'When and how the Fund pays maintenance',
    },
    summary: {
      lv: 'Fonds izmaksā uzturlīdzekļus reizi mēnesī uz jūsu norādīto kontu; par konta maiņu un citām izmaiņām jāpaziņo fondam.',
      en: 'The Fund pays maintenance monthly to the account you gave; you must tell the Fund about a change of account and other changes.',
    },
    paragraphs: {
      lv: [
        'Uzturlīdzekļus izmaksā katru mēnesi uz bankas kontu, ko norādījāt iesniegumā. Izmaksas apmēru un kārtību nosaka Uzturlīdzekļu garantiju fonda likums un Ministru kabineta noteikumi.',
        'Ja maināt bankas kontu, paziņojiet fondam jauno kontu laikus, lai maksājums nenonāktu vecajā kontā.',
        'Jums jāpaziņo fondam arī par izmaiņām, kas ietekmē izmaksu, piemēram, ja bērns sāk dzīvot pie otra vecāka vai ja otrs vecāks sāk maksāt pats.',
        'Ja maksājums nav saņemts, vispirms pārbaudiet, vai fondam ir jūsu pareizais konts, un tad rakstiet mums, norādot bērna vārdu un lēmuma numuru.',
      ],
      en: [
        'Maintenance is paid every month to the bank account you gave in the application. The Maintenance Guarantee Fund Law and Cabinet regulations set the amount and the procedure.',
        'If you change your bank account, tell the Fund the new account in good time, so that the payment does not go to the old one.',
        'You must also tell the Fund about changes that affect the payment, for example if the child starts living with the other parent or if the other parent starts paying himself or herself.',
        "If a payment has not arrived, first check that the Fund has your correct account, then write to us giving the child's name and the decision number.",
      ],
    },
    keywords: {
      lv: [
        'izmaksa',
        'kad izmaksās',
        'nav ienākuši alimenti',
        'mainīt kontu',
        'bankas konts',
        'izmaiņas',
        'maksājums kavējas',
      ],
      en: [
        'payment',
        'when paid',
        'child support not received',
        'change account',
        'bank account',
        'changes',
        'late payment',
      ],
    },
    synonyms: [
      ['alimenti', 'uzturlīdzekļi'],
      ['izmaksa', 'maksājums'],
    ],
    sources: [maintenanceFundLaw, courtAdministrationSite],
    sample: true,
  },
  {
    id: 'maintenance-debtor-obligations',
    topic: 'maintenance-fund',
    title: {
      lv: 'Uzturlīdzekļu parādniekam: parāda atmaksa fondam',
      en: 'For maintenance debtors: repaying the Fund',
    },
    summary: {
      lv: 'Ja fonds maksā uzturlīdzekļus jūsu vietā, šī nauda jums jāatmaksā fondam; nemaksājot parādu piedzen tiesu izpildītājs.',
      en: 'If the Fund pays maintenance on your behalf, you must repay the money to the Fund; if you do not, a bailiff recovers the debt.',
    },
    paragraphs: {
      lv: [
        'Parādnieks ir vecāks, kura vietā fonds maksā uzturlīdzekļus bērnam. Visu, ko fonds izmaksājis, parādniekam jāatmaksā fondam.',
        'Ja parāds netiek atmaksāts, fonds to piedzen ar zvērināta tiesu izpildītāja palīdzību. Likums paredz arī citas sekas parādniekam, kas nemaksā.',
        'Ja vēlaties atmaksāt parādu, sazinieties ar fondu un uzziniet parāda summu un maksājuma rekvizītus. Jautājiet arī, vai iespējams vienoties par atmaksu pa daļām.',
        'Labākais veids, kā apturēt parāda pieaugumu, ir sākt maksāt uzturlīdzekļus bērnam pašam. Par to paziņojiet fondam.',
      ],
      en: [
        'A debtor is the parent on whose behalf the Fund pays maintenance for the child. The debtor must repay the Fund everything it has paid.',
        'If the debt is not repaid, the Fund recovers it with the help of a sworn bailiff. The law also sets other consequences for a debtor who does not pay.',
        'If you want to repay the debt, contact the Fund to find out the amount owed and the payment details. Ask also whether repayment in instalments can be agreed.',
        'The best way to stop the debt from growing is to start paying maintenance for the child yourself. Tell the Fund when you do.',
      ],
    },
    keywords: {
      lv: [
        'parādnieks',
        'alimentu parāds',
        'atmaksāt fondam',
        'parāds fondam',
        'tiesu izpildītājs',
        'maksāt pa daļām',
        'piedziņa',
      ],
      en: [
        'debtor',
        'maintenance debt',
        'repay the fund',
        'debt to fund',
        'bailiff',
        'pay in instalments',
        'recovery',
      ],
    },
    synonyms: [
      ['alimenti', 'uzturlīdzekļi'],
      ['parādnieks', 'nemaksātājs'],
      ['tiesu izpildītājs', 'izpildītājs'],
    ],
    sources: [maintenanceFundLaw, civilProcedureLaw],
    sample: true,
  },
  {
    id: 'maintenance-fund-stop-payments',
    topic: 'maintenance-fund',
    title: {
      lv: 'Kad fonds pārtrauc izmaksāt uzturlīdzekļus',
      en: 'When the Fund stops paying maintenance',
    },
    summary: {
      lv: 'Izmaksu pārtrauc likumā noteiktajos gadījumos, piemēram, kad bērns sasniedz likumā noteikto vecumu vai kad otrs vecāks sāk maksāt.',
      en: 'Payments stop in the cases the law sets, for example when the child reaches the age in the law or when the other parent starts paying.',
    },
    paragraphs: {
      lv: [
        'Uzturlīdzekļu garantiju fonda likums uzskaita gadījumus, kad izmaksu pārtrauc vai izbeidz.',
        'Parasti izmaksa beidzas, kad bērns kļūst pilngadīgs. Ja pilngadīgs bērns turpina mācīties, likums noteiktos gadījumos ļauj izmaksu turpināt līdz likumā noteiktajam vecumam.',
        'Izmaksu pārtrauc arī tad, ja parādnieks sāk maksāt pats, ja bērns vairs nedzīvo pie iesniedzēja vai ja mainās citi apstākļi, kas bija lēmuma pamatā.',
        'Par izmaksas pārtraukšanu fonds pieņem lēmumu. Ja uzskatāt, ka lēmums ir nepareizs, lēmumā ir norādīts, kā to apstrīdēt.',
      ],
      en: [
        'The Maintenance Guarantee Fund Law lists the cases in which payment is suspended or ended.',
        'Usually payment ends when the child comes of age. If an adult child continues education, the law in certain cases lets payment continue up to the age it sets.',
        'Payment also stops if the debtor starts paying, if the child no longer lives with the applicant, or if other circumstances on which the decision rested change.',
        'The Fund makes a decision to stop payment. If you think the decision is wrong, the decision says how to contest it.',
      ],
    },
    keywords: {
      lv: [
        'pārtrauc izmaksu',
        'izbeidz',
        'pilngadība',
        'mācās',
        'studē',
        'vairs nemaksā',
        'beidzas alimenti',
      ],
      en: [
        'stop payment',
        'end',
        'coming of age',
        'studying',
        'student',
        'no longer paid',
        'child support ends',
      ],
    },
    synonyms: [
      ['alimenti', 'uzturlīdzekļi'],
      ['pārtraukt', 'izbeigt'],
    ],
    sources: [maintenanceFundLaw, courtAdministrationSite],
    sample: true,
  },
];
