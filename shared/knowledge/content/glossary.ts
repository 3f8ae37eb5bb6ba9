/** Sample glossary: the legal terms the seed articles use, in plain words (§15). */
import type { SeedGlossaryTerm } from './seed-types.ts';
import {
  civilProcedureLaw,
  dataProtectionRegulation,
  eAddressLaw,
  electronicDocumentsLaw,
  insolvencyLaw,
  legalAidLaw,
  maintenanceFundLaw,
} from './sources.ts';

/** A term with its plain explanation, both languages. */
function term(
  id: string,
  lv: string,
  en: string,
  explanation: { lv: string; en: string },
  sources?: SeedGlossaryTerm['sources'],
): SeedGlossaryTerm {
  return { id, term: { lv, en }, explanation, ...(sources ? { sources } : {}), sample: true };
}

export const seedGlossary: readonly SeedGlossaryTerm[] = [
  term(
    'valsts-nodeva',
    'valsts nodeva',
    'state fee',
    {
      lv: 'Maksājums valstij par prasības, pieteikuma vai sūdzības iesniegšanu tiesā. Tā apmēru nosaka likums.',
      en: 'A payment to the state for filing a claim, application or complaint with a court. The law sets its amount.',
    },
    [civilProcedureLaw],
  ),
  term(
    'kancelejas-nodeva',
    'kancelejas nodeva',
    'office fee',
    {
      lv: 'Maksājums par tiesas kancelejas darbu, piemēram, par dokumentu kopijām un izziņām.',
      en: 'A payment for work of the court office, such as copies of documents and certificates.',
    },
    [civilProcedureLaw],
  ),
  term(
    'drosibas-nauda',
    'drošības nauda',
    'security deposit',
    {
      lv: 'Nauda, ko likumā noteiktos gadījumos iemaksā, iesniedzot sūdzību. To atmaksā, ja sūdzību apmierina.',
      en: 'Money paid in the cases the law sets when filing a complaint. It is returned if the complaint succeeds.',
    },
    [civilProcedureLaw],
  ),
  term(
    'tiesas-izdevumi',
    'tiesas izdevumi',
    'court costs',
    {
      lv: 'Visi maksājumi, kas saistīti ar lietu tiesā: valsts nodeva, kancelejas nodeva un izdevumi par lietas izskatīšanu.',
      en: 'All payments linked to a court case: the state fee, the office fee and the costs of hearing the case.',
    },
    [civilProcedureLaw],
  ),
  term(
    'prasiba',
    'prasība',
    'claim',
    {
      lv: 'Lūgums tiesai aizsargāt jūsu tiesības strīdā ar citu personu, piemēram, piedzīt parādu.',
      en: 'A request to a court to protect your rights in a dispute with another person, for example to recover a debt.',
    },
    [civilProcedureLaw],
  ),
  term('pieteikums', 'pieteikums', 'application', {
    lv: 'Rakstisks lūgums tiesai vai iestādei kaut ko izlemt vai izdarīt, piemēram, pieteikums par maksātnespēju.',
    en: 'A written request to a court or authority to decide or do something, for example an insolvency application.',
  }),
  term('iesniegums', 'iesniegums', 'submission', {
    lv: 'Jūsu rakstisks jautājums, lūgums vai sūdzība iestādei. Iestādei uz to jāatbild likumā noteiktajā termiņā.',
    en: 'Your written question, request or complaint to an authority. The authority must answer within the time the law sets.',
  }),
  term('prasitajs', 'prasītājs', 'claimant', {
    lv: 'Persona, kas iesniedz prasību tiesā.',
    en: 'The person who files a claim with a court.',
  }),
  term('atbildetajs', 'atbildētājs', 'defendant', {
    lv: 'Persona, pret kuru ir iesniegta prasība.',
    en: 'The person against whom a claim is filed.',
  }),
  term('lietas-dalibnieks', 'lietas dalībnieks', 'party to the case', {
    lv: 'Persona, kas piedalās lietā ar savām tiesībām, piemēram, prasītājs, atbildētājs vai trešā persona.',
    en: 'A person who takes part in a case with their own rights, such as the claimant, the defendant or a third party.',
  }),
  term(
    'piekritiba',
    'piekritība',
    'jurisdiction',
    {
      lv: 'Noteikumi par to, kurai tiesai lieta jāizskata.',
      en: 'The rules on which court must hear a case.',
    },
    [civilProcedureLaw],
  ),
  term('spriedums', 'spriedums', 'judgment', {
    lv: 'Tiesas nolēmums, ar kuru lieta tiek izlemta pēc būtības.',
    en: 'A court decision that decides the case on its merits.',
  }),
  term('lemums', 'lēmums', 'decision', {
    lv: 'Tiesas vai iestādes nolēmums par kādu jautājumu, kas nav visas lietas izlemšana, piemēram, par nodevas atmaksu.',
    en: 'A ruling of a court or authority on a particular question that does not decide the whole case, for example on a fee refund.',
  }),
  term('nolemums', 'nolēmums', 'ruling', {
    lv: 'Kopīgs nosaukums tiesas spriedumam un lēmumam.',
    en: "A common name for a court's judgments and decisions.",
  }),
  term(
    'nolemums-stajies-speka',
    'nolēmums stājies likumīgā spēkā',
    'ruling has entered into force',
    {
      lv: 'Nolēmumu vairs nevar pārsūdzēt, un tas ir jāpilda.',
      en: 'The ruling can no longer be appealed and must be complied with.',
    },
    [civilProcedureLaw],
  ),
  term(
    'apelacija',
    'apelācija',
    'appeal',
    {
      lv: 'Sūdzība par pirmās instances tiesas spriedumu, lai augstāka tiesa lietu izskatītu vēlreiz.',
      en: 'A complaint against a first-instance judgment, so that a higher court hears the case again.',
    },
    [civilProcedureLaw],
  ),
  term(
    'kasacija',
    'kasācija',
    'cassation',
    {
      lv: 'Sūdzība Augstākajā tiesā par to, ka tiesa nepareizi piemērojusi likumu. Lietas faktus tā no jauna neizskata.',
      en: 'A complaint to the Supreme Court that a court applied the law wrongly. It does not re-examine the facts.',
    },
    [civilProcedureLaw],
  ),
  term(
    'blakus-sudziba',
    'blakus sūdzība',
    'ancillary complaint',
    {
      lv: 'Sūdzība par tiesas lēmumu, piemēram, par atteikumu pieņemt prasību, nevis par spriedumu.',
      en: 'A complaint against a court decision, for example a refusal to accept a claim, rather than against a judgment.',
    },
    [civilProcedureLaw],
  ),
  term(
    'izpildu-raksts',
    'izpildu raksts',
    'writ of execution',
    {
      lv: 'Tiesas izsniegts dokuments, ar kuru var lūgt tiesu izpildītāju piespiedu kārtā izpildīt spriedumu.',
      en: 'A document issued by a court with which you can ask a bailiff to enforce a judgment.',
    },
    [civilProcedureLaw],
  ),
  term('tiesu-izpilditajs', 'tiesu izpildītājs', 'bailiff', {
    lv: 'Zvērināts tiesu izpildītājs ir amatpersona, kas piespiedu kārtā izpilda tiesas nolēmumus, piemēram, piedzen parādu.',
    en: 'A sworn bailiff is an official who enforces court rulings, for example by recovering a debt.',
  }),
  term(
    'maksatnespejas-administrators',
    'maksātnespējas administrators',
    'insolvency administrator',
    {
      lv: 'Persona, ko ieceļ tiesa, lai vadītu maksātnespējas procesu un pārvaldītu parādnieka mantu.',
      en: "A person appointed by the court to run insolvency proceedings and manage the debtor's property.",
    },
    [insolvencyLaw],
  ),
  term(
    'tiesiskas-aizsardzibas-process',
    'tiesiskās aizsardzības process',
    'legal protection proceedings',
    {
      lv: 'Process, kurā uzņēmums grūtībās tiesas uzraudzībā vienojas ar kreditoriem par parādu atmaksu.',
      en: 'Proceedings in which a company in difficulty agrees debt repayment with its creditors under court supervision.',
    },
    [insolvencyLaw],
  ),
  term('kreditors', 'kreditors', 'creditor', {
    lv: 'Persona, kurai kāds ir parādā naudu vai citu izpildījumu.',
    en: 'A person to whom someone owes money or another performance.',
  }),
  term('paradnieks', 'parādnieks', 'debtor', {
    lv: 'Persona, kurai jāsamaksā parāds vai jāizpilda cits pienākums.',
    en: 'A person who must pay a debt or fulfil another obligation.',
  }),
  term(
    'uzturlidzekli',
    'uzturlīdzekļi',
    'maintenance',
    {
      lv: 'Nauda bērna uzturēšanai, ko maksā vecāks, kurš nedzīvo kopā ar bērnu. Sarunvalodā — alimenti.',
      en: "Money for a child's upkeep paid by the parent who does not live with the child; also called child support.",
    },
    [maintenanceFundLaw],
  ),
  term(
    'juridiska-palidziba',
    'valsts nodrošinātā juridiskā palīdzība',
    'state-guaranteed legal aid',
    {
      lv: 'Jurista palīdzība, ko pilnīgi vai daļēji apmaksā valsts cilvēkiem, kuriem nav pietiekamu līdzekļu.',
      en: 'Help from a lawyer that the state pays in full or in part for people without enough means.',
    },
    [legalAidLaw],
  ),
  term('pilnvara', 'pilnvara', 'power of attorney', {
    lv: 'Dokuments, ar kuru jūs atļaujat citai personai rīkoties jūsu vārdā.',
    en: 'A document by which you allow another person to act in your name.',
  }),
  term(
    'e-adrese',
    'e-adrese',
    'e-address',
    {
      lv: 'Oficiālā elektroniskā adrese: droša pastkastīte internetā saziņai ar valsts iestādēm un tiesām.',
      en: 'The official electronic address: a secure mailbox on the internet for dealing with state authorities and courts.',
    },
    [eAddressLaw],
  ),
  term(
    'e-paraksts',
    'drošs elektroniskais paraksts',
    'qualified electronic signature',
    {
      lv: 'Elektronisks paraksts, kam ir tāds pats spēks kā parakstam ar roku, piemēram, eParaksts.',
      en: 'An electronic signature with the same force as a handwritten one, such as eParaksts.',
    },
    [electronicDocumentsLaw],
  ),
  term('apliecinata-kopija', 'apliecināta kopija', 'certified copy', {
    lv: 'Dokumenta kopija, uz kuras iestāde vai notārs apliecina, ka tā atbilst oriģinālam. Tiesas apliecinātu kopiju sauc arī par norakstu.',
    en: 'A copy of a document on which an authority or notary confirms that it matches the original.',
  }),
  term('apostille', 'apostille', 'apostille', {
    lv: 'Apliecinājums, ka publisks dokuments ir īsts, lai to varētu izmantot citā Hāgas konvencijas valstī.',
    en: 'A confirmation that a public document is genuine, so it can be used in another Hague Convention country.',
  }),
  term('legalizacija', 'legalizācija', 'legalisation', {
    lv: 'Dokumenta īstuma apliecināšana izmantošanai valstī, kurā apostille netiek atzīta.',
    en: 'Confirming a document is genuine for use in a country that does not accept an apostille.',
  }),
  term(
    'personas-dati',
    'personas dati',
    'personal data',
    {
      lv: 'Jebkura informācija par cilvēku, pēc kuras viņu var atpazīt, piemēram, vārds, personas kods vai adrese.',
      en: 'Any information about a person by which they can be identified, such as a name, personal code or address.',
    },
    [dataProtectionRegulation],
  ),
  term(
    'datu-subjekts',
    'datu subjekts',
    'data subject',
    {
      lv: 'Cilvēks, par kuru ir personas dati.',
      en: 'The person the personal data are about.',
    },
    [dataProtectionRegulation],
  ),
  term(
    'pseidonimizacija',
    'pseidonimizācija',
    'pseudonymisation',
    {
      lv: 'Personas datu aizstāšana ar citiem apzīmējumiem, piemēram, vārda aizstāšana ar burtiem, lai cilvēku nevarētu viegli atpazīt.',
      en: 'Replacing personal data with other labels, for example a name with letters, so the person cannot easily be recognised.',
    },
    [dataProtectionRegulation],
  ),
  term('anonimizacija', 'anonimizācija', 'anonymisation', {
    lv: 'Personas datu noņemšana tā, ka cilvēku vairs nevar atpazīt.',
    en: 'Removing personal data so that the person can no longer be recognised.',
  }),
];
