"""Word lists and tables of the event coder, by name.

The lists themselves are knowledge files, read through ``eventwire.resources`` (unknown or missing
keys are errors): ``data/events/words.json`` (English words the rules look for),
``data/events/classes.json`` (groups of PLOVER event types and the tables the reductions use),
``data/english.json`` (word lists shared with other stages) and ``data/geo/features.json``.  What stays
here are the names, what each list is for, and the parser's label sets (``WH``, ``CLAUSE_LINKS``).
"""

from __future__ import annotations

import re

from ..resources import english, load_json, word_lists
from .lexicon import Cond, Entry

#: every list in ``data/events/words.json``
WORD_KEYS = (
    "material_kinds",
    "topic_preps",
    "call_verbs",
    "order_verbs",
    "expectation",
    "speech",
    "neg_words",
    "future_amod",
    "hypo_amod",
    "noun_subj_of",
    "default_preps",
    "noun_actor_preps",
    "request_nouns",
    "aid_purpose",
    "exercises",
    "noun_object_preps",
    "multi_actor_preps",
    "container_nouns",
    "generic_heads",
    "no_comment",
    "violence_cues",
    "ready",
    "time_nouns",
    "before_adverbs",
    "cyber_words",
    "peacekeeping_words",
    "phone_words",
    "of_heads",
    "non_actor_pronouns",
    "accusation_verbs",
    "non_addressees",
    "visit_nouns",
    "harm_verbs",
    "plural_nouns",
    "condition_marks",
    "utterance_verbs",
    "standing_words",
    "question_verbs",
    "question_marks",
)
WORDS = word_lists("events/words.json", WORD_KEYS)
#: every key of ``data/events/classes.json``
CLASS_KEYS = (
    "cooperative",
    "conflict",
    "control",
    "material_conflict",
    "purpose_events",
    "received_events",
    "object_locates",
    "of_actor_events",
    "event_preps",
    "future_agree",
    "threat_cameo",
    "poll_types",
)
TABLES = load_json("events/classes.json", CLASS_KEYS)
#: groups of PLOVER event types (the lists of ``classes.json``)
CLASSES = {k: frozenset(v) for k, v in TABLES.items() if isinstance(v, list)}
COOPERATIVE = CLASSES["cooperative"]
#: attitudes a poll measures (support, opposition, disapproval): "41 percent support" is a standing
POLL_TYPES = CLASSES["poll_types"]
CONFLICT = CLASSES["conflict"]
#: events whose verbs govern another event (the inner event sets their mode and is not coded apart)
CONTROL = CLASSES["control"]
#: material conflict: announced by its actor for the future it is a threat (manual, "Auxiliary modes")
MATERIAL_CONFLICT = CLASSES["material_conflict"]
NO_ENTRY = Entry("", "N", "", None, "", None, 0.0, Cond())
MATERIAL_KINDS = WORDS["material_kinds"]
TOPIC_PREPS = WORDS["topic_preps"]
CALL_VERBS = WORDS["call_verbs"]
#: verbal events that can be the purpose of a phone call ("called X to congratulate him")
PURPOSE_EVENTS = CLASSES["purpose_events"]
#: events whose noun's "of" object is who acts ("the resignation of X", "the withdrawal of X's troops")
OF_ACTOR_EVENTS = CLASSES["of_actor_events"]
ORDER_VERBS = WORDS["order_verbs"]
#: READY words that report someone else's expectation ("is expected to meet"), not the actor's intent
EXPECTATION = WORDS["expectation"]
SPEECH = WORDS["speech"]
NEG_WORDS = WORDS["neg_words"]
FUTURE_AMOD = WORDS["future_amod"]
HYPO_AMOD = WORDS["hypo_amod"]
NOUN_SUBJ_OF = WORDS["noun_subj_of"]
DEFAULT_PREPS = WORDS["default_preps"]
EVENT_PREPS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in TABLES["event_preps"].items()}
NOUN_ACTOR_PREPS = WORDS["noun_actor_preps"]
WITH = frozenset({"with"})
#: event nouns that can be received from their actor ("received aid / assurances / an apology from X")
RECEIVED_EVENTS = CLASSES["received_events"]
#: nouns of asking whose infinitive is the content asked for ("pressure from X to help Y")
REQUEST_NOUNS = WORDS["request_nouns"]
#: purpose verbs of a transfer of aid ("sent aid to support X")
AID_PURPOSE = WORDS["aid_purpose"]
TO = frozenset({"to"})
#: military exercise nouns (CAMEO 152): joint ones are COOPERATE 062
EXERCISES = WORDS["exercises"]
#: prepositions introducing an event noun's object ("the blockade of X", "an inquiry into X")
NOUN_OBJECT_PREPS = WORDS["noun_object_preps"]
#: GeoNames feature codes from the most specific (a town) to the least (a continent)
PLACE_SPECIFICITY: dict[str, int] = load_json("geo/features.json", ("specificity", "area_features"))[
    "specificity"
]
#: events whose direct object, when it is a place, is where they happen ("shelled X", "visited X")
OBJECT_LOCATES = CLASSES["object_locates"]
#: first-person singular pronouns: inside a direct quotation they are its speaker
FIRST_PERSON = english("first_person")
FIRST_PERSON_PLURAL = english("first_person_plural")
#: dependency links from a clause to the clause it belongs to ("gathered ... to protest")
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp"})
MULTI_ACTOR_PREPS = WORDS["multi_actor_preps"]
WH = frozenset({"WDT", "WP"})
TIME_WORDS = english("weekdays") | WORDS["time_nouns"]
#: words before an adverbial "before" ("days before", "shortly before"), not a clause marker
BEFORE_ADVERBS = TIME_WORDS | WORDS["before_adverbs"]
CONTAINER_NOUNS = WORDS["container_nouns"]
#: generic heads whose event is named by a modifier ("a mediation effort", "an aid package", "peacekeeping
#: operations"): the modifier is the trigger, the head carries the arguments
GENERIC_HEADS = WORDS["generic_heads"]
NO_COMMENT = WORDS["no_comment"]
VIOLENCE_CUES = WORDS["violence_cues"]
READY = WORDS["ready"]
MONTHS = english("months") | english("month_abbreviations")
#: "(NSC)", "( PML - Q )": a short form in parentheses right after a name
PAREN_ABBR = re.compile(r"[ \t]*\([ \t]*[A-Z][A-Za-z.&\- ]{0,24}?[ \t]*\)")
PAREN_TAIL = re.compile(r"[A-Za-z.&\- ]{0,24}?[ \t]*\)")
#: heads that name an actor through their "of" object ("the government of X", "the president of X")
OF_HEADS = WORDS["of_heads"]
#: pronouns that never name an actor
NON_ACTOR_PRONOUNS = WORDS["non_actor_pronouns"]
#: verbs whose content clause is the accusation itself ("accused X of ...")
ACCUSATION_VERBS = WORDS["accusation_verbs"]
#: subjects of "X said Y must ..." that make it no demand on Y
NON_ADDRESSEES = WORDS["non_addressees"]
#: event nouns whose "of" object is a participant ("the visit of X")
VISIT_NOUNS = WORDS["visit_nouns"]
#: verbs of harm whose object is the recipient of the event noun they have as subject ("the attack killed X")
HARM_VERBS = WORDS["harm_verbs"]
#: plural nouns kept as such by the trigger match ("talks", "arms"; "talks" and "sanctions" as singular)
PLURAL_NOUNS = WORDS["plural_nouns"]
#: clause marks of a condition still to be fulfilled ("until their demands are met")
CONDITION_MARKS = WORDS["condition_marks"]
#: verbs whose object is what their subject says ("voiced concern", "issued a warning"): a statement act
UTTERANCE_VERBS = WORDS["utterance_verbs"]
#: words of a poll figure or a standing ("41 percent support", "leads by 5 points"): no event
STANDING_WORDS = WORDS["standing_words"]
#: verbs of asking a question: with a "whether" / wh- clause or "about" they ask, they request nothing
QUESTION_VERBS = WORDS["question_verbs"]
QUESTION_MARKS = WORDS["question_marks"]
