import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCompetenceId, replyDomain, triageCompetence } from '../../../shared/domain/competences.ts';
import {
  defaultRules,
  defineRoutingRules,
  InvalidRoutingRules,
  type RoutingInput,
  route,
} from '../../../shared/domain/routing.ts';
import type { Channel, RoutingRuleDefinition } from '../../../shared/domain/routing-conditions.ts';
import { defaultRuleDefinitions } from '../../../shared/domain/routing-rules.ts';
import { type TopicId, topicIds, topics } from '../../../shared/domain/topics.ts';

/** An email to the general address, which only the text can route. */
function email(subject: string, body: string, overrides: Partial<RoutingInput> = {}): RoutingInput {
  return {
    channel: 'email',
    recipient: `info@${replyDomain}`,
    senderEmail: 'anna.berzina@example.com',
    subject,
    body,
    language: 'lv',
    ...overrides,
  };
}

function webForm(topic: TopicId, subject: string, body: string): RoutingInput {
  return { channel: 'web', topic, subject, body, senderEmail: 'client@example.com', language: 'lv' };
}

describe('route: requests as people write them', () => {
  it.each([
    // Latvian, inflected
    [
      'Jautājums',
      'Mans maksātnespējas administrators neatbild uz vēstulēm.',
      'insolvency',
      'keywords-insolvency',
    ],
    ['Sūdzība', 'maksatnespejas administrators nav iesniedzis ziņojumu', 'insolvency', 'keywords-insolvency'],
    ['Uzņēmums kļuvis maksātnespējīgs', 'Ko darīt kreditoram?', 'insolvency', 'keywords-insolvency'],
    ['TAP', 'Vai tiesiskās aizsardzības procesā var mainīt plānu?', 'insolvency', 'keywords-insolvency'],
    ['VALSTS NODEVA', 'CIK LIELA IR NODEVA PAR PRASĪBAS PIETEIKUMU?', 'court-fees', 'keywords-court-fees'],
    [
      'Atmaksa',
      'Lūdzu atmaksāt pārmaksāto valsts nodevu lietā C12-0001.',
      'court-fees',
      'keywords-court-fees',
    ],
    [
      'Drošības nauda',
      'Kur iemaksāt drošības naudu par kasācijas sūdzību?',
      'court-fees',
      'keywords-court-fees',
    ],
    [
      'Rēķins',
      'Lūdzu norādiet maksājuma rekvizītus tiesas izdevumu samaksai.',
      'court-fees',
      'keywords-court-fees',
    ],
    [
      'Uzturlīdzekļi',
      'Kad tiks izmaksāti uzturlīdzekļi par martu?',
      'maintenance-fund',
      'keywords-maintenance-fund',
    ],
    [
      'Alimenti',
      'Bērna tēvs nemaksā alimentus, vai fonds var palīdzēt?',
      'maintenance-fund',
      'keywords-maintenance-fund',
    ],
    [
      'Iesniegums',
      'Iesniedzu iesniegumu Uzturlīdzekļu garantiju fondā.',
      'maintenance-fund',
      'keywords-maintenance-fund',
    ],
    [
      'Palīdzība',
      'Kā pieteikties valsts nodrošinātajai juridiskajai palīdzībai?',
      'legal-aid',
      'keywords-legal-aid',
    ],
    ['Advokāts', 'Vai varu saņemt bezmaksas advokātu?', 'legal-aid', 'keywords-legal-aid'],
    ['Nevaru pieslēgties', 'E-lietas portālā neredzu savu lietu.', 'e-services', 'keywords-e-services'],
    ['manas.tiesas.lv', 'Kā iesniegt dokumentu?', 'e-services', 'keywords-e-services'],
    ['Parole', 'Aizmirsu paroli.', 'e-services', 'keywords-e-services'],
    [
      'Izziņa',
      'Lūdzu izsniegt izziņu par lietas izskatīšanu.',
      'certificates-archive',
      'keywords-certificates-archive',
    ],
    [
      'Kopija',
      'Lūdzu nosūtīt sprieduma kopiju lietā Nr. C33-1234-2019.',
      'certificates-archive',
      'keywords-certificates-archive',
    ],
    [
      'Arhīvs',
      'Vai arhīvā glabājas 1998. gada lieta?',
      'certificates-archive',
      'keywords-certificates-archive',
    ],
    [
      'Personas dati',
      'Lūdzu dzēst manus personas datus no jūsu sistēmām.',
      'data-protection',
      'keywords-data-protection',
    ],
    ['VDAR 15. pants', 'Pieprasu informāciju par mani.', 'data-protection', 'keywords-data-protection'],
    [
      'Datu aizsardzība',
      'Kas ir jūsu datu aizsardzības speciālists?',
      'data-protection',
      'keywords-data-protection',
    ],
    // English
    ['Legal aid', 'How do I apply for legal aid?', 'legal-aid', 'keywords-legal-aid'],
    ['Complaint', 'My insolvency administrator does not answer.', 'insolvency', 'keywords-insolvency'],
    ['Court fee refund', 'I paid the fee twice.', 'court-fees', 'keywords-court-fees'],
    [
      'Child support',
      'When is child support from the maintenance fund paid?',
      'maintenance-fund',
      'keywords-maintenance-fund',
    ],
    [
      'Access request',
      'Under the GDPR I request a copy of my personal data.',
      'data-protection',
      'keywords-data-protection',
    ],
    ['Login', 'I forgot my password for the e-case portal.', 'e-services', 'keywords-e-services'],
    [
      'Archive',
      'I need a certificate from the archive.',
      'certificates-archive',
      'keywords-certificates-archive',
    ],
    // Nothing recognisable
    ['Sveiki', 'Kad notiks tiesas sēde manā lietā?', 'general', 'fallback-triage'],
    ['Question', 'Where is the courthouse in Riga?', 'general', 'fallback-triage'],
    ['', '', 'general', 'fallback-triage'],
  ])('"%s: %s" → %s by %s', (subject, body, competence, ruleId) => {
    const decision = route(email(subject, body));
    expect({ competence: decision.competence, ruleId: decision.ruleId }).toEqual({ competence, ruleId });
  });

  it('ranks data protection before other matters, because its deadline is the strictest', () => {
    const decision = route(
      email('Piekļuve', 'Lūdzu izsniegt visus manus personas datus no manas maksātnespējas lietas.'),
    );
    expect(decision.competence).toBe('data-protection');
  });
});

