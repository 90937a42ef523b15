// Finds deadlines: a date something must happen by, who set it, who must act, what happens
// otherwise, and whether the article reports it met, missed, extended or dropped. Cues are
// "deadline", "by/until <date>", "within N days", "or face"; dates resolve against publication.
import { addDays, findEndOf, findPeriods, type ArticleDates, type FoundDate } from './dates';
import type { EntityDraft, EntityTable, MentionRef } from './entity-table';
import { round } from './entity-table';
import type { DeadlineStatus, ExtractedDeadline, ExtractedQuote, ExtractedRelation } from './types';
import type { SpeakerResolver } from './speaker-resolver';
import { readList } from './data';
import { neededWord } from './needed-word';
import { sentenceAt, type TextLayout } from './text-layout';

const TRIGGER =
  /\bdeadline\b|\bby\s+the\s+end\s+of\b|\b(?:have|has|had|given|gets?)\s+\S+\s+(?:days?|weeks?|months?)\s+to\b|\buntil\b|\bby\s+(?:the\s+end\s+of\s+)?(?:next\s+)?(?:\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)|\bwithin\s+\S+\s+(?:days?|weeks?|months?)\b|\b(?:giving|given|gave|give|gives|granted|allowed)\s+(?:\S+\s+){0,5}?\S+\s+(?:days?|weeks?|months?)\s+(?:to|from)\b|\bor\s+face\b|\bultimatum\b|\bfinal date\b|\bdue\s+(?:to|on|by)\b/i;
const DUE_BEFORE =
  /\b(?:by|until|before|to|deadline of|no later than|due on|due by|end on|end by|expires? on|falls? on)\s+(?:the\s+)?(?:end\s+of\s+)?$/i;
const SETTING_VERB =
  /\b(?:(?:has |had )?(?:written|wrote) to|(?:ruled|rules|decreed|decrees)(?=\s+that\b)|has given|had given|given|giving|gave|give|gives|directed|directs|requires|required|instructed|set|sets|imposed|ordered|orders|extended|extends|extend|pushed back|postponed|scrapped|cancell?ed|asked|demanded|granted|issued|obliges|obliged|compels|compelled|summoned|summons|(?:wants|wanted|expects|expected|urged|urges|called\s+on|calls\s+on)(?=\s+(?:[\w'’-]+\s+){1,5}?to\s+[a-z]+)|(?:told|tells|reminded|reminds)(?!\s+by\b)(?=\s+(?:[\w'’-]+\s+){1,5}?to\s+[a-z]+|\s+(?:[\w'’-]+\s+){1,10}?(?:that\s+)?(?:it|they)\s+(?:has|have|had)\s+until\b|\s+(?:[\w'’-]+\s+){1,4}?that\s+(?:[\w'’-]+\s+){1,8}?must\b)|(?:warned|warns|informed|informs|notified|notifies)(?!\s+by\b)(?=\s+(?:[\w'’-]+\s+){1,10}?(?:that\s+)?(?:it|they)\s+(?:(?:has|have|had)\s+until|must)\b))\b/i;
const PAST_CONTEXT =
  /^\s*(?:last\s+(?:year|month)|earlier\s+this\s+year|in\s+(?:19|20)\d\d)\b|\b(?:missed|expired|passed|had been due|was due|had set|failed to meet|met|meeting|had been (?:told|ordered|given|asked|required|directed|instructed|promised|pledged)|which (?:it|they|he|she) did)\b/i;
/** "She has promised to publish, by April 15, a list of the counties that met her deadline". */
const FUTURE_CONTEXT =
  /\b(?:has|have)\s+(?:promised|pledged|vowed)\s+to\b|\bwill\s+have\s+until\b/i;
const OBLIGATION = new RegExp(
  String.raw`${SETTING_VERB.source}|\b(?:must|requir\w*|deadline|has\s+to|have\s+to)\b`,
  'i',
);
const PREVIOUS_DATE = /\b(?:had been due|was due|originally|original)\b/i;

interface Candidate {
  dueOn: string;
  /** The due date read as one already behind the article, when the words allow both. */
  pastDueOn: string | null;
  sentence: number;
  previous: boolean;
  /** The setter was read from the sentence's own words ("X gave", "set by X"), not guessed. */
  setterStated: boolean;
  /** The time is given to a class of people ("gave landlords until May 15"): no party owes it. */
  classParty?: boolean;
  deadline: ExtractedDeadline;
}

