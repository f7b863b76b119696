"""Article + parsed body blocks → ``DocumentFacts`` (people, institutions, meetings, representations).

A pure function of one article. It reads the domain mentions the ``kg_domain`` component
put on each Doc (``doc._.kg_mentions``) and the dependency parse, and applies the
constructions news uses to say who took part in a meeting for which side:

- side phrase: 「X側からは A、B が、Y側からは C が参加した」 (``side_phrase``);
- subject of a participation predicate: 「A大統領とB大統領は…首脳会談を開き」,
  「A は…会議に出席した」 (``participant_subject``);
- relative clause: 「…会議に参加したA」 (``relative_clause``);
- one-off talks: 「A は B と会談した」 (``talks_with``);
- remarks right after the day's meeting by a delegate: 「A はこの日の会議後、記者らに…」
  (``remarks_after_meeting``, lower confidence).

Quoted speech, press briefings and planned meetings never yield representations.
The package does not import rdflib; every record field is a plain value.

Layout (each module imports only those above it, annotations included; tests/test_imports_acyclic.py):
``sentences`` (sentence records, quotes, parentheses), ``state`` (the records one article's
extraction builds up: ``Person``, ``PersonRef``, ``Meeting``, and the ``Extraction`` state
every stage reads and writes), ``predicates`` (predicate chains,
tense, what a predicate says of its subject), ``sides`` (which country a person stands
for), ``people`` and ``discourse`` (person records, back-references), ``article_people``,
``meetings`` (meeting records, status, date, place, forum), ``frames`` (participation
frames), ``talks`` (one-off talks), ``document`` (the state and passes of one article).
"""
from kg.extract.document import extract_facts
from kg.extract.frames import RULE_CONFIDENCE, RULES
from kg.extract.sentences import sentence_bounds

__all__ = ["RULE_CONFIDENCE", "RULES", "extract_facts", "sentence_bounds"]