describe('route: explicit topics', () => {
  it.each(
    topics.filter((topic) => topic.id !== 'general').map((topic) => [topic.id, topic.competence] as const),
  )('sends the topic %s to %s, whatever the text says', (topic, competence) => {
    const decision = route(
      webForm(topic, 'Maksātnespēja', 'Valsts nodeva, e-lieta, izziņa un personas dati.'),
    );
    expect(decision).toMatchObject({ competence, ruleId: `topic-${topic}` });
    expect(decision.matched).toEqual([{ field: 'topic', value: topic, term: topic }]);
  });

  it('routes a phone call by the topic of the digit pressed', () => {
    const decision = route({ channel: 'phone', topic: 'legal-aid', subject: '', body: '', language: 'lv' });
    expect(decision).toMatchObject({ competence: 'legal-aid', ruleId: 'topic-legal-aid' });
  });

  it('lets keywords refine the topic "other question"', () => {
    const decision = route(webForm('general', 'Jautājums', 'Par maksātnespējas administratora rīcību.'));
    expect(decision).toMatchObject({ competence: 'insolvency', ruleId: 'keywords-insolvency' });
  });

  it('sends "other question" with nothing recognisable to triage', () => {
    expect(route(webForm('general', 'Jautājums', 'Labdien!'))).toMatchObject({
      competence: 'general',
      ruleId: 'fallback-triage',
    });
  });

  it('ignores a topic it does not know, as from an old stored request', () => {
    const decision = route({ ...email('Sveiki', 'Labdien!'), topic: 'parking' });
    expect(decision.ruleId).toBe('fallback-triage');
  });
});

