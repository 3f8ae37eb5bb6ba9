/**
 * The legal acts and official pages the seed articles cite, each written once. Laws link their
 * page on likumi.lv (the official consolidated text); institutions link their site's front page,
 * which outlives any deep link.
 */
import type { SeedSource } from './seed-types.ts';

export const civilProcedureLaw: SeedSource = {
  title: 'Civilprocesa likums',
  url: 'https://likumi.lv/ta/id/50500-civilprocesa-likums',
};
export const submissionsLaw: SeedSource = {
  title: 'Iesniegumu likums',
  url: 'https://likumi.lv/ta/id/164501-iesniegumu-likums',
};
export const judicialPowerLaw: SeedSource = {
  title: 'Likums "Par tiesu varu"',
  url: 'https://likumi.lv/ta/id/62847-par-tiesu-varu',
};
export const administrativeProcedureLaw: SeedSource = {
  title: 'Administratīvā procesa likums',
  url: 'https://likumi.lv/ta/id/55567-administrativa-procesa-likums',
};
export const electronicDocumentsLaw: SeedSource = {
  title: 'Elektronisko dokumentu likums',
  url: 'https://likumi.lv/ta/id/68521-elektronisko-dokumentu-likums',
};
export const eAddressLaw: SeedSource = {
  title: 'Oficiālās elektroniskās adreses likums',
  url: 'https://likumi.lv/ta/id/283229-oficialas-elektroniskas-adreses-likums',
};
export const legalAidLaw: SeedSource = {
  title: 'Valsts nodrošinātās juridiskās palīdzības likums',
  url: 'https://likumi.lv/ta/id/104831-valsts-nodrosinatas-juridiskas-palidzibas-likums',
};
export const maintenanceFundLaw: SeedSource = {
  title: 'Uzturlīdzekļu garantiju fonda likums',
  url: 'https://likumi.lv/ta/id/287534-uzturlidzeklu-garantiju-fonda-likums',
};
export const insolvencyLaw: SeedSource = {
  title: 'Maksātnespējas likums',
  url: 'https://likumi.lv/ta/id/214590-maksatnespejas-likums',
};
export const personalDataProcessingLaw: SeedSource = {
  title: 'Fizisko personu datu apstrādes likums',
  url: 'https://likumi.lv/ta/id/300099-fizisko-personu-datu-apstrades-likums',
};
export const dataProtectionRegulation: SeedSource = {
  title: 'Vispārīgā datu aizsardzības regula (ES) 2016/679',
  url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
};

export const courtAdministrationSite: SeedSource = {
  title: 'Tiesu administrācija',
  url: 'https://www.ta.gov.lv',
};
export const courtsPortal: SeedSource = { title: 'Tiesu portāls tiesas.lv', url: 'https://www.tiesas.lv' };
export const courtsCivilCases: SeedSource = {
  title: 'Tiesu portāls: civillietas (tiesāšanās izdevumi, piekritība)',
  url: 'https://tiesas.lv/civillietas',
};
export const courtsLegalAidPage: SeedSource = {
  title: 'Tiesu portāls: valsts nodrošinātā juridiskā palīdzība',
  url: 'https://tiesas.lv/valsts-nodrosinata-juridiska-palidziba',
};
export const eCasePortal: SeedSource = {
  title: 'E-lietas portāls manas.tiesas.lv',
  url: 'https://manas.tiesas.lv',
};
export const stateServicesPortal: SeedSource = {
  title: 'Valsts pārvaldes pakalpojumu portāls',
  url: 'https://www.latvija.gov.lv',
};
export const legalAidAdministration: SeedSource = {
  title: 'Juridiskās palīdzības administrācija',
  url: 'https://www.jpa.gov.lv/lv/valsts-nodrosinata-juridiska-palidziba',
};
export const insolvencyControlService: SeedSource = {
  title: 'Maksātnespējas kontroles dienests',
  url: 'https://www.mkd.gov.lv',
};
export const enterpriseRegister: SeedSource = { title: 'Uzņēmumu reģistrs', url: 'https://www.ur.gov.lv' };
export const dataStateInspectorate: SeedSource = {
  title: 'Datu valsts inspekcija',
  url: 'https://www.dvi.gov.lv',
};
export const informationCentre: SeedSource = {
  title: 'Iekšlietu ministrijas Informācijas centrs',
  url: 'https://www.ic.iem.gov.lv',
};
export const swornNotaries: SeedSource = {
  title: 'Latvijas Zvērinātu notāru padome',
  url: 'https://www.notari.lv',
};
export const foreignMinistry: SeedSource = {
  title: 'Ārlietu ministrija: konsulārie pakalpojumi',
  url: 'https://www.mfa.gov.lv',
};
export const eSignatureProvider: SeedSource = { title: 'eParaksts', url: 'https://www.eparaksts.lv' };

/** The online services articles point to (§10). */
export const eCaseService = {
  title: { lv: 'E-lietas portāls', en: 'E-case portal' },
  url: 'https://manas.tiesas.lv',
} as const;
export const stateServicesPortalService = {
  title: { lv: 'Portāls latvija.gov.lv', en: 'Portal latvija.gov.lv' },
  url: 'https://www.latvija.gov.lv',
} as const;
export const nationalArchives: SeedSource = {
  title: 'Latvijas Nacionālais arhīvs',
  url: 'https://www.arhivi.gov.lv',
};