/** "will be confirmed by the department by", "must be completed by the ministry by". */
const PASSIVE_AGENT =
  /\b(must|will|would|should|shall|has|have|had|was|were|is|are)\s+(?:also\s+|already\s+|now\s+|first\s+)?(be\s+|been\s+)?(?!(?:given|ordered|told|directed|instructed|asked|required|set|imposed|fixed|issued|extended|pushed|postponed)\b)[a-z]+(?:ed|en|t|wn)\s+by\s+((?:the\s+|its\s+|their\s+)?(?:[\p{L}\w'’-]+\s+){0,5}?[\p{L}\w'’-]+)(?:\s+(?:by|before|no\s+later\s+than))?\s*$/iu;

/** "would provide the material by June 14": the speaker commits itself to the date. */
const SELF_COMMITMENT =
  /\b(?:would|will|plans? to|planned to|promised to|pledged to|expects? to|expected to|aims? to|intends? to|vowed to|hopes? to|hoped to)\s+(?!have\s+to\b|be\s+(?:forced|required|ordered|given)\b)(?:\w+\s+){0,2}?(?:provide|deliver|submit|file|complete|finish|publish|pay|hand|present|release|repay|respond|return|resume|restore|reopen|restart|fix|repair|report|decide|announce|appoint|table|hold|open|name|set\s+out|make|take|be\s+(?:taken|made|published|announced|completed|finished|presented|released|delivered|tabled|decided))\b/i;

export function extractDeadlines(
  layout: TextLayout,
  table: EntityTable,
  resolver: SpeakerResolver,
  quotes: ExtractedQuote[],
  dates: ArticleDates,
  relations: readonly ExtractedRelation[] = [],
): ExtractedDeadline[] {
  const { body } = layout;
  // A quoted fragment inside reported speech ("would appoint a representative \"by Wednesday\"")
  // is part of the reporter's sentence: the rules read it; whole quotations stay blanked.
  const { masked } = layout;
  const view = withFragments(layout);
  const { publishedOn } = dates;
  const candidates: Candidate[] = [];

  // "within 30 days of the judgment": the judgment's day, told in a sentence just before.
  const eventBefore = (text: string, index: number): string | null => {
    if (!EVENT_REFERENCE.test(text)) return null;
    for (let i = index - 1; i >= Math.max(0, index - 2); i--) {
      const previous = layout.sentences[i];
      if (!previous) continue;
      const said = masked.slice(previous.start, previous.end);
      const before = dates
        .findIn(said, previous.start, 'past')
        .filter((date) => date.iso <= publishedOn && !PERIOD_TEXT.test(date.text));
      const last = before[before.length - 1];
      if (last) return last.iso;
    }
    return null;
  };

  // "… on Monday, meeting a deadline set by Transport Scotland": a deadline told without its
  // date, whose setter, party and outcome belong to the dated one told just after it.
  const references: Reference[] = [];

  layout.sentences.forEach((sentence, index) => {
    const text = masked.slice(sentence.start, sentence.end);
    const seen = view === masked ? text : view.slice(sentence.start, sentence.end);
    if (!TRIGGER.test(seen)) return;
    const past = PAST_CONTEXT.test(text) && !FUTURE_CONTEXT.test(text);
    const inSentence = dates.findIn(seen, sentence.start, past ? 'past' : 'future');
    const due = inSentence.filter((date) => isDue(view, date));
    const endOfFound = findEndOf(seen, sentence.start, publishedOn, past ? 'past' : 'future');
    // "by the end of 2032" is a deadline when something requires it ("a bill that would require
    // X to bury …"); a company that "aims to" reach a goal by a year's end sets none.
    const endOf =
      endOfFound && /end\s+of\s+\d{4}$/.test(endOfFound.text) && !OBLIGATION.test(text)
        ? null
        : endOfFound;
    let dueOn: string;
    let pastDueOn: string | null = null;
    let previousDueOn: string | null = null;
    if (due.length === 0 && !endOf && findPeriods(text, sentence.start).length === 0) {
      const outcome = DATELESS_OUTCOME.exec(text);
      if (!outcome) return;
      const subject =
        subjectOf(text, sentence.start, resolver, table, body) ??
        (outcome.index > 0
          ? leadingParty(table, body, sentence.start, sentence.start + outcome.index)
          : null);
      const setter = setterOf(text, sentence.start, resolver, table, quotes, subject, body);
      references.push({
        sentence: index,
        setBy: setter?.stated ? setter.entity : null,
        subject,
        status: /^(?:met|meeting|beat)/i.test(outcome[1] ?? '') ? 'MET' : 'MISSED',
      });
      return;
    }
    if (due.length > 0) {
      const chosen = due[due.length - 1];
      if (!chosen) return;
      dueOn = withStatedYear(chosen, text, publishedOn);
      if (!past && !/\b\d{4}\b/.test(chosen.text)) {
        const behind = dates
          .findIn(text, sentence.start, 'past')
          .filter((date) => isDue(masked, date))
          .pop();
        if (behind && behind.iso < dueOn) pastDueOn = behind.iso;
      }
      const from = due.find((date) =>
        /\bfrom\s+(?:the\s+)?$/i.test(masked.slice(Math.max(0, date.start - 10), date.start)),
      );
      if (from && from !== chosen) previousDueOn = from.iso;
    } else if (endOf) {
      dueOn = endOf.iso;
    } else {
      const period = findPeriods(text, sentence.start)[0];
      if (!period) return;
      // "within 14 days of the order, which was granted on September 18": count from that day.
      const event = inSentence.find((date) => !isDue(masked, date) && !PERIOD_TEXT.test(date.text));
      const base = event
        ? (dates.findIn(body.slice(event.start, event.end), event.start, 'past')[0]?.iso ??
          publishedOn)
        : (eventBefore(text, index) ?? publishedOn);
      dueOn = addDays(base, period.days);
    }

    let status = statusOf(text);
    // A date already behind the article that nobody reports met has been missed.
    if (status === 'PENDING' && dueOn < publishedOn && !PREVIOUS_DATE.test(text)) status = 'MISSED';
    // The party of the deadlines told in the last few sentences, when it is a company.
    const recent = [...candidates].reverse().find((c) => c.deadline.subject !== null);
    const recentParty = recent?.deadline.subject ? table.byKey(recent.deadline.subject) : undefined;
    const salient =
      recentParty?.kind === 'ORGANIZATION' && !NOT_A_COMPANY.test(recentParty.name)
        ? recentParty
        : null;
    const parties = new Set(
      candidates
        .flatMap((c) => [c.deadline.subject, c.deadline.setBy])
        .map((key) => (key === null ? undefined : table.byKey(key)))
        .filter((e): e is EntityDraft => e !== undefined),
    );
    // "ordered the city to pay … within 30 days, and told the traders to file … by June 27": the
    // party of the order whose clause holds the date.
    const dueStart = (due[due.length - 1] ?? endOf)?.start;
    const joined =
      dueStart === undefined
        ? undefined
        : [...text.slice(0, dueStart - sentence.start).matchAll(JOINED_ORDER)].pop()?.index;
    let subject =
      (joined === undefined
        ? null
        : subjectOf(
            text.slice(joined),
            sentence.start + joined,
            resolver,
            table,
            body,
            salient,
            parties,
          )) ?? subjectOf(text, sentence.start, resolver, table, body, salient, parties);
    // "Orbis Telecom is negotiating with lenders ahead of a July 15 deadline to repay …": a
    // deadline told as a noun, with no party of its own, is that of the party the sentence
    // opens with.
    if (!subject && DEADLINE_NOUN.test(text)) {
      const opener = leadingParty(table, body, sentence.start, sentence.end);
      if (opener && INSTITUTION_KINDS.has(opener.kind) && !/\bdeadline\s+for\b/i.test(text))
        subject = opener;
    }
    const guess = setterOf(text, sentence.start, resolver, table, quotes, subject, body);
    let found = guess && !guess.stated && APPEAL.test(text) ? null : guess;
    // "The commission fined Orbis Telecom on Monday. The operator has been given until …", "The
    // company now faces a deadline of …": a deadline given with no agent was set by whoever the
    // sentence before shows acting on the party.
    // "Orbis Telecom was fined by the commission. It has until …": when the party opens the
    // sentence before in the passive, its agent.
    if (subject && !found?.stated && AGENTLESS_DEADLINE.test(text)) {
      const previous = previousSubject(table, body, sentence.start);
      const told =
        previous?.entity === subject
          ? PASSIVE_ACT.exec(body.slice(previous.from, previous.end))
          : null;
      const agent = told
        ? table
            .mentionsIn(previous!.from + told.index + told[0].length, previous!.end)
            .find((ref) => INSTITUTION_KINDS.has(ref.entity.kind) || ref.entity.kind === 'PERSON')
        : undefined;
      if (agent && agent.entity !== subject) found = { entity: agent.entity, stated: true };
      else if (
        previous &&
        previous.entity !== subject &&
        table.mentionsIn(previous.from, previous.end).some((ref) => ref.entity === subject)
      )
        found = { entity: previous.entity, stated: true };
      else {
        // "Skyline Air has been ordered to … by June 1. The Civil Aviation Authority said the
        // airline had …": else the body that opens the next sentence speaking of or to the party.
        const next = layout.sentences[index + 1];
        const said = next ? masked.slice(next.start, next.end) : '';
        const opener = next ? table.mentionsIn(next.start, next.end)[0] : undefined;
        if (
          next &&
          opener &&
          opener.mention.form === 'NAME' &&
          INSTITUTION_KINDS.has(opener.entity.kind) &&
          opener.entity !== subject &&
          /^\s*(?:the\s+)?$/i.test(body.slice(next.start, opener.mention.start)) &&
          NEXT_SETTER_VERB.test(body.slice(opener.mention.end, next.end)) &&
          dates.findIn(said, next.start, 'future').length === 0
        )
          found = { entity: opener.entity, stated: true };
      }
    }
    const setter = found?.entity ?? null;
    // "extended the deadline for its review": the setter's own deadline.
    // "The city council, for its part, has set itself a deadline of June 30": likewise.
    if (
      !subject &&
      setter &&
      /\bdeadline\s+for\s+its\b|\bset\s+(?:itself|himself|herself|themselves)\b/i.test(text)
    )
      subject = setter;
    // "Aerion said it would provide the remaining material by June 14".
    if (!subject && setter && !found?.stated && SELF_COMMITMENT.test(text)) subject = setter;
    // "Alm said the regulator would finish a review by the end of January", "The council has set
    // itself a deadline of June 30": who commits itself to the date both sets it and must act.
    let setBy = setter;
    const dueDate = due[due.length - 1] ?? endOf;
    const dueAt = dueDate?.start;
    // "would file its records before Friday's deadline": a promise to meet someone else's date.
    const othersDeadline =
      dueDate !== null &&
      dueDate !== undefined &&
      (/^(?:['’]s)?\s*deadline\b/i.test(masked.slice(dueDate.end, dueDate.end + 12)) ||
        /\bdeadline\s+(?:of\s+)?$/i.test(
          masked.slice(Math.max(0, dueDate.start - 12), dueDate.start),
        ));
    let self =
      dueAt === undefined ||
      othersDeadline ||
      // "Workers at Metro Buses will strike unless the company improves its offer by June 1":
      // an ultimatum's threat commits nobody to the date.
      /\bunless\b/i.test(text.slice(0, dueAt - sentence.start))
        ? null
        : selfCommitted(
            text.slice(0, dueAt - sentence.start),
            sentence.start,
            resolver,
            table,
            body,
            salient,
          );
    // "Its finance director, Anjali Varma, said the group would close the scheme by …": a
    // company described in its own officer's words is the officer's, not the one the article's
    // earlier deadlines were for.
    const officer =
      self && self === salient && dueAt !== undefined
        ? table
            .mentionsIn(sentence.start, dueAt)
            .filter((ref) => ref.entity.kind === 'PERSON' && ref.mention.form === 'NAME')
            .pop()?.entity
        : undefined;
    const officersBody = officer ? employerOf(officer, relations, table, body) : null;
    if (
      self &&
      officersBody?.kind === 'ORGANIZATION' &&
      officersBody !== self &&
      dueAt !== undefined &&
      !table
        .mentionsIn(sentence.start, dueAt)
        .some((ref) => ref.entity === self && ref.mention.form === 'NAME')
    )
      self = officersBody;
    if (self && !found?.stated) {
      setBy = self;
      subject = self;
    }
    // "the firm had already ordered the sensors and expected to have them fitted by April 15":
    // the setter the sentence states commits itself.
    else if (self && found?.entity === self && !subject) subject = self;
    // "Van Hulst said the final report would be published by the end of June": a promise whose
    // clause names no party is made for the body its speaker works for or leads.
    if (!self && !found?.stated && (!setter || setter.kind === 'PERSON') && dueAt !== undefined) {
      const clause = text.slice(0, dueAt - sentence.start).match(PROMISE_CLAUSE)?.[0];
      const at = clause === undefined ? -1 : dueAt - clause.length;
      const speaker =
        setter ??
        table
          .mentionsIn(sentence.start, at)
          .filter((ref) => ref.entity.kind === 'PERSON')
          .pop()?.entity;
      const employer = at >= 0 && speaker ? employerOf(speaker, relations, table, body) : null;
      if (employer) {
        setBy = employer;
        subject = employer;
      }
    }
    // "Its secretary said members had voted to give Aran Seafoods until …", "At its annual
    // meeting, members voted to demand that … by": members who vote act for their body, the one
    // the speaker works for or the one "its" stands for.
    const vote =
      dueAt === undefined || found?.stated
        ? null
        : MEMBERS_VOTED.exec(text.slice(0, dueAt - sentence.start));
    if (vote) {
      const officer = table
        .mentionsIn(sentence.start, sentence.start + vote.index)
        .filter((ref) => ref.entity.kind === 'PERSON' && ref.mention.form === 'NAME')
        .pop()?.entity;
      const voters =
        (officer ? employerOf(officer, relations, table, body) : null) ??
        (/\b(?:its|their)\b/i.test(text.slice(0, vote.index))
          ? previousSubject(table, body, sentence.start)?.entity
          : undefined);
      if (voters && voters !== subject) setBy = voters;
    }
    // "A revised offer had been promised by the council by the end of August", "an inspection
    // must be completed by the ministry by March 31": the passive's agent is who must act, and
    // sets the date itself when it promises rather than must.
    const passive =
      dueAt === undefined ? null : PASSIVE_AGENT.exec(text.slice(0, dueAt - sentence.start));
    const agentPhrase = passive?.[3];
    if (passive && agentPhrase) {
      const at = sentence.start + passive.index + passive[0].lastIndexOf(agentPhrase);
      const agent = entityOfPhrase(agentPhrase, at, table, resolver, body);
      if (agent) {
        subject = agent;
        const promised = /^(?:will|would|shall|has|have|had|was|were|is|are)$/i.test(
          passive[1] ?? '',
        );
        if (promised && !found?.stated) setBy = agent;
        else if (setBy === agent) setBy = null;
      }
    }
    // "Under the programme, which the fund's board approved in March, the government must …":
    // who approved or drew up the document sets what is due under it.
    const authored = found?.stated ? null : AUTHORED_DOCUMENT.exec(text);
    const authorPhrase = authored?.[1]?.replace(/['’]s?\s+(?:board|members|executive)$/i, '');
    if (authored && authorPhrase) {
      const at = sentence.start + authored.index + authored[0].indexOf(authorPhrase);
      const author = entityOfPhrase(authorPhrase, at, table, resolver, body);
      if (author && author !== subject) {
        setBy = author;
        found = { entity: author, stated: true };
      }
    }
    // "Under the data protection act, the chain has until …": a law sets it, no party does;
    // "under its own rules" the party itself, "under the board's rules" the board.
    const rules = UNDER_RULES.exec(text);
    let byLaw = false;
    const ruledFirst =
      rules !== null &&
      (dueAt === undefined || rules.index < dueAt - sentence.start) &&
      !/\b(?:told|ordered|gave|given|directed|asked|required|instructed)\b/i.test(
        text.slice(0, rules.index),
      );
    // "The Public Finance Act sets a hard limit. Under it, Parliament has until June 30".
    const underIt = /\bunder\s+it\b/i.exec(text);
    const lawNamed = underIt ? lawBefore(table, sentence.start + underIt.index, 400) : null;
    if (lawNamed && !found?.stated) {
      setBy = lawNamed;
      byLaw = true;
    } else if (rules && ruledFirst && !found?.stated) {
      const owner = rules[1];
      if (!owner) {
        // "under the Data Protection Act": the law, when it is named; no party otherwise.
        const from = sentence.start + rules.index;
        // "under the Pensions Act 2004": the name runs on past the match.
        const named = table.mentionAt(from + rules[0].length - 1);
        setBy =
          (named?.entity.kind === 'OTHER' ? named.entity : undefined) ??
          table.mentionsIn(from, from + rules[0].length).find((ref) => ref.entity.kind === 'OTHER')
            ?.entity ??
          null;
        byLaw = true;
      } else if (/^(?:its|their)\s+own$/i.test(owner)) setBy = subject;
      else {
        const at = sentence.start + rules.index + rules[0].indexOf(owner);
        setBy = describedOwner(table, owner, at, body) ?? setBy;
      }
    }
    const consequence = consequenceOf(text);
    const clause = joined ?? 0;
    const clauseAction = actionOf(text.slice(clause));
    const action = clauseAction
      ? { text: clauseAction.text, offset: clauseAction.offset + clause }
      : null;
    const concerns = action
      ? table
          .mentionsIn(
            sentence.start + action.offset,
            sentence.start + action.offset + action.text.length,
          )
          .map((ref) => ref.entity)
          .filter((e) => e.kind === 'ORGANIZATION' && e !== subject && e !== setter)
      : [];
    const description = action
      ? `${subject?.name ?? 'Someone'} must ${action.text}`
      : body.slice(sentence.start, sentence.end).trim();
    candidates.push({
      dueOn,
      pastDueOn,
      sentence: index,
      // "will have until March 2, after the council extended a deadline that was due to expire at
      // the end of December": the earlier date told after the new one is its history.
      previous:
        PREVIOUS_DATE.test(text) &&
        (status !== 'EXTENDED' ||
          (due.length === 1 &&
            PREVIOUS_DATE.test(text.slice(0, (dueAt ?? sentence.end) - sentence.start)))),
      setterStated: (found?.stated ?? false) || self !== null || byLaw,
      classParty: subject === null && CLASS_PARTY.test(text),
      deadline: {
        description,
        dueOn,
        previousDueOn,
        setBy: setBy?.key ?? null,
        subject: subject?.key ?? null,
        concerns: [...new Set(concerns.map((e) => e.key))],
        consequence,
        status,
        confidence: round(
          (subject ? 0.3 : 0.15) + (setBy ? 0.25 : 0.1) + (due.length > 0 ? 0.35 : 0.25),
        ),
        evidence: { start: sentence.start, end: sentence.end },
      },
    });
    // "ordered Hagebo to switch off the cameras by October 28 and to delete every image by
    // December 31": each action joined by "and to" has a date of its own, from the same setter.
    const last = candidates[candidates.length - 1];
    const lastSetter = last?.deadline.setBy ?? null;
    const lastStated = last?.setterStated ?? false;
    due.slice(0, -1).forEach((date, d) => {
      const next = due[d + 1];
      if (!last || !next || status === 'EXTENDED' || date.iso === next.iso) return;
      const between = masked.slice(date.end, next.start);
      // "has given the operator until March 1 to present a plan, after it failed to make a
      // payment that fell due on January 31": a subordinate clause has a date of its own.
      const subordinate = SUBORDINATE_DATE.exec(between);
      // "Orbis must restore service by July 15, while Vantage has until August 1": a clause of
      // its own, with its own party.
      const contrast = subordinate ? null : CONTRAST_CLAUSE.exec(between);
      if (!subordinate && !contrast && !/^[^.;]*?\band\s+(?:\w+\s+){0,4}?to\s+[a-z]+/.test(between))
        return;
      // A date that simply fell due in the subordinate clause was set by nobody it names.
      if (
        subordinate &&
        d === due.length - 2 &&
        /\b(?:fell|falls|was|were|is|are)\s+due\b/i.test(between.slice(subordinate.index)) &&
        !SETTING_VERB.test(between.slice(subordinate.index))
      ) {
        last.deadline.setBy = null;
        last.setterStated = true;
      }
      const earlierOn = withStatedYear(date, text, publishedOn);
      // The main clause's own status: the subordinate clause's failure is not its news.
      const own = subordinate ? statusOf(text.slice(0, date.end - sentence.start)) : status;
      const ownParty = contrast
        ? subjectOf(text.slice(0, date.end - sentence.start), sentence.start, resolver, table, body)
        : null;
      candidates.push({
        ...last,
        dueOn: earlierOn,
        setterStated: lastStated,
        deadline: {
          ...last.deadline,
          subject: ownParty?.key ?? last.deadline.subject,
          setBy: lastSetter,
          dueOn: earlierOn,
          status: own === 'PENDING' && earlierOn < publishedOn ? 'MISSED' : own,
        },
      });
    });
  });

  // "… was ordered on Tuesday to finish the dam by September 30. The order was made by Mrs
  // Justice Imogen Farrant", "… by the end of September. The Department of Energy, which set that
  // target, said …": a sentence after a deadline that names who made the order sets it.
  layout.sentences.forEach((sentence, index) => {
    const text = masked.slice(sentence.start, sentence.end);
    const made = ORDER_MADE_BY.exec(text);
    const which = made ? null : WHICH_SET.exec(text);
    // "The union, Solidarność Portowa, gave the company the deadline after talks broke down": who
    // gave "the deadline" told just before, in a sentence with no date of its own.
    // "Dunmore Thistle face a deadline of April 4 …. The league ordered the club to pay …": an
    // order to a described party, with no date of its own, is the deadline's just told.
    const told = [...candidates]
      .reverse()
      .find((c) => c.sentence < index && c.sentence >= index - 2);
    const party = told?.deadline.subject ? (table.byKey(told.deadline.subject) ?? null) : null;
    const gave =
      made || which || candidates.some((c) => c.sentence === index)
        ? null
        : GAVE_THE_DEADLINE.test(text) ||
            (told?.sentence === index - 1 && ORDERS_DESCRIBED.test(text))
          ? setterOf(text, sentence.start, resolver, table, quotes, party, body)
          : null;
    if (!made && !which && !gave?.stated) return;
    if (!told || (told.setterStated && told.deadline.setBy !== null)) return;
    const agent = gave?.stated
      ? gave.entity
      : made
        ? table
            .mentionsIn(sentence.start + made.index + made[0].length, sentence.end)
            .find((ref) => ref.entity.kind !== 'PLACE' && ref.entity.kind !== 'COUNTRY')?.entity
        : table
            .mentionsBefore(sentence.start + (which?.index ?? 0))
            .find((ref) => ref.mention.end === sentence.start + (which?.index ?? 0))?.entity;
    if (!agent || agent.key === told.deadline.subject) return;
    told.deadline.setBy = agent.key;
    told.setterStated = true;
  });

  // "an earlier deadline of May 31 had been missed", said the union's leader: a deadline whose
  // setter the sentence does not state was set by whoever the article says sets its deadlines,
  // for the same party, unless the speaker commits itself.
  const stated = candidates.filter((c) => c.setterStated && c.deadline.setBy !== null);
  if (stated.length > 0) {
    for (const candidate of candidates) {
      if (candidate.setterStated) continue;
      // With several setters in the article, the one whose deadline was told last before it
      // ("… until March 7. … had already missed a January 31 deadline"), else the first.
      const onlySetter =
        [...stated].reverse().find((c) => c.sentence < candidate.sentence) ??
        stated.find((c) => c.sentence <= candidate.sentence + 2);
      if (!onlySetter) continue;
      const text = masked.slice(candidate.deadline.evidence.start, candidate.deadline.evidence.end);
      // "The province has until December 10 to lodge an appeal": the right to appeal comes from
      // procedure, not from the body whose decision is appealed.
      if (SELF_COMMITMENT.test(text) || APPEAL.test(text)) continue;
      // "Veldhoven expects to complete the deal by June 30. … The regulator has until April 20 to
      // decide": a party that set itself a date sets none for another party.
      const own = onlySetter.deadline.setBy === onlySetter.deadline.subject;
      const party = candidate.deadline.subject;
      if (own && party !== null && party !== onlySetter.deadline.subject) continue;
      const guessed = candidate.deadline.setBy ? table.byKey(candidate.deadline.setBy) : undefined;
      if (guessed && guessed.kind !== 'PERSON' && candidate.deadline.setBy !== null) continue;
      candidate.deadline.setBy = onlySetter.deadline.setBy;
      if (!candidate.classParty) candidate.deadline.subject ??= onlySetter.deadline.subject;
    }
  }

  // "I have told Caledonia Rail that I expect a full report … by January 20," the minister said:
  // a deadline inside a quotation is set by its speaker for the party it names. A speaker's own
  // promise ("We will be done by Friday") is talk, not a deadline.
  for (const quote of quotes) {
    if (!quote.direct || quote.mixed || quote.speaker === null) continue;
    const said = body.slice(quote.start, quote.end);
    if (!TRIGGER.test(said) || !QUOTED_DEMAND.test(said)) continue;
    const date = dates
      .findIn(said, quote.start, 'future')
      .filter((d) => isDue(body, d))
      .pop();
    const speaker = table.byKey(quote.speaker);
    if (!date || !speaker || candidates.some((c) => c.dueOn === date.iso)) continue;
    const sentence = sentenceAt(layout, quote.start);
    const named = table
      .mentionsIn(quote.start, quote.end)
      .find(
        (ref) =>
          ref.entity !== speaker && ref.entity.kind !== 'PLACE' && ref.entity.kind !== 'COUNTRY',
      )?.entity;
    const subject = named ?? null;
    if (!subject) continue;
    let status = statusOf(said);
    if (status === 'PENDING' && date.iso < publishedOn) status = 'MISSED';
    candidates.push({
      dueOn: date.iso,
      pastDueOn: null,
      sentence,
      previous: false,
      setterStated: true,
      deadline: {
        description: `${subject.name} must act by ${date.text}`,
        dueOn: date.iso,
        previousDueOn: null,
        setBy: speaker.key,
        subject: subject.key,
        concerns: [],
        consequence: consequenceOf(said),
        status,
        confidence: 0.65,
        evidence: { start: quote.start, end: quote.end },
      },
    });
  }
  candidates.sort((a, b) => a.sentence - b.sentence);

  for (const reference of references) {
    const next = candidates.find(
      (c) => c.sentence > reference.sentence && c.sentence <= reference.sentence + 2,
    );
    if (!next) continue;
    const { deadline } = next;
    if (reference.setBy && (!next.setterStated || deadline.setBy === null)) {
      deadline.setBy = reference.setBy.key;
      next.setterStated = true;
    }
    if (deadline.subject === null && reference.subject) deadline.subject = reference.subject.key;
    if (deadline.status !== 'PENDING' && deadline.status !== 'MISSED') continue;
    // Met or missed, the date is behind the article: "missed a deadline … by December 31".
    if (next.pastDueOn !== null && next.dueOn > publishedOn) {
      next.dueOn = next.pastDueOn;
      deadline.dueOn = next.pastDueOn;
    }
    if (deadline.dueOn <= publishedOn) deadline.status = reference.status;
  }

  // "… has given Leith Athletic 14 days to pay …. The deadline, set in a letter sent on Monday,
  // falls on August 30.": the date the article states is the one the days were counted to, from
  // a day the article need not give; it takes the place of the date counted from publication.
  for (const candidate of [...candidates]) {
    const sentence = layout.sentences[candidate.sentence];
    if (!sentence || !/^\s*The\s+deadline\b/.test(masked.slice(sentence.start, sentence.end)))
      continue;
    const counted = candidates.find((c) => {
      const told = layout.sentences[c.sentence];
      return (
        c.sentence === candidate.sentence - 1 &&
        c.dueOn !== candidate.dueOn &&
        told !== undefined &&
        COUNTED_PERIOD.test(masked.slice(told.start, told.end)) &&
        dates.findIn(masked.slice(told.start, told.end), told.start, 'future').length === 0
      );
    });
    if (!counted) continue;
    const { deadline } = candidate;
    deadline.setBy ??= counted.deadline.setBy;
    deadline.subject ??= counted.deadline.subject;
    deadline.consequence ??= counted.deadline.consequence;
    if (counted.setterStated) {
      deadline.setBy = counted.deadline.setBy;
      candidate.setterStated = true;
    }
    candidates.splice(candidates.indexOf(counted), 1);
  }

  // "Its director, Karl Haider, said producers who had not registered by December 15 would be
  // fined": the head of a public body sets a date for the body he or she runs, unless it is
  // named after him or her.
  for (const candidate of candidates) {
    const setter = candidate.deadline.setBy ? table.byKey(candidate.deadline.setBy) : undefined;
    if (setter?.kind !== 'PERSON') continue;
    const leads = relations.find(
      (relation) => relation.from === setter.key && relation.type === 'LEADS',
    );
    const led = leads ? table.byKey(leads.to) : undefined;
    // "the Trump administration" is named after the person: he acts for it, and it for him.
    const surname = setter.name.split(/\s+/).pop() ?? '';
    if (led?.kind === 'GOVERNMENT' && !led.name.split(/\s+/).includes(surname))
      candidate.deadline.setBy = led.key;
  }

  // An earlier due date stated on its own ("The review had been due to end on March 12") is the
  // history of an extended deadline, not a deadline of its own.
  const firstExtended = candidates.find((c) => c.deadline.status === 'EXTENDED');
  const kept: ExtractedDeadline[] = [];
  const guessed = new Set<ExtractedDeadline>();
  for (const candidate of candidates) {
    // "The PIPC had originally set a July 15 deadline but extended it": the history of the
    // deadline told just before, which is therefore extended.
    const before = [...candidates]
      .reverse()
      .find(
        (c) =>
          c.sentence < candidate.sentence &&
          c.sentence >= candidate.sentence - 2 &&
          c.dueOn !== candidate.dueOn &&
          !c.previous,
      );
    const extended =
      candidate.previous && candidate.deadline.status === 'EXTENDED' && before
        ? before
        : firstExtended;
    if (candidate.previous && extended) {
      if (extended === before) extended.deadline.status = 'EXTENDED';
      if (extended.deadline.previousDueOn === null && candidate.dueOn !== extended.dueOn)
        extended.deadline.previousDueOn = candidate.dueOn;
      continue;
    }
    // Two parties can owe something on the same day ("met last Friday's deadline", "failed to
    // meet Friday's deadline"): one deadline only when nothing says the parties differ.
    const same = kept.find(
      (d) =>
        d.dueOn === candidate.dueOn &&
        (d.subject === null ||
          candidate.deadline.subject === null ||
          d.subject === candidate.deadline.subject),
    );
    if (same) {
      if (same.status === 'PENDING') same.status = candidate.deadline.status;
      same.consequence ??= candidate.deadline.consequence;
      // "would file its records before Friday's deadline. … by July 25, under a deadline set by
      // the election board": the sentence that states the setter tells who set it and for whom.
      if (guessed.has(same) && candidate.setterStated && candidate.deadline.setBy !== null) {
        same.setBy = candidate.deadline.setBy;
        same.subject = candidate.deadline.subject;
        guessed.delete(same);
      }
      same.setBy ??= candidate.deadline.setBy;
      same.subject ??= candidate.deadline.subject;
      continue;
    }
    kept.push(candidate.deadline);
    if (!candidate.setterStated) guessed.add(candidate.deadline);
  }
  // "… then extended that deadline to February 28. MTN met the new date, the regulator said."
  layout.sentences.forEach((sentence, index) => {
    const text = masked.slice(sentence.start, sentence.end);
    const outcome = LATER_OUTCOME.exec(text);
    if (candidates.some((c) => c.sentence === index) || !outcome) return;
    // "any party that missed the new date would lose …": a condition, not an outcome.
    if (/\b(?:if|unless|any|anyone|whoever|every)\b/i.test(text.slice(0, outcome.index))) return;
    const told = [...candidates]
      .reverse()
      .find((c) => c.sentence < index && c.sentence >= index - 2 && kept.includes(c.deadline));
    if (told) told.deadline.status = /\bmet\b/i.test(text) ? 'MET' : 'MISSED';
  });
  // "Port Ashby has told the builder …", "asked the city for an answer": a town that sets a
  // deadline, owes one or speaks is acting as its council.
  const acting = [...kept.flatMap((d) => [d.setBy, d.subject]), ...quotes.map((q) => q.speaker)];
  for (const key of acting) {
    const entity = key === null ? undefined : table.byKey(key);
    if (entity?.kind === 'PLACE') entity.kind = 'GOVERNMENT';
  }
  return kept;
}

/** Words of a quotation that puts a demand on someone: "I have told X", "they must", "expect". */
const QUOTED_DEMAND =
  /\b(?:told|tell|asked|ask|ordered|order|gave|given|give|expect|must|(?:has|have)\s+until|deadline)\b/i;

/** The masked body with short quoted fragments that run on from the reporter's words restored. */
function withFragments(layout: TextLayout): string {
  const { masked, body, quoted } = layout;
  const pieces: string[] = [];
  let at = 0;
  for (const span of quoted) {
    if (span.end - span.start > 150 || span.start < at) continue;
    const before = body.slice(Math.max(0, span.start - 3), span.start).replace(/["“”‘’']+$/, '');
    if (!/[\p{L}\d]\s*$/u.test(before)) continue;
    pieces.push(masked.slice(at, span.start), body.slice(span.start, span.end));
    at = span.end;
  }
  if (at === 0) return masked;
  pieces.push(masked.slice(at));
  return pieces.join('');
}

/** "that 40 new drivers would be on the road", "the final report would be published": no party. */
const PROMISE_CLAUSE =
  /(?:\bthat\s+|\b(?:said|says|added|announced)\s+)(?:the|a|an|\d[\d,]*|new|its|their)\s+(?:[\w'’-]+\s+){0,6}?(?:would|will)\s+(?!not\b|have\s+to\b|need\b|face\b)[a-z]+\b[^,;]*$/gi;

/** The organisation or government a person works for or leads, by the article's relations. */
function employerOf(
  person: EntityDraft,
  relations: readonly ExtractedRelation[],
  table: EntityTable,
  body: string,
): EntityDraft | null {
  for (const relation of relations) {
    if (
      relation.from !== person.key ||
      (relation.type !== 'WORKS_FOR' && relation.type !== 'LEADS')
    )
      continue;
    const employer = table.byKey(relation.to);
    if (employer && (employer.kind === 'ORGANIZATION' || employer.kind === 'GOVERNMENT'))
      return employer;
  }
  // "Tandem Travel's managing director, Raj Mehta,": the body whose title the person is given.
  for (const mention of person.mentions) {
    const before = body.slice(Math.max(0, mention.start - 80), mention.start);
    const owner = /(\S+)['’]s\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+$/.exec(before);
    if (!owner?.[1]) continue;
    const at = mention.start - before.length + owner.index;
    const named = table
      .mentionsIn(Math.max(0, at - 60), at + owner[1].length)
      .filter((ref) => ref.entity.kind === 'ORGANIZATION' || ref.entity.kind === 'GOVERNMENT')
      .pop();
    if (named && named.mention.end === at + owner[1].length) return named.entity;
  }
  return null;
}

/** ", and told", "and ordered": a second order joined to the first in one sentence. */
const JOINED_ORDER =
  /,?\s+and\s+(?:also\s+)?(?=(?:told|ordered|gave|asked|directed|required|instructed)\s)/g;

/** "has until … to lodge an appeal", "can appeal within 30 days": a right, not an order. */
const APPEAL =
  /\b(?:to|can|may|could)\s+(?:(?:lodge|file|launch|bring|mount)\s+(?:an?\s+)?)?(?:appeal|challenge)\b/i;

interface Reference {
  sentence: number;
  setBy: EntityDraft | null;
  subject: EntityDraft | null;
  status: DeadlineStatus;
}

/** "Caledonia Rail restored …, meeting a deadline": the party the clause opens with. */
function leadingParty(
  table: EntityTable,
  body: string,
  start: number,
  end: number,
): EntityDraft | null {
  const first = clauseMentions(table, start, end)[0];
  if (!first || first.entity.kind === 'PLACE' || first.entity.kind === 'COUNTRY') return null;
  return /^\s*(?:the\s+)?$/i.test(body.slice(start, first.mention.start)) ? first.entity : null;
}

/** "ahead of a July 15 deadline", "before the July 15 deadline": a deadline told as a noun. */
const DEADLINE_NOUN =
  /\b(?:ahead\s+of|before|to\s+meet|against|beat|beating|meet|meeting)\s+(?:a|an|the|its|their)\s+(?:[\w,'’-]+\s+){0,3}?deadline\b/i;

/** "has missed a deadline set by …", "meeting a deadline": a deadline's outcome without its date. */
const DATELESS_OUTCOME =
  /\b(met|meeting|beat|missed|missing|failed\s+to\s+meet|did\s+not\s+meet)\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?deadline\b/i;

/** "14 days to pay", "two weeks to respond": a time counted rather than a date. */
const COUNTED_PERIOD = /\b(?:\d+|[a-z]+)\s+(?:days?|weeks?|months?)\s+(?:to|from|in which)\b/i;
/** chrono reads "within seven days" as a day of its own; a period is no event to count from. */
const PERIOD_TEXT = /\b(?:days?|weeks?|months?)\b/i;
/** "MTN met the new date": the outcome of the deadline told just before. */
const LATER_OUTCOME =
  /\b(?:met|missed|failed to meet)\s+(?:the|that|this|its)\s+(?:new\s+|extended\s+|revised\s+|later\s+)?(?:date|deadline)\b/i;
const EVENT_REFERENCE =
  /\b(?:of|from|after)\s+(?:the|its|his|her|their|this|that)\s+(?:judgment|judgement|ruling|order|decision|verdict)\b/i;

/** "In 2021 the court directed it to … by October 1 that year": the year the sentence states. */
function withStatedYear(date: FoundDate, text: string, publishedOn: string): string {
  if (/\b\d{4}\b/.test(date.text)) return date.iso;
  // "Under the contract, signed in 2023, …": the year of a participle is not the date's.
  const stated = /(?<!\b[a-z]+(?:ed|en)\s)\b[Ii]n\s+((?:19|20)\d\d)\b/.exec(text)?.[1];
  if (!stated || stated >= publishedOn.slice(0, 4)) return date.iso;
  return `${stated}${date.iso.slice(4)}`;
}

function isDue(masked: string, date: FoundDate): boolean {
  const before = masked.slice(Math.max(0, date.start - 24), date.start);
  // "The deadline for Greece to submit its plan is October 15".
  if (
    /\b(?:is|was|will\s+be|remains)\s+$/i.test(before) &&
    /\b(?:deadline|due\s+date|cut-off\s+date)\b[^.;]{0,120}?\b(?:is|was|will\s+be|remains)\s+$/i.test(
      masked.slice(Math.max(0, date.start - 140), date.start),
    )
  )
    return true;
  // "asked for the deadline to be moved to April 30": a date asked for, not one set.
  if (
    /\b(?:to|until)\s+$/i.test(before) &&
    REQUESTED_DATE.test(masked.slice(Math.max(0, date.start - 90), date.start))
  )
    return false;
  const after = masked.slice(date.end, date.end + 24);
  if (
    /\bon\s+$/i.test(before) &&
    !/\b(?:due|end|expires?|falls?)\s+(?:to\s+end\s+)?on\s+$/i.test(before)
  )
    return false;
  return (
    DUE_BEFORE.test(before) ||
    /^(?:['’]s)?\s*deadline\b/i.test(after) ||
    /^\s+as\s+the\s+(?:final|last)\s+(?:date|day)\b/i.test(after) ||
    (/\b(?:a|the)\s+$/i.test(before) && /^\s*deadline/i.test(after))
  );
}

const REQUESTED_DATE =
  /\b(?:asked|asks|asking|requested|requests|requesting|sought|seeks|seeking|applied|applies|called|calls|pressed|pressing|pushed|pushing)\s+for\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:extension|(?:deadline|date)\s+to\s+be\s+(?:moved|extended|pushed\s+back|postponed|changed|put\s+back))\s+(?:to|until)\s+$/i;

function statusOf(text: string): DeadlineStatus {
  // "failed to meet a deadline of March 31, a date it had already pushed back": the extension
  // is the deadline's history, the failure its news.
  const extensionIsHistory =
    /\b(?:a date|which|that)\s+(?:it|they|the \w+)?\s*(?:had\s+)?(?:already\s+)?(?:been\s+)?(?:extended|pushed back|postponed)\b/i.test(
      text,
    ) && /\b(?:missed|failed to meet|did not meet|met)\b/i.test(text);
  if (extensionIsHistory)
    return /\b(?:missed|failed to meet|did not meet)\b/i.test(text) ? 'MISSED' : 'MET';
  const negatedExtension =
    /\b(?:not|n't|never|refused to|refuses to)\s+(?:\w+\s+)?(?:extend|grant another extension)/i.test(
      text,
    );
  if (
    // "its delayed annual accounts": an adjective, not a date moved.
    /\b(?:extended|extends|pushed back|postponed|(?<!\b(?:its|the|their|his|her|a|an|our)\s)delayed|moved back)\b/i.test(
      text,
    ) &&
    !negatedExtension
  )
    return 'EXTENDED';
  if (
    /\b(?:missed|failed to meet|expired without|passed without|did not meet|complied only|only complied)\b/i.test(
      text,
    )
  )
    return 'MISSED';
  // "cancelled that deadline", "the order was lifted", not "the two cancelled crossings" or
  // "flights it cancelled in January".
  if (
    /\b(?:scrapped|cancell?ed|dropped|withdrew|withdrawn|lifted|rescinded|abandoned)\s+(?:(?:the|its|their|that|this|an?)\s+)?(?:[\w-]+\s+){0,2}?(?:deadline|order|requirement|ultimatum|demand|date|directive|obligation|plan)\b/i.test(
      text,
    ) ||
    /\b(?:deadline|order|requirement|ultimatum|demand|directive|obligation)s?\s+(?:(?:was|were|has|have|had)\s+)?(?:been\s+)?(?:scrapped|cancell?ed|dropped|withdrawn|lifted|rescinded|abandoned)\b/i.test(
      text,
    )
  )
    return 'CANCELLED';
  // "meeting a deadline", not "a conciliation meeting".
  if (
    !FUTURE_CONTEXT.test(text) &&
    /\b(?:met|meeting\s+(?:a|the|its|their|this|that)\b|complied|complies|which (?:it|they|he|she) did)\b/i.test(
      text,
    )
  )
    return 'MET';
  // "the plan had arrived on time", but not "could not finish in time".
  if (
    /\b(?:on|in)\s+time\b/i.test(text) &&
    !/\b(?:not|n't|never)\s+(?:\w+\s+){0,3}?(?:on|in)\s+time\b/i.test(text)
  )
    return 'MET';
  return 'PENDING';
}

/** "the company", "The firm", "the club": a description of the party a deadline is for. */
const COMPANY_DESCRIPTION =
  /^(?:the|its|his|her|their)\s+(?:company|firm|operator|club|miner|group|lender|carrier|airline|contractor|chain|owner|bank|insurer|platform|app|retailer|supplier|builder|utility|manufacturer|developer|producer)$/i;

/**
 * "Chambeshi Deep was ordered …" when the article named "Chambeshi Deep Mining": a short form read
 * as a place stands for the one party of an earlier deadline whose name it begins or ends.
 */
function fullNameOf(
  table: EntityTable,
  entity: EntityDraft,
  parties: ReadonlySet<EntityDraft>,
): EntityDraft {
  if (entity.kind !== 'PLACE') return entity;
  return byShortName(table, entity.name, parties) ?? entity;
}

function byShortName(
  table: EntityTable,
  name: string,
  parties: ReadonlySet<EntityDraft>,
): EntityDraft | undefined {
  const short = name.toLowerCase();
  const longer = table.entities.filter(
    (e) =>
      parties.has(e) &&
      (e.kind === 'ORGANIZATION' || e.kind === 'GOVERNMENT') &&
      (e.name.toLowerCase().startsWith(`${short} `) || e.name.toLowerCase().endsWith(` ${short}`)),
  );
  return longer.length === 1 ? longer[0] : undefined;
}

// Where a clause opens: the sentence, "that", a comma, a colon, or a subordinating word ("…
// a month after Vantor met a January 15 deadline").
const OPEN = String.raw`(?:^\s*|\bthat\s+|,\s+|:\s+|\b(?:after|when|because|since|while|once|if)\s+)`;
// "Lena Park said Orbis Telecom must …": a clause reported after its verb opens after it, and
// the party is no longer than the words up to it.
const REPORTED_OPEN = String.raw`(?:${OPEN}|\b(?:said|says|ruled|rules|added|announced|insisted|confirmed|warned)\s+(?:that\s+)?)`;
const PARTY = String.raw`((?:(?!(?:said|says|ruled|rules|added|announced|insisted|confirmed|warned)\b)[\w'’-]+\s+){0,5}?[\w'’-]+)`;
/** Who must act, by the shape of the clause that gives or states the deadline, in order. */
const SUBJECT_PATTERNS = [
  // "Pesa Haraka has been given until Friday by the central bank": the passive's subject.
  new RegExp(
    String.raw`${REPORTED_OPEN}((?:[\w'’-]+\s+){0,5}?[\w'’-]+),?\s+(?:has|have|had|was|were)\s+(?:also\s+|already\s+|again\s+|now\s+)?been\s+(?:given|ordered|told|directed|instructed|asked|required|set)\b`,
  ),
  // "Portugal was ordered by the European Commission to publish …", "Calder Valley Water was
  // ordered on Tuesday to finish …": the day of the order stands between the verb and the rest.
  new RegExp(
    String.raw`${OPEN}((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:was|were|is|are)\s+(?:also\s+)?(?:given|ordered|told|directed|instructed|asked|required)\s+(?:(?:on|last|this|earlier|late)\s+[\w-]+(?:\s+\d{1,2})?,?\s+)?(?:by|until|to)\b`,
  ),
  // "has written to the grid operator REN demanding a plan by …": the one written to.
  /\b(?:written|wrote)\s+to\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:demanding|asking|requiring|ordering|urging|instructing)\b/,
  // "has told Harvest Lane it has 21 days to withdraw …"
  // "reminded Harbour Athletic that it has until February 16": the one reminded.
  /\b(?:told|tells|informed|informs|warned|warns|reminded|reminds|notified|notifies)\s+((?:[\w'’-]+\s+){0,9}?[\w'’-]+)\s+(?:that\s+)?(?:it|they)\s+(?:has|have|had|must)\b/,
  // "warned Vardo Mining that it would lose its licence if it did not …": the one warned.
  /\b(?:warned|warns|reminded|reminds|notified|notifies)\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+that\s+(?:it|they)\s+(?:would|will|could)\b/,
  /\bfor\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+to\s+[a-z]+/,
  // "Orvane Telecom faces a June 30 deadline set by …": who faces the deadline owes it.
  new RegExp(
    String.raw`${OPEN}((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:faces?|faced|(?:is|are)\s+facing|(?:was|were)\s+facing|now\s+faces?)\s+(?:a|an|the)\s+(?:[\w,'’-]+\s+){0,4}?deadline\b`,
  ),
  // "extended Orbis Telecom's deadline to restore service", "the company's deadline to file":
  // whose deadline to act it is owes it.
  /((?:[A-Z][\w'’-]*\s+){0,4}?[A-Z][\w'’-]*|\bthe\s+[a-z]+)['’]s?\s+(?:new\s+|original\s+|own\s+)?deadline\s+to\s+[a-z]+/,
  // "The commission's deadline for Orbis Telecom is July 15": the one named after "deadline for".
  /\bdeadline\s+for\s+((?:[A-Z][\w'’-]*\s+){0,4}?[A-Z][\w'’-]*)(?=\s+(?:is|was|falls|expires|ends)\b|[,.;]|$)/,
  // "The deadline set by the regulator for Orbis Telecom is July 15": the one it is set for.
  /\bdeadline\s+(?:it\s+(?:had\s+|has\s+)?)?(?:set|imposed|fixed)\s+(?:by\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?)?for\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)(?=\s+(?:is|was|falls|expires|ends|to|has|had)\b|[,.;]|$)/,
  // "issued an ultimatum to Orvane Telecom: restore service by June 30".
  /\b(?:ultimatum|deadline|notice|order|warning)\s+to\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)(?=\s*[:,]|\s+(?:to|by|until|demanding|requiring|ordering)\b)/,
  // "In a letter to Vardo Mining, the ministry demanded that …": the one a demand is written to.
  /\b(?:letter|message|email)\s+to\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+),\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?:demanded|demands|ordered|orders|told|tells|asked|asks|required|requires|insisted|insists|gave|gives)\b/,
  // "the club had asked the city for an answer by February 15": the one asked.
  /\b(?:asked|asks|asking|pressed|presses|pressing)\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+for\s+(?:an?\s+|the\s+|its\s+|their\s+)?[a-z]+/,
  // "it wants the contractor's traffic plan by October 15": whose plan is wanted owes it.
  /\b(?:wants|wanted|expects|expected|demands|demanded|awaits|awaited)\s+((?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)['’]s?\s+(?:[a-z-]+\s+){0,3}?(?:plan|report|answer|response|reply|proposal|decision|accounts|figures|offer|payment|submission|application|assessment|review|list|data)\b/,
  // "Orbis Telecom received an ultimatum from the commission: restore …": who receives it owes it.
  new RegExp(
    String.raw`${OPEN}((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:has\s+|had\s+)?(?:received|receives|got|was\s+sent|was\s+handed|was\s+served)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:ultimatum|order|notice|letter|demand|deadline|warning)\b`,
  ),
  // "granted Orbis Telecom an extension until August 30", "Orbis Telecom won an extension":
  // whose time is extended owes the new date.
  /\b(?:granted|grants|given|gave|gives|offered|allowed)\s+(?!by\s)((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?:an?|another|a\s+further)\s+(?:[\w-]+\s+)?extension\b/,
  new RegExp(
    String.raw`${OPEN}((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:(?:has|have|had|was|were)\s+(?:been\s+)?(?:granted|given|allowed|offered)|won|wins|secured|obtained|received|got)\s+(?:an?|another|a\s+further)\s+(?:[\w-]+\s+)?extension\b`,
  ),
  // "The ministry set the trust a deadline in 2026, asking it to …": the one set the deadline.
  /\b(?:set|sets|setting)\s+(?!(?:an?|its|itself|themselves|out|up|aside)\b)((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?:an?|the)\s+(?:[\w,'’-]+\s+){0,3}?deadline\b/,
  // "gave the city of Port Cressey and the traders of the market until July 4": the first of
  // the parties given the time.
  /\b(?:gave|given|giving|give|gives|ordered|orders|ordering|told|tells|telling|directed|directs|instructed|instructs|required|requires)\s+(?!by\s)((?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+and\s+(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,6}?[\w'’-]+\s+(?:until|to\s+[a-z]+|\d+\s+days|\w+\s+days)/,
  // "was ordered by the inspectorate to correct": the agent after "by" gives, it does not act.
  /\b(?:gave|given|giving|give|gives|ordered|orders|ordering|asked|asking|told|tells|telling|forced?|forcing|requires?|required|requiring|allowed|directed|directs|directing|instructed|instructs|instructing|obliges?|obliged|obliging|compels?|compelled|summon(?:s|ed)|urged|urges|urging|called\s+on|calls\s+on|wants|wanted|expects|expected)\s+(?!by\s)((?:[\w'’-]+\s+){0,7}?[\w'’-]+)\s+(?:until|to\s+[a-z]+|\d+\s+days|\w+\s+days|an?\s+(?:[\w-]+,?\s+){0,3}?deadline|more time|an extra)/,
  new RegExp(
    String.raw`${REPORTED_OPEN}${PARTY}(?:\s+\([A-Z]+\))?\s+(?:would\s+|will\s+)?(?:has|have|had)\s+(?:until\b|\S+\s+(?:days?|weeks?|months?)\s+to\b)`,
  ),
  new RegExp(
    String.raw`(?:${OPEN}|\b(?:said|says|told\s+\w+)\s+)((?:[\w'’-]+\s+){0,5}?[\w'’-]+),?\s+(?:had\s+|has\s+|have\s+)?(?:already\s+|again\s+|also\s+)?(?:missed|met|failed to|fails to|fail to)\b`,
  ),
  // "recommended that the track owner, Midland Rail Infrastructure, inspect …": the one named
  // before the verb of the clause the body demands.
  // "voted to demand that the club's board publish": the owner of the body named.
  /\b(?:recommended|recommends|recommending|demand|demanded|demands|demanding|ruled|rules|insisted|insists|insisting|required|requires|requiring|proposed|proposes|proposing|urged|urges|urging|asked|asks|asking)\s+that\s+((?:[\w'’,-]+\s+){0,7}?[A-Z][\w'’-]*|the\s+[a-z]+['’]s\s+[a-z]+),?\s+[a-z]+\b/,
  // "will strike on October 5 unless Strathmoor Regional Council tables a better offer by":
  // an ultimatum's addressee is the one named after "unless".
  /\bunless\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,5}?[A-Z][\w'’-]*|the\s+(?:[a-z]+\s+){0,3}?[a-z]+)\s+(?:[a-z]+s|agrees?|can|will|does|is|are)\b/,
  // "Kestrel Mining has agreed to close …", "agreed with the inspectorate to close": who agrees
  // to act by a date owes it.
  new RegExp(
    String.raw`${REPORTED_OPEN}${PARTY}\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?agreed\s+(?:with\s+(?:[\w'’-]+\s+){1,6}?)?to\s+[a-z]+`,
  ),
  // "Vardo Mining said it would meet the ministry's June 1 deadline": who will meet or miss a
  // deadline owes it.
  new RegExp(
    String.raw`${REPORTED_OPEN}${PARTY}\s+(?:would|will|could|expects?\s+to|hopes?\s+to|plans?\s+to|is\s+(?:likely|set|expected)\s+to)\s+(?:meet|miss)\b`,
  ),
  // "The executive must also hand over …": who must act is the subject of "must"; "Ferrylink can
  // appeal within 30 days": who may appeal owes the date it may do so by.
  new RegExp(
    String.raw`${REPORTED_OPEN}${PARTY}\s+(?:must|will have to|has to|have to|is required to|are required to|(?:will\s+|would\s+)?needs?\s+to|(?:is|are|was|were)\s+due\s+to|(?:can|may|could)\s+(?=(?:lodge\s+|file\s+)?(?:an?\s+)?(?:appeal|challenge)\b))\b`,
  ),
];

/** A word each subject pattern needs, where it has one: without it the pattern is not tried. */
const SUBJECT_NEEDS = SUBJECT_PATTERNS.map(neededWord);

function subjectOf(
  text: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
  body: string,
  salient: EntityDraft | null = null,
  parties: ReadonlySet<EntityDraft> = new Set(),
): EntityDraft | null {
  // The patterns spell words with \w; "Stal Rzeszów" must still be one word run to them.
  // "directed Skyrail, an internet provider based in Kwara State, to pay": the apposition is
  // blanked so the party stands next to its verb.
  let folded = text
    .replace(/[^\p{ASCII}]/gu, (c) => (/\p{L}/u.test(c) ? 'a'.repeat(c.length) : c))
    .replace(APPOSITION, (m: string, named: string | undefined) =>
      // "X, which has until July 15 to …,": a relative clause that tells the deadline stays.
      /^,\s+(?:which|who)\b/.test(m) && HOLDS_DEADLINE.test(m)
        ? m
        : // "Under the Code, which takes effect with the treaty, Donau Cargo must": a relative
          // clause before a name leaves the comma that opens the clause the name begins.
          named !== undefined && /^,\s+(?:which|who)\b/.test(m) && /^[^,]*,\s*$/.test(m.slice(1))
          ? `,${' '.repeat(m.length - 1)}`
          : ' '.repeat(m.length),
    )
    .replace(/ & /g, ' a ');
  // "requires the national vehicle authority, Rijksvoertuigdienst, to open": the name stands
  // in for its description.
  if (NAMED_APPOSITION.test(folded))
    folded = folded
      .replace(DESCRIPTION_BEFORE_NAME, (m) => ' '.repeat(m.length))
      .replace(COMMA_AFTER_NAME, ' ');
  for (const [k, pattern] of SUBJECT_PATTERNS.entries()) {
    const needs = SUBJECT_NEEDS[k];
    if (needs && !folded.includes(needs)) continue;
    const match = pattern.exec(folded);
    const foldedFound = match?.[1];
    if (!match || !foldedFound) continue;
    const at = match.index + match[0].indexOf(foldedFound);
    const found = text.slice(at, at + foldedFound.length);
    // ", said the university had missed": the reporting verb is not part of who must act;
    // "ordered the firm on June 3 to submit": nor is the day of the order.
    const group = found
      .replace(/^(?:said|says|told)\s+/i, '')
      .replace(/\s+(?:on|in|last|this|earlier)\s+.*$/i, '')
      // "His club also faces …": an adverb before the verb is no part of who must act.
      .replace(/\s+(?:also|now|still|already|again|itself)$/i, '');
    // "the Legislature, which has until May 18": a relative pronoun stands for the name before it.
    if (/^(?:which|who)$/i.test(group.trim())) {
      const antecedent = table
        .mentionsBefore(base + at)
        .find((ref) => /^,\s*$/.test(body.slice(ref.mention.end, base + at)));
      if (antecedent && INSTITUTION_KINDS.has(antecedent.entity.kind)) return antecedent.entity;
      if (antecedent?.entity.kind === 'PERSON') return antecedent.entity;
      continue;
    }
    const start = base + at + (found.length - found.replace(/^(?:said|says|told)\s+/i, '').length);
    // "asking him to respond by Friday": the man named before, who is not the one asking.
    if (/^(?:him|her)$/i.test(group.trim())) {
      const person = resolver.byObjectPronoun(group.trim(), start);
      if (person) return person;
      continue;
    }
    // "told staff they had until", "gives manufacturers until": a class of people, no party.
    if (
      CLASS_NOUNS.test(group) &&
      !MANAGEMENT.test(group.trim()) &&
      CLASS_GIVEN.test(match[0].slice(match[0].indexOf(foldedFound)))
    )
      return null;
    // "Hungary and Slovakia must finish", "asked Veldhoven and Arclight to submit", "Donau Cargo
    // and other operators must fit": of two parties joined by "and", the first owes the date.
    const conjunction = /\s+and\s+(?=\S)/.exec(group);
    if (conjunction && !table.mentionAt(start + conjunction.index + 1)) {
      const firstPhrase = group.slice(0, conjunction.index);
      const first =
        table
          .mentionsIn(start, start + firstPhrase.length)
          .find((ref) => ref.mention.form === 'NAME')?.entity ??
        describedOwner(table, firstPhrase, start, body) ??
        resolver.resolve(start, start + firstPhrase.length, start)?.entity;
      if (first) return fullNameOf(table, first, parties);
    }
    // "has given management until June 1": a company's management is the company.
    if (MANAGEMENT.test(group.trim())) {
      const company = salient ?? nearestCompany(table, start, '', body);
      if (company) return company;
    }
    // "The company missed …", "told the company to meet …": the company whose deadlines the
    // article has been telling, before any other company named since.
    if (salient && COMPANY_DESCRIPTION.test(group.trim())) return salient;
    // "told the operator of a crude oil pipeline in northern Alberta that it has until": the
    // description's head, not the places after it.
    // "ordered the owner of a South Side apartment complex to restore heat": a party described
    // through something the text introduces with "a" is the one named next, not a place in it.
    if (/^(?:the|its|their)\s+[a-z-]+\s+(?:of|for)\s+an?\s+/i.test(group)) {
      const next = namedNext(table, start + group.length);
      if (next && next.kind !== 'PERSON') return next;
    }
    const headed = POSTMODIFIED.exec(group);
    if (headed?.[1] && COMPANY_DESCRIPTION.test(headed[1])) {
      const owner = describedOwner(table, headed[1], start, body);
      if (owner) return owner;
    }
    // "the city of Port Cressey": the place named, acting as its council.
    const civic =
      /^(?:the\s+)?(?:city|town|municipality|province|state|county|district|region)\s+of\s+/i.exec(
        group,
      );
    const town = civic
      ? table
          .mentionsIn(start + civic[0].length, start + group.length)
          .find((ref) => ref.entity.kind === 'PLACE' || ref.entity.kind === 'GOVERNMENT')
      : undefined;
    if (town) return town.entity;
    // "asked Metro's chief executive to appear before it by August 25": an officeholder the
    // clause does not name answers for the body that owns the office.
    const office = OWNED_OFFICE.exec(group.trim());
    const officeOwner = office?.[1]
      ? table
          .mentionsIn(start, start + office[1].length)
          .find(
            (ref) =>
              ref.mention.form === 'NAME' &&
              INSTITUTION_KINDS.has(ref.entity.kind) &&
              ref.mention.start === start &&
              ref.mention.end === start + (office[1]?.length ?? 0),
          )
      : undefined;
    // "The city's Department of Buildings is required to": a body named after its owner is
    // itself the party, not its owner.
    const possessive = /^(?:the\s+[a-z]+|\p{Lu}[\p{L}-]*)['’]s\s+(?=\p{Lu})/iu.exec(group);
    const ownedName = possessive
      ? table
          .mentionsIn(start + possessive[0].length, start + group.length)
          .find(
            (ref) =>
              ref.mention.form === 'NAME' &&
              ref.mention.start === start + possessive[0].length &&
              INSTITUTION_KINDS.has(ref.entity.kind),
          )?.entity
      : undefined;
    if (ownedName) return ownedName;
    // "the club's board", "the company's directors": the body the description stands for.
    const ownedBy = /^(the\s+[a-z]+)['’]s\s+(?:[a-z-]+\s+){0,2}[a-z-]+$/i.exec(group.trim());
    const describedBody = ownedBy?.[1]
      ? ((salient && COMPANY_DESCRIPTION.test(ownedBy[1]) ? salient : null) ??
        describedOwner(table, ownedBy[1], start, body) ??
        carriesNoun(ownedBy[1], resolver.resolve(start, start + ownedBy[1].length, start)?.entity))
      : undefined;
    if (describedBody && describedBody.kind !== 'PERSON') return describedBody;
    if (officeOwner && !/^\s*,\s*\p{Lu}/u.test(body.slice(start + group.length)))
      return officeOwner.entity;
    // "has told a health insurer it must delete … . … said Kowhai Mutual had …": a party the
    // clause introduces with "a" is the one named next that the article has not named before.
    const introduced = INDEFINITE_PARTY.test(group.trim())
      ? namedNext(table, start + group.length)
      : undefined;
    if (introduced) return introduced;
    const actor =
      describedOwner(table, group, start, body) ??
      resolver.resolve(start, start + group.length, start)?.entity ??
      namedWithin(table, start, start + group.length);
    // "The commission wrote to Orbis Telecom, giving it until July 15", "… by the commission,
    // which also gave it until": the one given the time is not the one giving it.
    if (
      actor &&
      /^(?:it|them)$/i.test(group.trim()) &&
      GIVING_VERB.test(match[0]) &&
      actor === clauseSubject(table, body, base, start)
    ) {
      const other = table
        .mentionsBefore(start)
        .find((ref) => ref.entity !== actor && INSTITUTION_KINDS.has(ref.entity.kind))?.entity;
      if (other) return other;
    }
    // "Skyline Air is expected to compensate passengers by June 1, after the Civil Aviation
    // Authority ordered it to": the one who gives an order is not the "it" it gives it to.
    if (actor && /^(?:it|them)$/i.test(group.trim())) {
      const giver = table
        .mentionsBefore(start)
        .find((ref) => /^\s+(?:had\s+|has\s+)?[a-z]+\s+$/.test(body.slice(ref.mention.end, start)));
      const opener = clauseSubject(table, body, base, start);
      if (giver?.entity === actor && opener && opener !== actor) return opener;
    }
    // "Kestrel Mining was fined by the inspectorate. It must also close …": "it" that must act
    // is the company the sentence before names, not the public body acting on it.
    if (actor?.kind === 'GOVERNMENT' && /^(?:it|they)$/i.test(group.trim())) {
      const end = body.slice(0, base).trimEnd().length - 1;
      const before = Math.max(body.lastIndexOf('.', end - 1), body.lastIndexOf('\n', end - 1)) + 1;
      const company = table
        .mentionsIn(before, base)
        .filter((ref) => ref.entity.kind === 'ORGANIZATION' && !NOT_A_COMPANY.test(ref.entity.name))
        .pop()?.entity;
      if (company) return company;
    }
    if (actor) return fullNameOf(table, actor, parties);
    const place = table
      .mentionsIn(start, start + group.length)
      .find((ref) => ref.entity.kind === 'PLACE')?.entity;
    const widened = place
      ? fullNameOf(table, place, parties)
      : /^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}$/u.test(group)
        ? byShortName(table, group, parties)
        : undefined;
    if (widened && widened !== place) return widened;
    // "gave Kivu Province until July 15", "Ruritania has until Sunday": a place that is the
    // whole party acts as its government (it becomes one below).
    const whole = table
      .mentionsIn(start, start + group.length)
      .find(
        (ref) =>
          (ref.entity.kind === 'PLACE' || ref.entity.kind === 'COUNTRY') &&
          /^\s*(?:the\s+)?$/i.test(body.slice(start, ref.mention.start)) &&
          body.slice(ref.mention.end, start + group.length).trim() === '',
      );
    if (whole) return whole.entity;
  }
  return null;
}

/** "Metro's chief executive", "Orbis Telecom's board": a body's office, held by nobody named. */
const OWNED_OFFICE =
  /^(\p{Lu}[\p{L}\w&.-]*(?:\s+\p{Lu}[\p{L}\w&.-]*){0,4})['’]s?\s+(?:[a-z-]+\s+){0,2}[a-z-]+$/u;

/** "under the programme, which the fund's board approved": the document and who made it. */
const AUTHORED_DOCUMENT =
  /\bunder\s+(?:the|its|a|this)\s+(?:[\w-]+\s+){0,3}?(?:programme|program|plan|deal|agreement|settlement|contract|accord|rules|code|scheme),\s+(?:which|that)\s+((?:the\s+)?(?:[\p{L}\w'’-]+\s+){0,4}?[\p{L}\w'’-]+?)\s+(?:had\s+|has\s+)?(?:approved|adopted|drew\s+up|drafted|agreed|signed|set\s+out|negotiated|imposed)\b/iu;

/** "members had voted on Sunday to give", "shareholders voted by 412 to 37 to demand". */
const MEMBERS_VOTED =
  /\b(?:members|shareholders|delegates)\s+(?:had\s+|have\s+|has\s+)?voted\b[^.;]*?\bto\s+(?:give|demand|set|require|order|ask|extend|grant)\b/i;

/** "a health insurer", "an operator": a party the sentence introduces, not one named before. */
const INDEFINITE_PARTY = /^an?\s+(?:[a-z-]+\s+){0,3}[a-z-]+$/;

/** The first name after a position (about two sentences on) of an untitled entity not named before it. */
function namedNext(table: EntityTable, position: number): EntityDraft | undefined {
  return table.mentionsIn(position, position + 400).find(
    (ref) =>
      ref.mention.form === 'NAME' &&
      ref.entity.kind !== 'PLACE' &&
      ref.entity.kind !== 'COUNTRY' &&
      ref.entity.kind !== 'MEDIA_OUTLET' &&
      ref.entity.kind !== 'OTHER' &&
      // "Commissioner Hana Te Rangi said": an official is no party introduced as "a …".
      ref.entity.title === undefined &&
      ref.entity.mentions.every((m) => m.start >= position),
  )?.entity;
}

/**
 * An apposition or relative clause set off by commas: ", a lawyer,", ", which …,", ", two of the
 * country's largest carriers,", ", Orbis Telecom's chief executive,".
 */
const APPOSITION =
  /,\s+(?:an?|the|which|who|one|two|three|four|five|both|all|each|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s)\s+(?:[^,]|\d,\d){3,60},(?!\d)(?=(\s+[A-Z])?)/g;
/** "which has until July 15", "who must": a clause that tells the deadline itself. */
const HOLDS_DEADLINE = /\b(?:has|have|had)\s+until\b|\bmust\b|\bdeadline\b/i;

/**
 * The party the sentence before a position opens with, as its subject ("Orbis Telecom was fined
 * …", "The commission fined …"): what a sentence-opening "It" most likely stands for.
 */
function previousSubject(
  table: EntityTable,
  body: string,
  sentenceStart: number,
): { entity: EntityDraft; from: number; end: number } | undefined {
  const end = body.slice(0, sentenceStart).trimEnd().length - 1;
  if (end <= 0) return undefined;
  const from = Math.max(body.lastIndexOf('.', end - 1), body.lastIndexOf('\n', end - 1)) + 1;
  const [first, second] = table.mentionsIn(from, end);
  if (!first || !INSTITUTION_KINDS.has(first.entity.kind)) return undefined;
  if (!/^\s*(?:the\s+)?$/i.test(body.slice(from, first.mention.start))) return undefined;
  // "The European Union's Packaging Waste Regulation, adopted in 2025, requires …": the law its
  // owner names opens the sentence, not the owner.
  const law =
    second?.entity.kind === 'OTHER' &&
    /^['’]s?\s+$/.test(body.slice(first.mention.end, second.mention.start))
      ? second.entity
      : undefined;
  return { entity: law ?? first.entity, from, end };
}

/** A giving or ordering verb that opens a match, before the one given the time. */
const GIVING_VERB =
  /^(?:gave|given|giving|give|gives|ordered|orders|ordering|told|tells|telling|asked|asking|directed|directing|instructed|instructing|required|requiring|urged|urging|forced|forcing|allowed|allowing)\b/i;

/**
 * Who acts in the clause ending at a position: the name before ", which" or ", who" when the
 * clause is relative, else the first party the sentence names.
 */
function clauseSubject(
  table: EntityTable,
  body: string,
  base: number,
  position: number,
): EntityDraft | undefined {
  const before = body.slice(base, position);
  const relative = [...before.matchAll(/,\s+(?:which|who)\b/g)].pop();
  if (relative?.index !== undefined) {
    const at = base + relative.index;
    return table.mentionsBefore(at).find((ref) => ref.mention.end === at)?.entity;
  }
  return clauseMentions(table, base, position).find(
    (ref) => INSTITUTION_KINDS.has(ref.entity.kind) || ref.entity.kind === 'PERSON',
  )?.entity;
}

/**
 * The mentions between two positions, less a description that holds a name: "The Department of
 * Transport had written to the company", read by the speaker pass as one description of the
 * company, is a clause whose subject is the department.
 */
function clauseMentions(table: EntityTable, start: number, end: number): MentionRef[] {
  const refs = table.mentionsIn(start, end);
  return refs.filter(
    (ref) =>
      ref.mention.form !== 'DESCRIPTION' ||
      !refs.some(
        (other) =>
          other.mention.form === 'NAME' &&
          other.entity !== ref.entity &&
          other.mention.start >= ref.mention.start &&
          other.mention.end <= ref.mention.end,
      ),
  );
}

const POSTMODIFIED = /^((?:the|its|their)\s+[a-z-]+)\s+(?:of|in|at|near|for|on)\s+\S/i;

/**
 * What follows a name set off by commas when the name is the party: "…, Rijksvoertuigdienst, to
 * open", "a rival operator, Saaremaa Lines, had until", "unless the port operator, Baltic
 * Terminal Group, improves".
 */
const AFTER_APPOSITION = String.raw`,\s+(?:to|until|by|has|have|had|must|will|would|can|[a-z]+s)\b`;
const NAMED_APPOSITION = new RegExp(String.raw`,\s+[A-Z][^,]{0,60}${AFTER_APPOSITION}`);
const DESCRIPTION_BEFORE_NAME = new RegExp(
  String.raw`\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[A-Z][\w-]*['’]s)\s+(?:(?!(?:said|says|told)\b)[a-z'’-]+\s+){0,4}[a-z-]+,\s+(?=[A-Z][^,]{0,60}${AFTER_APPOSITION})`,
  'g',
);
const COMMA_AFTER_NAME = new RegExp(
  String.raw`(?<=\s{2}[A-Z][^,]{0,60}),(?=${AFTER_APPOSITION.slice(1)})`,
  'g',
);

/** "management", "its bosses": those who run the company a union or its staff face. */
const MANAGEMENT = /^(?:the\s+|its\s+|their\s+)?(?:management|bosses)$/i;

/** A bare common noun phrase with no article or owner ("staff", "small retailers"). */
const CLASS_NOUNS =
  /^(?!(?:the|a|an|its|their|his|her|our|this|that|these|those|it|they|he|she|we|both|each|all|every|some|any|no)\b)[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}$/;

/** "has given landlords until May 15", "told staff they had until": a class given the time. */
const CLASS_PARTY =
  /\b(?:gave|given|giving|give|gives|told|tells|allowed|granted|reminded)\s+(?!(?:the|a|an|its|their|his|her|it|them|him)\b)[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?\s+(?:until\b|(?:that\s+)?(?:they|it)\s+(?:had|have|has)\b|\S+\s+days\b)/;

/** …and what such a class is given: "until", "they had until", "N days to". */
const CLASS_GIVEN =
  /^\S+(?:\s+\S+){0,2}\s+(?:until\b|(?:they|it)\s+(?:had|have|has)\b|\S+\s+days\b)/;

const TRAILING_AUXILIARIES =
  /(?:\s+(?:has|have|had|also|then|now|already|again|first|in\s+turn|on\s+\w+day|last\s+\w+|this\s+\w+|earlier\s+this\s+\w+))+\s*$/i;
const INSTITUTION_KINDS = new Set(['ORGANIZATION', 'GOVERNMENT', 'MEDIA_OUTLET']);

/**
 * The one institution or person named inside a phrase that names more than it ("second-division
 * club Stal Rzeszów", "Earlier this year Procon-SP"): the last name in it that is no place.
 */
function namedWithin(table: EntityTable, start: number, end: number): EntityDraft | null {
  const named = table
    .mentionsIn(start, end)
    .filter((ref) => ref.entity.kind !== 'PLACE' && ref.entity.kind !== 'COUNTRY');
  return named[named.length - 1]?.entity ?? null;
}

/** Words a description uses for an institution, and the words its name carries. */
const DESCRIPTION_HEADS: Record<string, RegExp> = {
  regulator:
    /\b(?:commission|committee|comisión|comissão|authority|agency|office|ombudsman|regulator|board|administration|bureau|superintend\w*|inspectorate|council)\b/i,
  agency:
    /\b(?:agency|authority|commission|office|administration|bureau|board|inspectorate|superintend\w*|service)\b/i,
  authority:
    /\b(?:authority|agency|commission|office|ombudsman|administration|board|inspectorate|superintend\w*)\b/i,
  watchdog:
    /\b(?:commission|comisión|authority|agency|office|ombudsman|regulator|inspectorate|committee|commissioner)\b/i,
  court: /\b(?:court|tribunal)\b/i,
  tribunal: /\b(?:tribunal|court)\b/i,
  league: /\b(?:league|liga|federation|federación|federação|association)\b/i,
  federation: /\b(?:federation|federación|federação|fédération|association|league|union)\b/i,
  ministry: /\b(?:ministry|department)\b/i,
  department: /\b(?:department|ministry)\b/i,
  committee: /\b(?:committee)\b/i,
  // "the bloc" for the European Union, "the government" for the Government of Varnia.
  bloc: /\b(?:union|bloc|alliance|community|association)\b/i,
  government: /\b(?:government|administration)\b/i,
  // "Its speaker said the chamber would take it up": the legislature, not its speaker.
  chamber: /\b(?:senate|house|assembly|parliament|congress|legislature|chamber|council)\b/i,
};

/** "the regulator", "the governing body", "their union" (data/institution-descriptions.txt). */
const INSTITUTION_DESCRIPTION = new RegExp(
  String.raw`(?:^|\b(?:[Ii]n|[Oo]n|[Ll]ast|[Tt]his|[Ee]arlier)\s+[\w-]+(?:\s+\d{1,2})?,?\s+)(?:[Tt]he|[Ii]ts|[Tt]heir|(?:\p{Lu}[\p{L}-]*\s+){0,2}\p{Lu}[\p{L}-]*['’]s)\s+(?:[a-z-]+\s+){0,2}?(?:${readList(
    'institution-descriptions.txt',
  ).join('|')})$`,
  'u',
);

/**
 * An institution told by a description no name carries ("The league" for the SPFL, "Britain's
 * water regulator" for Ofwat): the organisation or public body named nearest before it, other
 * than the party given the time; a description with an owner ("Britain's …") introduces a body,
 * which is the first one named after it.
 */
function describedInstitution(
  table: EntityTable,
  phrase: string,
  position: number,
  excluded: EntityDraft | null,
): EntityDraft | null {
  const trimmed = phrase.trim();
  // "Officials gave Vardo Mining until …": public officers the text does not name act for the
  // public body named just before them.
  if (/^(?:[Oo]fficials|[Rr]egulators|[Ii]nspectors)$/.test(trimmed))
    return (
      table
        .mentionsBefore(position)
        .find(
          (ref) =>
            ref.entity.kind === 'GOVERNMENT' &&
            ref.entity !== excluded &&
            position - ref.mention.start <= 400,
        )?.entity ?? null
    );
  if (!INSTITUTION_DESCRIPTION.test(trimmed)) return null;
  const usable = (ref: MentionRef): boolean =>
    ref.mention.form === 'NAME' &&
    (ref.entity.kind === 'GOVERNMENT' || ref.entity.kind === 'ORGANIZATION') &&
    ref.entity !== excluded;
  if (!/['’]s\s/.test(trimmed)) {
    const before = table
      .mentionsBefore(position)
      .find((ref) => usable(ref) && position - ref.mention.start <= 1500);
    if (before) return before.entity;
  }
  const end = position + phrase.length;
  return table.mentionsIn(end, end + 400).find(usable)?.entity ?? null;
}

/**
 * "Chile's financial regulator", "the court", "the union": a description resolved to the nearest
 * institution whose name carries its head word (named before it, else just after it).
 */
function describedOwner(
  table: EntityTable,
  phrase: string,
  position: number,
  body: string,
): EntityDraft | null {
  // "the law", "the regulation": the law named last before it.
  if (LAW_DESCRIPTION.test(phrase.trim())) return lawBefore(table, position, 1500);
  // "Scottish league officials have given …", "the ministry's inspectors": people who act for a
  // body they are described by act as that body.
  const staff = ACTING_STAFF.exec(phrase.trim());
  if (staff?.[1] && !/^(?:the|its|their|his|her)$/i.test(staff[1])) {
    const owner = describedOwner(table, `the ${staff[1]}`, position, body);
    if (owner) return owner;
    // "Bristol City Council … has its own timetable. Planning officers told the club": public
    // officers their field describes act for the public body named just before them.
    if (/\b(?:officials|officers|inspectors)$/i.test(phrase.trim()))
      return (
        table
          .mentionsBefore(position)
          .find((ref) => ref.entity.kind === 'GOVERNMENT' && position - ref.mention.start <= 300)
          ?.entity ?? null
      );
    return null;
  }
  const plain = byNameHead(table, phrase, position);
  if (plain) return plain;
  // "asked the city for an answer", "The council itself has promised": the town the article is
  // about, acting as its council, when no council is named.
  if (CIVIC_DESCRIPTION.test(phrase.trim())) return civicBody(table, position);
  // "the provincial government", "The province": the region the article opens with, acting as
  // its government.
  if (REGIONAL_DESCRIPTION.test(phrase.trim())) return firstPlace(table);
  const company =
    /^(?:the|its|his|her|their)\s+(?:[\p{L}-]+\s+)?(company|firm|carmaker|lender|retailer|operator|club|contractor|insurer|bank|group|builder|airline|carrier|supplier|chain|utility|manufacturer|developer|producer)$/iu.exec(
      phrase.trim(),
    );
  if (company) return nearestCompany(table, position, company[1]?.toLowerCase() ?? '', body);
  const match =
    /^(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]n?|(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s)\s+(?:[A-Za-z][\w-]*\s+){0,3}?([a-z]+)$/.exec(
      phrase.trim(),
    );
  // "Texas regulators have set …": the plural of a body's noun, after a place or none, is that
  // body's people acting for it.
  const plural = /^(?:(?:[Tt]he\s+)?\p{Lu}[\p{L}-]*\s+)?([a-z]+)s$/u
    .exec(phrase.trim())?.[1]
    ?.toLowerCase();
  const noun =
    match?.[1]?.toLowerCase() ?? (plural && DESCRIPTION_HEADS[plural] ? plural : undefined);
  // "A judge has ordered …", "Harwick's mayor has given …": the person who holds that title.
  const holder = noun && OFFICE_TITLES.test(noun) ? titled(table, noun, position) : null;
  if (holder) return holder;
  const head = noun ? DESCRIPTION_HEADS[noun] : undefined;
  if (!head) return null;
  // "Portugal's energy regulator … the regulator, ERSE,": a body introduced with the same noun
  // counts as if its name carried it.
  const introducedAs = new RegExp(`\\b${noun}(?:,\\s+|\\s+)$`, 'i');
  let best: { entity: EntityDraft; distance: number } | null = null;
  for (const entity of table.entities) {
    if (!INSTITUTION_KINDS.has(entity.kind)) continue;
    const named = head.test(entity.name);
    for (const mention of entity.mentions) {
      if (mention.form !== 'NAME') continue;
      if (!named && !introducedAs.test(body.slice(Math.max(0, mention.start - 30), mention.start)))
        continue;
      // A name just after the description ("… regulator has ordered …. The CMF") counts, less.
      const distance =
        mention.start < position ? position - mention.start : 2 * (mention.start - position);
      if (!best || distance < best.distance) best = { entity, distance };
    }
  }
  return best && best.distance < 1500 ? best.entity : null;
}

const ACTING_STAFF =
  /^(?:(?:the|its|their)\s+)?((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+?)(?:['’]s)?\s+(?:officials|officers|inspectors|negotiators|executives|lawyers|attorneys|representatives)$/iu;

/** Titles of office a description may use for the person who holds it. */
const OFFICE_TITLES =
  /^(?:judge|justice|magistrate|mayor|governor|minister|secretary|commissioner|president|premier|chancellor)$/;

/** The person whose title carries the noun, named nearest the position (after it counts less). */
function titled(table: EntityTable, noun: string, position: number): EntityDraft | null {
  const word = /^(?:judge|justice|magistrate)$/.test(noun)
    ? /\b(?:judge|justice|magistrate)\b/i
    : new RegExp(`\\b${noun}\\b`, 'i');
  let best: { entity: EntityDraft; distance: number } | null = null;
  for (const entity of table.entities) {
    if (entity.kind !== 'PERSON' || !entity.title || !word.test(entity.title)) continue;
    for (const mention of entity.mentions) {
      const distance =
        mention.start < position ? position - mention.start : 2 * (mention.start - position);
      if (!best || distance < best.distance) best = { entity, distance };
    }
  }
  return best && best.distance < 1500 ? best.entity : null;
}

const CIVIC_DESCRIPTION =
  /^(?:the|its)\s+(?:city|town|municipality|borough|(?:city\s+|town\s+)?council)(?:\s+itself)?$/i;

const REGIONAL_DESCRIPTION =
  /^(?:the|its)\s+(?:province|state|provincial\s+government|state\s+government|regional\s+government)$/i;

/** The place mentioned first in the article. */
function firstPlace(table: EntityTable): EntityDraft | null {
  let best: { entity: EntityDraft; start: number } | null = null;
  for (const entity of table.entities) {
    if (entity.kind !== 'PLACE') continue;
    const start = Math.min(...entity.mentions.map((m) => m.start));
    if (!best || start < best.start) best = { entity, start };
  }
  return best?.entity ?? null;
}

/** A city's council named as such before the position, else the first place of the article. */
function civicBody(table: EntityTable, position: number): EntityDraft | null {
  const council = table.entities.find(
    (entity) =>
      entity.kind === 'GOVERNMENT' &&
      /\b(?:city|town|municipal|borough)\b/i.test(entity.name) &&
      entity.mentions.some((m) => m.start < position),
  );
  return council ?? table.entities.find((entity) => entity.kind === 'PLACE') ?? null;
}

const LAW_DESCRIPTION =
  /^(?:the|this|that|its)\s+(?:new\s+)?(?:law|act|regulation|directive|legislation|statute|treaty|code|ordinance|decree)$/i;

/** The law ("… Act", "… Regulation", entity kind OTHER) mentioned last before a position. */
function lawBefore(table: EntityTable, position: number, within: number): EntityDraft | null {
  let best: { entity: EntityDraft; start: number } | null = null;
  for (const entity of table.entities) {
    if (entity.kind !== 'OTHER') continue;
    for (const mention of entity.mentions)
      if (mention.start < position && position - mention.start <= within)
        if (!best || mention.start > best.start) best = { entity, start: mention.start };
  }
  return best?.entity ?? null;
}

const NOT_A_COMPANY =
  /\b(?:commission|comisión|authority|agency|union|association|federation|confederation|council|court|ministry|department|committee|board|league|executive|office|assembly|government|parliament|senate)\b/i;

const INTRODUCED_AS_NO_COMPANY =
  /\b(?:union|association|federation|confederation|party|campaign|charity|coalition|guild|group\s+of\s+\w+)\s+$/i;

/** "the company", "the firm": the organisation named last before it that is no public body. */
function nearestCompany(
  table: EntityTable,
  position: number,
  noun: string,
  body: string,
): EntityDraft | null {
  // "Football club Atlético Paulistano … the club": a company introduced with the same noun.
  // "the Ashby Mariners rugby club … the club": or with the noun just after the name.
  const introducedAs = (entity: EntityDraft): boolean =>
    entity.mentions.some(
      (m) =>
        m.start < position &&
        (new RegExp(`\\b${noun}\\s+(?:\\S+\\s+)?$`, 'i').test(
          body.slice(Math.max(0, m.start - 30), m.start),
        ) ||
          new RegExp(`^\\s+(?:[a-z-]+\\s+)?${noun}\\b`).test(body.slice(m.end, m.end + 30))),
    );
  const introduced = noun
    ? table.entities.filter((e) => e.kind === 'ORGANIZATION' && introducedAs(e))
    : [];
  if (introduced.length === 1) return introduced[0] ?? null;
  // Among companies named in the last few sentences, the one named most often so far ("Teplo
  // Oil … its owner Dnipro Energy Group … The company had met"), the latest on a tie.
  let best: { entity: EntityDraft; count: number; start: number } | null = null;
  for (const entity of table.entities) {
    if (entity.kind !== 'ORGANIZATION' || NOT_A_COMPANY.test(entity.name)) continue;
    // "the dockworkers' union Havenbond": introduced as no company, whatever its name.
    if (
      entity.mentions.some((m) =>
        INTRODUCED_AS_NO_COMPANY.test(body.slice(Math.max(0, m.start - 30), m.start)),
      )
    )
      continue;
    const before = entity.mentions.filter((m) => m.start < position);
    const last = Math.max(...before.map((m) => m.start), -1);
    if (last < 0 || position - last > 800) continue;
    const count = before.length;
    if (!best || count > best.count || (count === best.count && last > best.start))
      best = { entity, count, start: last };
  }
  if (best) return best.entity;
  // "the operator of a pipeline … She gave Northridge Energy": a company described before it is
  // named, when no company was named before the description.
  let next: { entity: EntityDraft; start: number } | null = null;
  for (const entity of table.entities) {
    if (entity.kind !== 'ORGANIZATION' || NOT_A_COMPANY.test(entity.name)) continue;
    if (entity.mentions.some((m) => m.start < position)) return null;
    const first = Math.min(...entity.mentions.map((m) => m.start));
    if (first - position <= 600 && (!next || first < next.start)) next = { entity, start: first };
  }
  return next?.entity ?? null;
}

/** Nouns of a place's government ("the county"), for byNameHead. */
const CIVIC_NOUN = /^(?:county|city|town|borough|district|province|prefecture|municipality)$/;

/**
 * "the union", "The league", "the ministry": a description whose noun is a word of exactly one
 * organisation's or government's name named before it ("… Dentists Union", "Major League Soccer").
 */
function byNameHead(table: EntityTable, phrase: string, position: number): EntityDraft | null {
  // A noun in lower case: "The FA" is a short form, not the head of "FA Cup".
  const match = /^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z]+)$/.exec(phrase.trim());
  const noun = match?.[1];
  if (!noun) return null;
  // "Maricopa County … the county": a place whose name carries a civic noun is the body that
  // governs it when a deadline is set by or for it.
  const civic = CIVIC_NOUN.test(noun);
  const owners = table.entities.filter(
    (entity) =>
      (entity.kind === 'ORGANIZATION' ||
        entity.kind === 'GOVERNMENT' ||
        (civic && entity.kind === 'PLACE')) &&
      entity.mentions.some((m) => m.start < position && m.form === 'NAME') &&
      entity.name
        .toLowerCase()
        .split(/[\s,]+/)
        .map((word) => word.replace(/['’]s?$/, ''))
        .includes(noun),
  );
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

function setterOf(
  text: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
  quotes: ExtractedQuote[],
  subject: EntityDraft | null,
  body: string,
): { entity: EntityDraft; stated: boolean } | null {
  // "a September 30 deadline set by the National Universities Commission", "has been given
  // until Friday by the Central Bank of Kenya", "a March 29 deadline from the committee"
  const setBy =
    /\b(?:(?:set|imposed|issued|fixed|laid\s+down)\s+by|(?:been|was|were|is|are)\s+(?:given|ordered|told|directed|instructed|asked|required)\s+(?:[\w'’-]+\s+){0,4}?by(?!\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|the\s+end\b))|(?:deadline|letter|notice|ultimatum|demand|warning)\s+from|(?:agreed|agreement|settlement|deal)\s+with|(?:under|after|following)\s+(?:an?\s+)?(?:order|ruling|directive|instruction|decision)\s+(?:from|by|of)|(?:orders?|ruling|directive)\s+(?:issued\s+)?by)\s+((?:the\s+)?(?:[\p{L}\w'’-]+\s+){0,6}?[\p{L}\w'’-]+?)(?=(?:\s+\([\p{L}]+\))?(?:\s+(?:to|for|on|in|after|that|which|by|until|giving|ordering|requiring|demanding|telling|asking)\b|[,.;]|$))/u.exec(
      text,
    );
  if (setBy?.[1]) {
    const start = base + setBy.index + setBy[0].indexOf(setBy[1]);
    const actor =
      byNameHead(table, setBy[1], start) ??
      resolver.resolve(start, start + setBy[1].length, start)?.entity ??
      // "under an order by Judge Amy Roth": the one named in the phrase.
      namedWithin(table, start, start + setBy[1].length);
    if (actor && actor !== subject) return { entity: actor, stated: true };
  }
  // "Orbis Telecom must hand over the documents by July 15, Judge Maria Santos ruled": who rules
  // or orders after the clause sets it.
  const ruling = TRAILING_RULING.exec(text);
  if (ruling?.[1]) {
    const start = base + ruling.index + ruling[0].indexOf(ruling[1]);
    const ruler =
      byNameHead(table, ruling[1], start) ??
      resolver.resolve(start, start + ruling[1].length, start)?.entity ??
      namedWithin(table, start, start + ruling[1].length);
    if (ruler && ruler !== subject) return { entity: ruler, stated: true };
  }
  function resolveSetter(
    written: string,
    from: number,
    end: number,
  ): { entity: EntityDraft; stated: boolean } | null {
    // "The Comisión para el Mercado Financiero (CMF) also gave", "the union has in turn given":
    // adverbs and auxiliaries between the setter and its verb are not part of the setter.
    // "…, after the city council on Tuesday extended": the subordinating word is no part of it.
    const lead =
      /^\s*(?:after|when|as|because|since|while|once|before|until|and|but)\s+/i.exec(written)?.[0]
        .length ?? 0;
    const phrase = written.slice(lead);
    const start = from + lead;
    const trimmed = phrase.replace(TRAILING_AUXILIARIES, '');
    const cut = end - (phrase.length - trimmed.length);
    // "Ireland's data regulator fined the firm 28 million euros and ordered it to …": a verb
    // joined by "and" has the subject of the verb before it, not the object.
    const joined = /\s+and\s*$/.test(trimmed) ? FIRST_VERB.exec(trimmed) : null;
    if (joined && joined.index > 0 && lead === 0)
      return resolveSetter(trimmed.slice(0, joined.index), start, start + joined.index);
    // "Orbis Telecom was fined by the commission. It also gave the company until …": a
    // sentence-opening "It" is the subject of the sentence before, unless that is who is given
    // the time; then the other party that sentence names.
    if (/^it$/i.test(trimmed.trim()) && body.slice(base, start).trim() === '') {
      const previous = previousSubject(table, body, base);
      if (previous && previous.entity !== subject) return { entity: previous.entity, stated: true };
      const other = previous
        ? table
            .mentionsIn(previous.from, previous.end)
            .find((ref) => ref.entity !== subject && INSTITUTION_KINDS.has(ref.entity.kind))?.entity
        : undefined;
      if (other) return { entity: other, stated: true };
    }
    // "… by the Federal Communications Commission, which also gave it until": the name the
    // relative pronoun follows.
    if (/^(?:which|who)$/i.test(trimmed.trim())) {
      const antecedent = table
        .mentionsBefore(start)
        .find((ref) => /^\s*,\s*$/.test(body.slice(ref.mention.end, start)))?.entity;
      if (antecedent && antecedent !== subject) return { entity: antecedent, stated: true };
    }
    // "The regulation, adopted in 2024, requires … It gives manufacturers until": the law the
    // sentence before was about.
    const law = /^it$/i.test(trimmed.trim()) ? lawBefore(table, start, 400) : null;
    if (law) return law !== subject ? { entity: law, stated: true } : null;
    // "The Ministry of Mines and the Ministry of Labour gave": of two setters joined by "and",
    // the first.
    const [firstNamed, secondNamed] = table
      .mentionsIn(start, cut)
      .filter(
        (ref) =>
          ref.mention.form === 'NAME' &&
          (INSTITUTION_KINDS.has(ref.entity.kind) || ref.entity.kind === 'PERSON'),
      );
    if (
      firstNamed &&
      secondNamed &&
      firstNamed.entity !== subject &&
      /^\s*(?:the\s+)?$/i.test(body.slice(start, firstNamed.mention.start)) &&
      /^\s+and\s+(?:the\s+)?$/i.test(body.slice(firstNamed.mention.end, secondNamed.mention.start))
    )
      return { entity: firstNamed.entity, stated: true };
    // "The Kelham Harriers athletics club has asked": the body named before its description.
    const described = table
      .mentionsIn(start, cut)
      .filter((ref) => ref.mention.form === 'NAME' && INSTITUTION_KINDS.has(ref.entity.kind))
      .pop();
    if (
      described &&
      /^\s*(?:the\s+)?$/i.test(body.slice(start, described.mention.start)) &&
      /^\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*$/.test(body.slice(described.mention.end, cut)) &&
      described.entity !== subject
    )
      return { entity: described.entity, stated: true };
    // "The government of Peru has given": a phrase that is an institution's whole name is it,
    // not the place named inside it.
    const whole = table
      .mentionsIn(start, cut)
      .find(
        (ref) =>
          ref.mention.form === 'NAME' &&
          INSTITUTION_KINDS.has(ref.entity.kind) &&
          body.slice(start, ref.mention.start).trim() === '' &&
          body.slice(ref.mention.end, cut).trim() === '',
      );
    if (whole) return whole.entity !== subject ? { entity: whole.entity, stated: true } : null;
    // "Port Ashby has told the builder …": a place that is the whole setter acts as its council.
    const place = table
      .mentionsIn(start, cut)
      .find(
        (ref) =>
          (ref.entity.kind === 'PLACE' || ref.entity.kind === 'COUNTRY') &&
          /^\s*(?:the\s+)?$/i.test(body.slice(start, ref.mention.start)) &&
          body.slice(ref.mention.end, cut).trim() === '',
      );
    if (place) return place.entity !== subject ? { entity: place.entity, stated: true } : null;
    const owner = describedOwner(table, trimmed, start, body);
    // "Kenya's energy regulator has asked": a country owning a body it describes is not the body
    // (which, "Britain's water regulator … Ofwat", may be named just after it).
    if (!owner && OWNED_BODY.test(trimmed.trim())) {
      const introduced = describedInstitution(table, trimmed, start, subject);
      return introduced ? { entity: introduced, stated: true } : null;
    }
    const actor =
      owner ??
      resolver.resolve(start, cut, cut)?.entity ??
      describedInstitution(table, trimmed, start, subject) ??
      namedWithin(table, start, cut);
    return actor && actor !== subject ? { entity: actor, stated: true } : null;
  }
  const verb = activeSettingVerb(text);
  // "The agency has reopened bidding, giving operators until February 12": the participle's
  // setter is the party the sentence opens with.
  if (verb && /ing$/i.test(verb[0]) && /,\s*$/.test(text.slice(0, verb.index))) {
    // "…, their union said on Tuesday, giving the health minister until": the participle is the
    // act of whoever the reporting clause before it names.
    const sayer = REPORTING_BEFORE_PARTICIPLE.exec(text.slice(0, verb.index));
    if (sayer?.[1]) {
      const from = base + sayer.index + sayer[0].indexOf(sayer[1]);
      const said = resolveSetter(sayer[1], from, from + sayer[1].length);
      if (said) return said;
    }
    const opener = leadingParty(table, body, base, base + verb.index);
    if (opener && opener !== subject) return { entity: opener, stated: true };
  }
  if (verb) {
    const before = text.slice(0, verb.index).replace(TRAILING_AUXILIARIES, ' ');
    // "Pike said the union had given …": who gave is after the reporting verb, not its subject.
    const reported =
      /\b(?:said|says|told\s+\w+|added|announced|confirmed)\s+(?!.*\b(?:said|says|told|added|announced|confirmed)\b)/.exec(
        before,
      );
    const boundary = Math.max(
      before.lastIndexOf(', '),
      before.search(/\bthat\s+(?!.*\bthat\b)/),
      reported ? reported.index + reported[0].length - 2 : 0,
      0,
    );
    let start = base + (boundary > 0 ? boundary + 1 : 0);
    // A comma inside a name ("… Practitioners, Pharmacists and Dentists Union") is no boundary.
    const inside = boundary > 0 ? table.mentionAt(base + boundary) : undefined;
    if (inside) start = inside.mention.start;
    // "The federation, led by Shahida Akter, has given …": the subject is before the apposition.
    const apposition = /^(?:.*[.;:]\s+)?([^,]+),([^,]+),\s*$/.exec(before);
    if (before.slice(start - base).trim() === '' && apposition?.[1] && apposition[2]) {
      // "Peru's energy regulator, Osinergmin, ordered": the institution named in the apposition.
      const middleStart = base + before.lastIndexOf(apposition[2]);
      // "Senator X, who chairs the … Committee, wants …": a relative clause describes the
      // subject; a body named inside it is not the one acting.
      const relative = /^\s*(?:who|whose|which)\b/i.test(apposition[2]);
      const named = relative
        ? undefined
        : table
            .mentionsIn(middleStart, middleStart + apposition[2].length)
            .find((ref) => INSTITUTION_KINDS.has(ref.entity.kind) && ref.mention.form === 'NAME');
      if (named && named.entity !== subject) return { entity: named.entity, stated: true };
      start = base + apposition[0].indexOf(apposition[1]);
      const described = resolveSetter(apposition[1], start, start + apposition[1].length);
      if (described) return described;
      // "The inquiry chair, Judge Helen Osei, asked …": the person the apposition is (not one
      // it mentions, as in "The federation, led by Shahida Akter, has given …").
      if (!/^\s*\p{Lu}/u.test(apposition[2])) return null;
      const person = table
        .mentionsIn(middleStart, middleStart + apposition[2].length)
        .find((ref) => ref.entity.kind === 'PERSON' && ref.mention.form === 'NAME');
      return person && person.entity !== subject ? { entity: person.entity, stated: true } : null;
    }
    const phrase = before.slice(start - base).trimEnd();
    // "The FA fined Kettering £25,000 after …, and ordered the club to …": a verb joined by
    // ", and" has the subject the sentence opens with.
    const opening = /^(?:and|but)$/i.test(phrase.trim()) ? FIRST_VERB.exec(before) : null;
    if (opening && opening.index > 0) {
      const subjectOfSentence = resolveSetter(
        before.slice(0, opening.index),
        base,
        base + opening.index,
      );
      if (subjectOfSentence) return subjectOfSentence;
    }
    const stated = resolveSetter(phrase, start, start + phrase.length);
    if (stated) return stated;
  }
  const end = base + text.length;
  // "have given Guyana and Suriname until March 31": those given the time do not set it.
  const object = GIVEN_OBJECT.exec(text);
  const objectStart =
    base + (object?.index ?? 0) + (object?.[0].length ?? 0) - (object?.[1]?.length ?? 0);
  const given = new Set(
    object?.[1]
      ? table.mentionsIn(objectStart, objectStart + object[1].length).map((ref) => ref.entity)
      : [],
  );
  // "must present a repair schedule to the agency by March 15": whom something is handed to
  // receives it; it set the date no more than anyone else the sentence names.
  const government = table
    .mentionsIn(base, end)
    .find(
      (ref) =>
        ref.entity.kind === 'GOVERNMENT' &&
        ref.entity !== subject &&
        !given.has(ref.entity) &&
        !RECIPIENT_BEFORE.test(body.slice(Math.max(0, ref.mention.start - 24), ref.mention.start)),
    );
  if (government) return { entity: government.entity, stated: false };
  const inSentence = quotes.filter((q) => q.start >= base && q.start < end && q.speaker !== null);
  const quote = inSentence.find((q) => !q.direct) ?? inSentence[0];
  const speaker = quote?.speaker ? table.byKey(quote.speaker) : undefined;
  // "Ortiz has until Thursday to respond, his lawyer said": who owes the date did not set it.
  return speaker && !given.has(speaker) && speaker !== subject
    ? { entity: speaker, stated: false }
    : null;
}

/**
 * The first setting verb that is not a passive participle: in "fined Aurora for failing to
 * compensate passengers whose flights were cancelled …, and ordered the carrier to pay", the
 * order is the act, not the cancelling.
 */
function activeSettingVerb(text: string): RegExpExecArray | null {
  const pattern = new RegExp(SETTING_VERB.source, 'gi');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const passive = /\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$/i.test(
      text.slice(Math.max(0, match.index - 24), match.index),
    );
    if (!passive || /\s+by\b/.test(text.slice(match.index + match[0].length).slice(0, 4)))
      return match;
  }
  return null;
}

/** ", Judge Maria Santos ruled.", ", the court said in its ruling.": a ruling after its clause. */
const TRAILING_RULING =
  /,\s+((?:[\p{L}\w.'’-]+\s+){0,6}?[\p{L}\w.'’-]+)\s+(?:ruled|ordered|decided|decreed|directed|wrote\s+in\s+(?:a|her|his|its|the)\s+(?:ruling|order|judgment|decision)|said\s+in\s+(?:a|her|his|its|the)\s+(?:ruling|order|judgment|decision))\b[^,;]*$/u;
/**
 * "The order was made by X", "The date was fixed at a meeting of X's board": who made the order
 * told just before.
 */
const ORDER_MADE_BY =
  /^\s*(?:(?:that|this|it)\s+(?:is|was)\s+the\s+(?:deadline|date|target)\s+(?:that\s+|which\s+)?(?=(?:the\s+)?(?:[\p{L}'’-]+\s+){1,6}?(?:had\s+|has\s+)?(?:set|imposed|fixed|gave)\b)|(?:the|that|this)\s+(?:order|ruling|ultimatum|deadline|date|target|demand|decision|directive)\s+(?:(?:was|had\s+been)\s+(?:made|issued|set|fixed|agreed|imposed|given|handed\s+down|signed)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:by|at\s+a\s+(?:meeting|session|hearing)\s+of|in\s+a\s+(?:letter|ruling|decision|vote)\s+(?:from|by|of))|came\s+from)\s+)/iu;
/** "gave the company the deadline", "set the deadline": the deadline told just before. */
const GAVE_THE_DEADLINE =
  /\b(?:gave|set|imposed|issued|delivered)\s+(?:[\w'’-]+\s+){0,4}?the\s+(?:deadline|ultimatum)\b/i;
/** "has been given until", "now faces a deadline of": a deadline told without who set it. */
const AGENTLESS_DEADLINE =
  /\b(?:has|have|had)\s+(?:now\s+|only\s+)?until\b|\b(?:(?:has|have|had)\s+(?:also\s+|now\s+)?been|(?:was|were|is|are)\s+(?:also\s+|now\s+)?)\s*(?:given|ordered|told|directed|instructed|required)\s+(?!by\b)|\b(?:faces?|faced|(?:is|are)\s+facing)\s+(?:a|an|the)\s+(?:[\w,'’-]+\s+){0,4}?deadline\b(?!\s+(?:set|imposed|fixed)\b)/i;

/** "The commission said", "The regulator has warned": a body speaking of a deadline just told. */
const NEXT_SETTER_VERB =
  /^\s*(?:(?:has|had)\s+)?(?:said|says|warned|added|insisted|ordered|imposed|issued|announced|gave)\b/i;

/** "was fined by", "had been ordered on Monday by": a passive act and its agent after it. */
const PASSIVE_ACT = /^[^,;]*?\b(?:was|were|has\s+been|had\s+been)\s+[a-z]+ed\b[^,;]*?\bby\s+/i;

/** "…, their union said on Tuesday, giving": the one a participle's reporting clause names. */
const REPORTING_BEFORE_PARTICIPLE =
  /,\s+((?:[\p{L}\w'’-]+\s+){0,5}?[\p{L}\w'’-]+)\s+(?:said|says|announced|warned|added|confirmed|declared)(?:\s+(?:on|late|last|this|earlier)\s+[\w-]+)?(?:\s+(?:night|morning|evening))?,\s*$/u;
/** "ordered the club to pay", "told the company to publish": an order to a described party. */
const ORDERS_DESCRIBED =
  /\b(?:ordered|told|instructed|directed|required|gave)\s+(?:the|its)\s+(?:[a-z-]+\s+)?[a-z]+\s+(?:to\s+[a-z]+|until)\b/;
/** ", which set that target": the body named before the relative clause set it. */
const WHICH_SET =
  /,\s+(?:which|who)\s+(?:had\s+|has\s+)?(?:set|imposed|fixed|ordered|made)\s+(?:that|the|this)\s+(?:target|deadline|date|order|ultimatum)\b/i;

/** "to the agency", "with the commission": the one a thing is handed or filed to. */
const RECIPIENT_BEFORE = /(?<!\baccording\s+)\b(?:to|with)\s+(?:the\s+|its\s+|their\s+)?$/i;

/** ", while Vantage has until", ", whereas the other firms must": a contrasting clause. */
const CONTRAST_CLAUSE =
  /^[^.;]*?,\s+(?:while|whereas|but)\s+(?:[\w'’-]+\s+){1,5}?(?:has|have|had|must|will\s+have)\b/i;

const SUBORDINATE_DATE = /^[^.;]*?,\s+(?:after|when|because|since|as|once)\s+/i;

/** The parties a giving or ordering verb names before the time or the act it gives them. */
const GIVEN_OBJECT =
  /\b(?:gave|given|giving|give|gives|granted|allowed|told|tells|ordered|orders|asked|reminded|directed|instructed|required)\s+((?:[\p{L}\w'’-]+,?\s+){0,8}?[\p{L}\w'’-]+)(?=\s+(?:until|to\s+[a-z]+|by)\b)/u;

/** "Kenya's energy regulator": a name owning a described public body. */
const OWNED_BODY =
  /^(?:\p{Lu}[\p{L}-]*\s+){0,2}\p{Lu}[\p{L}-]*['’]s\s+(?:[a-z-]+\s+){0,3}(?:regulator|watchdog|agency|authority|commission|ministry|department|court|tribunal|inspectorate|board|office|committee|council|police|prosecutors?)$/u;

/** The first verb of a clause, for the subject before it (regular pasts and common others). */
const FIRST_VERB =
  /\s(?:\p{Ll}+ed|gave|told|set|sent|took|made|won|lost|put|cut|held|paid|sold|found|brought|began|wrote|hit|kept|left|met|sought|struck|has|have|had|is|was|were|will|would)\b/u;

const UNDER_RULES =
  /\bunder\s+(?:(its\s+own|their\s+own|the\s+[a-z]+['’]s?)\s+(?:rules|regulations|procedures)\b|(?:the|its|a)\s+(?:[\w-]+\s+){0,3}?(?:act|code|law|constitution|statute|treaty|rules|agreement|accord|convention|regulation|directive|contract)\b)/i;

/** "the regulator would finish", "he would name", "The council itself has promised to publish". */
const SELF_CLAUSE =
  /(?:^|,\s+|\bthat\s+|\b(?:said|says|added|announced)\s+)((?:(?!(?:said|says|added|announced|that|or)\b)[\w'’-]+\s+){0,4}?(?!(?:said|says|added|announced|that|or)\b)[\w'’-]+?)(?:\s+itself)?\s+(?:would|will|(?:has\s+|had\s+|is\s+)?(?:promised|pledged|vowed|agreed|voted|decided|resolved|hopes|hoped|committed|(?<!\b(?:is|are|was|were|be|been)\s+)expected|expects|plans|planned|aims|aimed|intends|intended)\s+to|(?:has\s+|had\s+)?(?:set|given)\s+(?:itself|himself|herself|themselves))\s+(?!have\s+to\b|need\b|face\b|be\s+\w+(?:ed|en)\b|not\b)/g;

/** "had appointed new auditors and" before "expected to publish …". */
const JOINED_BEFORE_PROMISE =
  /\s+(?:has|had|have)\s+(?:already\s+|also\s+)?\p{Ll}+(?:ed|en|t)\b[^,.;"]{0,60}?\s+and(?=\s+(?:expected|expects|plans|planned|aims|aimed|intends|intended|promised|pledged|vowed|would|will)\b)/gu;

/** The one who commits itself to the date in the words before it (the nearest such clause). */
function selfCommitted(
  before: string,
  base: number,
  resolver: SpeakerResolver,
  table: EntityTable,
  body: string,
  salient: EntityDraft | null = null,
): EntityDraft | null {
  // "the company had appointed new auditors and expected to publish": the verb phrase joined
  // before the promise shares its subject; blanked, the subject stands next to the promise.
  const joined = before.replace(JOINED_BEFORE_PROMISE, (m) => ' '.repeat(m.length));
  const matches = [...joined.matchAll(SELF_CLAUSE)].reverse();
  for (const match of matches) {
    const phrase = match[1];
    if (!phrase || match.index === undefined) continue;
    const start = base + match.index + match[0].indexOf(phrase);
    // "The council says it will publish": the pronoun is whoever says so.
    const sayer = /^(?:it|they|he|she)$/i.test(phrase)
      ? /(?:^|,\s+|\bthat\s+)((?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?:said|says|added|announced)\s+(?:that\s+)?$/.exec(
          before.slice(0, match.index + match[0].indexOf(phrase)),
        )
      : null;
    const sayerPhrase = sayer?.[1];
    // "Orbis Telecom was fined on Monday. It said it would restore service by …": the sentence's
    // opening "It" is the subject of the sentence before.
    const opener =
      sayer &&
      sayerPhrase &&
      /^it$/i.test(sayerPhrase) &&
      before.slice(0, sayer.index).trim() === ''
        ? previousSubject(table, body, base)
        : undefined;
    if (opener) return opener.entity;
    // "The ministry told both sides to meet a mediator, and said it would name one by Thursday":
    // a reporting verb joined by "and" has the subject the sentence opens with.
    const opening =
      sayerPhrase && /^(?:and|but)$/i.test(sayerPhrase) ? FIRST_VERB.exec(before) : null;
    if (opening && opening.index > 0) {
      const phrase = before.slice(0, opening.index).trim();
      const from = base + before.indexOf(phrase);
      return entityOfPhrase(phrase, from, table, resolver, body);
    }
    if (sayer && sayerPhrase) {
      const at = base + sayer.index + sayer[0].indexOf(sayerPhrase);
      const said =
        describedOwner(table, sayerPhrase, at, body) ??
        carriesNoun(sayerPhrase, resolver.resolve(at, at + sayerPhrase.length, at)?.entity);
      return said ?? null;
    }
    // "the company expected to publish …": the company whose deadlines the article has been telling.
    const actor =
      (salient && COMPANY_DESCRIPTION.test(phrase.trim()) ? salient : null) ??
      entityOfPhrase(phrase, start, table, resolver, body);
    if (actor) return actor;
  }
  return null;
}

/**
 * The entity a phrase at `at` names: an owner it describes ("the company's board"), what the
 * speaker pass resolves it to when its noun is in that name, or a name inside it.
 */
function entityOfPhrase(
  phrase: string,
  at: number,
  table: EntityTable,
  resolver: SpeakerResolver,
  body: string,
): EntityDraft | null {
  return (
    describedOwner(table, phrase, at, body) ??
    carriesNoun(phrase, resolver.resolve(at, at + phrase.length, at)?.entity) ??
    namedWithin(table, at, at + phrase.length)
  );
}

/** "the council" is no name for the chamber of commerce: a description's noun must be in the name. */
function carriesNoun(phrase: string, entity: EntityDraft | undefined): EntityDraft | undefined {
  const noun = /^(?:the|its|their)\s+(?:[a-z-]+\s+)*([a-z]+)$/i.exec(phrase.trim())?.[1];
  if (!entity || !noun || entity.kind === 'PERSON') return entity;
  return entity.name.toLowerCase().includes(noun.toLowerCase()) ? entity : undefined;
}

function consequenceOf(text: string): string | null {
  const face = /\bor\s+(?:else\s+)?face\s+([^,.;]+)/i.exec(text);
  if (face?.[1]) return face[1].trim();
  const otherwise = /\bor\s+((?:the|a|an)\s+[^,.;]+?\s+(?:will|would)\s+[^,.;]+)/i.exec(text);
  return otherwise?.[1]?.trim() ?? null;
}

function actionOf(text: string): { text: string; offset: number } | null {
  const match =
    /\bto\s+((?:sell|submit|file|agree|approve|restart|reopen|return|pay|provide|change|complete|hand|produce|divest|reach|present|deliver|comply|respond|publish|remove|close|end|meet)\b[^,.;]*?)(?=\s+(?:or\s+face|or\s+(?:the|a)\b|by\s|within\s|until\s|before\s)|[,.;]|$)/i.exec(
      text,
    );
  if (!match || !match[1]) return null;
  return { text: match[1].trim(), offset: match.index + match[0].indexOf(match[1]) };
}