describe('route: email addresses', () => {
  it("sends mail to a unit's own address to that unit, whatever the text says", () => {
    const decision = route(
      email('Jautājums', 'Personas dati un e-lieta', { recipient: `izzinas@${replyDomain}` }),
    );
    expect(decision).toMatchObject({
      competence: 'certificates-archive',
      ruleId: 'recipient-certificates-archive',
    });
  });

  it('ignores case, the display name and a +tag in the recipient', () => {
    const recipient = `Tiesu administrācija <NODEVAS+TA-2026-000123@${replyDomain.toUpperCase()}>`;
    const decision = route(email('Sveiki', 'Labdien!', { recipient }));
    expect(decision).toMatchObject({ competence: 'court-fees', ruleId: 'recipient-court-fees' });
    expect(decision.matched).toContainEqual({
      field: 'recipient',
      value: `nodevas@${replyDomain}`,
      term: `nodevas@${replyDomain}`,
    });
  });

  it('looks at every recipient of the message', () => {
    const decision = route(
      email('Sveiki', 'Labdien!', { recipient: ['someone@example.com', `maksatnespeja@${replyDomain}`] }),
    );
    expect(decision.competence).toBe('insolvency');
  });

  it('does not route by recipient outside email', () => {
    const decision = route({
      ...email('Sveiki', 'Labdien!'),
      channel: 'postal',
      recipient: `nodevas@${replyDomain}`,
    });
    expect(decision.ruleId).toBe('fallback-triage');
  });

  it("sends insolvency administrators' mail to insolvency supervision (illustrative domains)", () => {
    for (const senderEmail of [
      'birojs@maksatnespeja.example.lv',
      'Jānis <janis@riga.administratori.example.lv>',
    ]) {
      const decision = route(email('Ziņojums', 'Pielikumā ziņojums.', { senderEmail }));
      expect(decision, senderEmail).toMatchObject({
        competence: 'insolvency',
        ruleId: 'sender-insolvency-administrators',
      });
    }
  });

  it('does not take a look-alike domain for an administrator', () => {
    const decision = route(email('Ziņojums', 'Labdien!', { senderEmail: 'x@notmaksatnespeja.example.lv' }));
    expect(decision.ruleId).toBe('fallback-triage');
  });
});

describe('route: explanation', () => {
  it('names the rule, the term and the words as written, in Latvian and English', () => {
    const decision = route(email('Jautājums', 'Mans MAKSĀTNESPĒJAS administrators neatbild.'));
    expect(decision.matched).toEqual([{ field: 'body', value: 'MAKSĀTNESPĒJAS', term: 'maksātnespēja' }]);
    expect(decision.explanation).toEqual({
      lv: "Noteikums 'keywords-insolvency': tekstā atrasts 'maksātnespēja' (MAKSĀTNESPĒJAS) → Maksātnespējas procesu uzraudzība",
      en: "Rule 'keywords-insolvency': found 'maksātnespēja' in the text (MAKSĀTNESPĒJAS) → Insolvency supervision",
    });
  });

  it('shows a phrase as the client wrote it, and says when it was in the subject', () => {
    const decision = route(email('Juridiskās palīdzības pieteikums', ''));
    expect(decision.matched).toContainEqual({
      field: 'subject',
      value: 'Juridiskās palīdzības',
      term: 'juridiskā palīdzība',
    });
    expect(decision.explanation.lv).toContain("tematā atrasts 'juridiskā palīdzība' (Juridiskās palīdzības)");
    expect(decision.explanation.en).toContain(
      "found 'juridiskā palīdzība' in the subject (Juridiskās palīdzības)",
    );
  });

  it('names the topic by its label', () => {
    const decision = route(webForm('maintenance-fund', 'Jautājums', ''));
    expect(decision.explanation.lv).toBe(
      "Noteikums 'topic-maintenance-fund': izvēlēta tēma 'Uzturlīdzekļu garantiju fonds' → Uzturlīdzekļu garantiju fonds",
    );
  });

  it('says that nothing matched when it falls back', () => {
    const decision = route(email('Sveiki', 'Labdien!'));
    expect(decision).toMatchObject({
      competence: triageCompetence.id,
      ruleId: 'fallback-triage',
      matched: [],
    });
    expect(decision.explanation.lv).toContain('neviens cits noteikums neatbilst');
    expect(decision.explanation.en).toContain('no other rule matched');
  });

  it('records the version of the rule list, which changes with the rules', () => {
    const decision = route(email('Sveiki', 'Labdien!'));
    expect(decision.rulesVersion).toMatch(/^[0-9a-f]{8}$/);
    expect(decision.rulesVersion).toBe(defineRoutingRules(defaultRuleDefinitions).version);
    const changed = defineRoutingRules([
      { id: 'keywords-extra', when: { keywords: ['tiesnesis'] }, competence: 'general' },
      ...defaultRuleDefinitions,
    ]);
    expect(changed.version).not.toBe(decision.rulesVersion);
  });

  it('is plain JSON, so it can be stored on the ticket as it is', () => {
    const decision = route(email('Valsts nodeva', 'Lūdzu rekvizītus.'));
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });
});

