"""Word lists and tables of the event coder."""

from __future__ import annotations

import re

from .lexicon import Cond, Entry

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})

CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})

#: events whose verbs govern another event (the inner event sets their mode and is not coded apart)
CONTROL = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})

#: material conflict: announced by its actor for the future it is a threat (manual, "Auxiliary modes")
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})

NO_ENTRY = Entry("", "N", "", None, "", None, 0.0, Cond())

MATERIAL_KINDS = frozenset(
    {"financial", "economic", "military", "material", "humanitarian", "logistical", "logistic", "technical"}
)

TOPIC_PREPS = frozenset({"about", "over", "of", "on", "for", "at", "regarding"})

CALL_VERBS = frozenset({"call", "phone", "telephone", "ring"})

#: verbal events that can be the purpose of a phone call ("called X to congratulate him")
PURPOSE_EVENTS = frozenset({"SUPPORT", "CONCEDE", "AGREE", "REQUEST", "ACCUSE", "THREATEN", "REJECT"})

ORDER_VERBS = frozenset({"order", "command", "direct", "instruct"})

#: READY words that report someone else's expectation ("is expected to meet"), not the actor's intent
EXPECTATION = frozenset({"expected", "likely", "due", "set", "about", "poised", "scheduled", "slated"})

SPEECH = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "note",
        "report",
        "write",
        "claim",
        "announce",
        "declare",
        "insist",
        "stress",
        "emphasise",
        "emphasize",
        "explain",
        "believe",
        "think",
        "confirm",
    }
)


NEG_WORDS = frozenset({"not", "n't", "never", "no"})

FUTURE_AMOD = frozenset(
    {
        "planned",
        "proposed",
        "future",
        "upcoming",
        "expected",
        "scheduled",
        "forthcoming",
        "prospective",
        "next",
    }
)

HYPO_AMOD = frozenset({"possible", "potential", "likely", "hypothetical", "would-be"})

NOUN_SUBJ_OF = frozenset(
    {
        "kill",
        "injure",
        "wound",
        "hit",
        "target",
        "destroy",
        "damage",
        "claim",
        "rock",
        "begin",
        "start",
        "erupt",
        "break",
        "resume",
        "occur",
        "happen",
        "take",
    }
)

DEFAULT_PREPS = frozenset({"against", "on", "with", "to", "at", "upon", "toward", "towards", "into"})

EVENT_PREPS: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"with", "to"}),
    "AGREE": frozenset({"with", "to"}),
    "SUPPORT": frozenset({"to", "for", "with"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "REQUEST": frozenset({"to", "on", "upon"}),
    "ASSAULT": frozenset({"on", "against", "at", "upon", "into", "toward", "towards"}),
    "PROTEST": frozenset({"against", "outside"}),
    "SANCTION": frozenset({"on", "against", "to"}),
    "ACCUSE": frozenset({"against", "on", "over"}),
    "THREATEN": frozenset({"against", "with", "to"}),
    "REJECT": frozenset({"with", "to", "from"}),
    # "withdrew its troops from X", "returned the artefacts to X", "lifted restrictions on X"
    "RETREAT": frozenset({"from", "to", "on", "against"}),
    "CONCEDE": frozenset({"on", "against", "to", "with", "for"}),
}

NOUN_ACTOR_PREPS = frozenset({"by", "from"})

WITH = frozenset({"with"})

#: event nouns that can be received from their actor ("received aid / assurances / an apology from X")
RECEIVED_EVENTS = frozenset({"AID", "AGREE", "CONCEDE"})

#: nouns of asking whose infinitive is the content asked for ("pressure from X to help Y")
REQUEST_NOUNS = frozenset({"request", "appeal", "demand", "plea", "call", "pressure", "ultimatum", "urging"})

#: purpose verbs of a transfer of aid ("sent aid to support X")
AID_PURPOSE = frozenset({"support", "help", "assist", "aid"})

TO = frozenset({"to"})

#: military exercise nouns (CAMEO 152): joint ones are COOPERATE 062
EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "game", "wargame"})

#: prepositions introducing an event noun's object ("the blockade of X", "an inquiry into X")
NOUN_OBJECT_PREPS = frozenset({"of", "into"})

#: GeoNames feature codes from the most specific (a town) to the least (a continent)
PLACE_SPECIFICITY = {"PPL": 0, "PPLC": 0, "ADM2": 1, "ADM1": 2, "TERR": 2, "PCLI": 3, "RGN": 4, "CONT": 5}

#: dependency links from a clause to the clause it belongs to ("gathered ... to protest")
#: events whose direct object, when it is a place, is where they happen ("shelled X", "visited X")
OBJECT_LOCATES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONSULT", "AID"})

#: first-person singular pronouns: inside a direct quotation they are its speaker
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})

CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp"})

MULTI_ACTOR_PREPS = frozenset({"between", "among", "amongst"})

WH = frozenset({"WDT", "WP"})

TIME_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "month",
        "year",
        "day",
        "night",
        "morning",
        "evening",
        "weekend",
    }
)

#: words before an adverbial "before" ("days before", "shortly before"), not a clause marker
BEFORE_ADVERBS = TIME_WORDS | {"hour", "minute", "shortly", "just", "long", "moment"}

CONTAINER_NOUNS = frozenset(
    {
        "round",
        "series",
        "wave",
        "spate",
        "string",
        "number",
        "set",
        "package",
        "batch",
        "resumption",
        "continuation",
        "text",
        "draft",
        "terms",
        "day",
        "days",
        "week",
        "weeks",
        "state",
    }
)

#: generic heads whose event is named by a modifier ("a mediation effort", "an aid package", "peacekeeping
#: operations"): the modifier is the trigger, the head carries the arguments
GENERIC_HEADS = frozenset(
    {
        "effort",
        "bid",
        "attempt",
        "initiative",
        "process",
        "mission",
        "operation",
        "campaign",
        "programme",
        "program",
        "package",
        "plan",
        "force",
        "warrant",
    }
)

NO_COMMENT = frozenset(
    {
        "comment",
        "elaborate",
        "confirm",
        "say",
        "speak",
        "respond",
        "answer",
        "disclose",
        "reveal",
        "specify",
        "identify",
        "name",
        "discuss",
        "detail",
    }
)

VIOLENCE_CUES = frozenset(
    {
        "killed",
        "kill",
        "killing",
        "dead",
        "wounded",
        "injured",
        "bomb",
        "bombs",
        "gun",
        "guns",
        "troops",
        "soldiers",
        "militants",
        "fighters",
        "weapons",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "shot",
        "stabbed",
        "armed",
        "gunmen",
        "police",
        "army",
        "forces",
        "drone",
        "drones",
        "casualties",
        "explosion",
        "village",
        "base",
        "convoy",
    }
)

READY = frozenset(
    {
        "going",
        "willing",
        "ready",
        "prepared",
        "eager",
        "determined",
        "keen",
        "poised",
        "due",
        "set",
        "likely",
        "expected",
        "about",
    }
)

MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)

#: "(NSC)", "( PML - Q )": a short form in parentheses right after a name
PAREN_ABBR = re.compile(r"[ \t]*\([ \t]*[A-Z][A-Za-z.&\- ]{0,24}?[ \t]*\)")

PAREN_TAIL = re.compile(r"[A-Za-z.&\- ]{0,24}?[ \t]*\)")