describe('the default rules', () => {
  it('route every topic but "other question" to its own competence', () => {
    for (const topic of topics.filter((candidate) => candidate.id !== 'general')) {
      expect(defaultRuleDefinitions).toContainEqual({
        id: `topic-${topic.id}`,
        when: { topics: [topic.id] },
        competence: topic.competence,
      });
    }
  });

  it('end with the fallback to triage', () => {
    expect(defaultRuleDefinitions.at(-1)).toEqual({
      id: 'fallback-triage',
      when: 'always',
      competence: triageCompetence.id,
    });
    expect(defaultRules.fallback).toEqual({ id: 'fallback-triage', competence: 'general' });
  });

  it('try topics, then recipients, then senders, then keywords', () => {
    const order = ['topic', 'recipient', 'sender', 'keywords', 'fallback'];
    const ranks = defaultRuleDefinitions.map((rule) => order.indexOf(rule.id.split('-')[0] ?? ''));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('defineRoutingRules: checks at load', () => {
  const fallback: RoutingRuleDefinition = { id: 'fallback', when: 'always', competence: 'general' };

  function problemsOf(definitions: readonly RoutingRuleDefinition[]): readonly string[] {
    try {
      defineRoutingRules(definitions);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRoutingRules);
      return (error as InvalidRoutingRules).problems;
    }
    throw new Error('expected the rules to be rejected');
  }

  it('accepts a minimal list: the fallback alone', () => {
    expect(route(email('x', 'y'), defineRoutingRules([fallback])).ruleId).toBe('fallback');
  });

  it('rejects an unknown competence', () => {
    const rule = {
      id: 'typo',
      when: { keywords: ['nodeva'] },
      competence: 'court-fee',
    } as unknown as RoutingRuleDefinition;
    expect(problemsOf([rule, fallback])).toEqual(["rule 1 'typo': unknown competence 'court-fee'"]);
  });

  it('rejects a duplicate rule id', () => {
    const rule: RoutingRuleDefinition = {
      id: 'fees',
      when: { keywords: ['nodeva'] },
      competence: 'court-fees',
    };
    expect(problemsOf([rule, rule, fallback])).toEqual(["rule 2 'fees': the id is used by an earlier rule"]);
  });

  it('rejects a rule without conditions, or with an empty one', () => {
    expect(problemsOf([{ id: 'empty', when: {}, competence: 'court-fees' }, fallback])).toEqual([
      "rule 1 'empty': no conditions; a rule that always applies must say when: 'always'",
    ]);
    expect(problemsOf([{ id: 'empty', when: { keywords: [] }, competence: 'court-fees' }, fallback])).toEqual(
      ["rule 1 'empty': 'keywords' is empty"],
    );
  });

  it('rejects a list without a fallback at the end, or with one before the end', () => {
    const rule: RoutingRuleDefinition = {
      id: 'fees',
      when: { keywords: ['nodeva'] },
      competence: 'court-fees',
    };
    expect(problemsOf([rule])).toEqual([
      "rule 1 'fees': the last rule must be the fallback (when: 'always')",
    ]);
    expect(problemsOf([fallback, rule])).toEqual([
      "rule 1 'fallback': only the last rule may apply always; the rules after it never would",
      "rule 2 'fees': the last rule must be the fallback (when: 'always')",
    ]);
    expect(problemsOf([])).toEqual(['the list is empty; it needs at least the fallback']);
  });

  it('rejects malformed terms, patterns and values', () => {
    const rule = {
      id: 'Bad_Id',
      when: {
        keywords: ['valsts nodeva', 'nodeva', 'nodevas'],
        phrases: ['…'],
        recipients: ['nodevas', '*@*'],
        senderDomains: ['@maksatnespeja.lv'],
        topics: ['parking'],
        channels: ['fax'],
        languages: ['de'],
      },
      competence: 'court-fees',
    } as unknown as RoutingRuleDefinition;
    expect(problemsOf([rule, fallback])).toEqual([
      "rule 1 'Bad_Id': the id must be kebab-case",
      "rule 1 'Bad_Id': unknown channel 'fax'",
      "rule 1 'Bad_Id': unknown language 'de'",
      "rule 1 'Bad_Id': unknown topic 'parking'",
      "rule 1 'Bad_Id': keyword 'valsts nodeva' is not one word; list it under phrases",
      "rule 1 'Bad_Id': phrase '…' has no words",
      "rule 1 'Bad_Id': recipient patterns look like unit@domain, *@domain or unit@*",
      "rule 1 'Bad_Id': recipient patterns look like unit@domain, *@domain or unit@*",
      "rule 1 'Bad_Id': '@maksatnespeja.lv' is not a domain (write it without '@')",
      "rule 1 'Bad_Id': 'nodevas' matches the same words as 'nodeva'",
    ]);
  });

  it('throws when the module loads with a broken shipped list', async () => {
    vi.resetModules();
    vi.doMock('../../../shared/domain/routing-rules.ts', () => ({
      defaultRuleDefinitions: [
        { id: 'no-fallback', when: { keywords: ['nodeva'] }, competence: 'court-fees' },
      ],
    }));
    // A fresh module instance has its own error class, so compare by name.
    await expect(import('../../../shared/domain/routing.ts')).rejects.toMatchObject({
      name: 'InvalidRoutingRules',
      problems: ["rule 1 'no-fallback': the last rule must be the fallback (when: 'always')"],
    });
  });

  afterEach(() => {
    vi.doUnmock('../../../shared/domain/routing-rules.ts');
    vi.resetModules();
  });
});

describe('custom rules', () => {
  const rules = defineRoutingRules([
    { id: 'english-phone', when: { channels: ['phone'], languages: ['en'] }, competence: 'e-services' },
    {
      id: 'any-unit-at-old-domain',
      when: { recipients: ['*@tiesas.example.lv'] },
      competence: 'certificates-archive',
    },
    { id: 'legal-aid-anywhere', when: { recipients: ['palidziba@*'] }, competence: 'legal-aid' },
    {
      id: 'fees-by-post',
      when: { channels: ['postal'], keywords: ['nodeva'], phrases: ['drošības nauda'] },
      competence: 'court-fees',
    },
    { id: 'fallback', when: 'always', competence: 'general' },
  ]);
  const base: RoutingInput = { channel: 'email', subject: '', body: '', language: 'lv' };

  it('match on channel and language together', () => {
    expect(route({ ...base, channel: 'phone', language: 'en' }, rules).ruleId).toBe('english-phone');
    expect(route({ ...base, channel: 'phone', language: 'lv' }, rules).ruleId).toBe('fallback');
  });

  it('match recipient patterns on the domain or the local part', () => {
    expect(route({ ...base, recipient: 'Arhivs@Tiesas.example.lv' }, rules).ruleId).toBe(
      'any-unit-at-old-domain',
    );
    expect(route({ ...base, recipient: 'palidziba@elsewhere.lv' }, rules).ruleId).toBe('legal-aid-anywhere');
    expect(route({ ...base, recipient: 'not an address' }, rules).ruleId).toBe('fallback');
  });

  it('need every condition, but any keyword or phrase', () => {
    const letter: RoutingInput = { ...base, channel: 'postal', body: 'Par drošības naudas atmaksu' };
    expect(route(letter, rules).ruleId).toBe('fees-by-post');
    expect(route({ ...letter, body: 'Par valsts nodevu' }, rules).ruleId).toBe('fees-by-post');
    expect(route({ ...letter, channel: 'email' }, rules).ruleId).toBe('fallback');
    expect(route({ ...letter, body: 'Par naudu' }, rules).ruleId).toBe('fallback');
  });
});

describe('route: properties', () => {
  const channels = fc.constantFrom<Channel>('web', 'email', 'postal', 'phone');
  const anyText = fc.string({ unit: 'grapheme', maxLength: 200 });
  const addressLike = fc.oneof(
    fc.emailAddress(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...['nodevas', 'info', 'maksatnespeja', 'x'].map((local) => `${local}@${replyDomain}`)),
  );
  const inputs: fc.Arbitrary<RoutingInput> = fc.record(
    {
      channel: channels,
      recipient: fc.oneof(addressLike, fc.array(addressLike, { maxLength: 3 })),
      topic: fc.oneof(fc.constantFrom(...topicIds), fc.string({ maxLength: 20 })),
      subject: anyText,
      body: anyText,
      senderEmail: addressLike,
      language: fc.constantFrom('lv' as const, 'en' as const),
    },
    { requiredKeys: ['channel', 'subject', 'body', 'language'] },
  );

  it('never throws and always names one known competence and rule', () => {
    const ruleIds = new Set(defaultRuleDefinitions.map((rule) => rule.id));
    fc.assert(
      fc.property(inputs, (input) => {
        const decision = route(input);
        expect(isCompetenceId(decision.competence)).toBe(true);
        expect(ruleIds.has(decision.ruleId)).toBe(true);
        expect(decision.explanation.lv).not.toBe('');
        expect(decision.explanation.en).not.toBe('');
      }),
    );
  });

  it('keeps the decision for a topic-routed request whatever text is added', () => {
    const vocabulary = fc.constantFrom(
      'maksātnespējas administrators',
      'VALSTS NODEVA',
      'personas dati',
      'mani personas dati',
      'e-lieta',
      'izziņa',
      'uzturlīdzekļi',
      'legal aid',
      'GDPR',
    );
    const extra = fc.array(fc.oneof(vocabulary, anyText), { maxLength: 5 }).map((parts) => parts.join(' '));
    const specificTopics = fc.constantFrom(...topicIds.filter((id) => id !== 'general'));
    fc.assert(
      fc.property(inputs, specificTopics, extra, extra, (input, topic, toSubject, toBody) => {
        const request = { ...input, topic };
        const before = route(request);
        const after = route({
          ...request,
          subject: `${request.subject} ${toSubject}`,
          body: `${request.body} ${toBody}`,
        });
        expect(after).toEqual(before);
      }),
    );
  });

  it('decides alike whether the text is typed in capitals or without diacritics', () => {
    const vocabulary = [
      'lūdzu',
      'par',
      'manu',
      'lietu',
      'tiesā',
      'maksātnespējas',
      'administrators',
      'valsts',
      'nodevu',
      'juridiskās',
      'palīdzības',
      'uzturlīdzekļu',
      'izziņu',
      'e-lietas',
      'portālā',
      'personas',
      'datus',
      'drošības',
      'naudu',
    ];
    const sentences = fc
      .array(fc.constantFrom(...vocabulary), { maxLength: 12 })
      .map((parts) => parts.join(' '));
    const withoutDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
    fc.assert(
      fc.property(sentences, sentences, (subject, body) => {
        const decision = route(email(subject, body));
        for (const variant of [(text: string) => text.toUpperCase(), withoutDiacritics]) {
          const other = route(email(variant(subject), variant(body)));
          expect({ competence: other.competence, ruleId: other.ruleId }).toEqual({
            competence: decision.competence,
            ruleId: decision.ruleId,
          });
        }
      }),
    );
  });
});

describe('signatures, footers and quoted mail', () => {
  const decide = (body: string, subject = 'Jautājums') =>
    route({ channel: 'email', subject, body, senderEmail: 'klients@example.lv', language: 'lv' }).competence;

  it('ignores a data-protection footer under a request about something else', () => {
    expect(
      decide(
        'Kāds ir mana maksātnespējas procesa statuss?\n\n-- \nSIA Piemērs\nPersonas datu apstrāde notiek saskaņā ar VDAR. Datu aizsardzības speciālists: dpo@piemers.lv',
      ),
    ).toBe('insolvency');
    expect(
      decide(
        'Lūdzu atmaksāt pārmaksāto valsts nodevu.\nConfidentiality and data protection notice: this e-mail may contain personal data (GDPR).',
      ),
    ).toBe('court-fees');
  });

  it('ignores quoted earlier mail', () => {
    expect(
      decide(
        'Paldies, gaidīšu atbildi par nodevu.\n\nOtrdien, Jānis rakstīja:\n> mani personas dati ir jādzēš\n> GDPR',
      ),
    ).toBe('court-fees');
  });

  it('still routes a real data-protection request', () => {
    expect(decide('Saskaņā ar VDAR lūdzu izsniegt manus personas datus.\n-- \nJānis')).toBe(
      'data-protection',
    );
    expect(decide('Personas datu apstrāde: lūdzu dzēst manus personas datus, GDPR 17. pants.')).toBe(
      'data-protection',
    );
  });
});
