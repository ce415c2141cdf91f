"""Generate a normkg project of realistic size for the validation benchmark.

Writes ROOT/{ontology,validation} (copied from this repository) and ROOT/data/: agents (States,
assemblies), sessions, instruments with their articles and paragraphs, and the treaty actions of the
binding ones — every resource as the modelling guide writes it, so that the clean graph conforms to
the full profile. With --defects N, N resources of each kind of defect are broken, each so that it
gives exactly one finding; ROOT/expected.json lists how many findings each rule must give.

    python benchmarks/generate.py --triples 100000 --defects 20 --out /tmp/normkg-bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from collections import Counter
from pathlib import Path

from normkg.namespaces import PREFIXES as NAMESPACES
from normkg.namespaces import VOCAB

REPO = Path(__file__).resolve().parent.parent
VOCABULARIES = {"atype": f"{VOCAB}agent-type/", "tact": f"{VOCAB}treaty-action/"}
PREFIXES = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in {**NAMESPACES, **VOCABULARIES}.items())
INSTRUMENTS = "https://w3id.org/normkg/eli/bench"
# (type, legal nature, share of the draw)
KINDS = [("convention", "binding", 4), ("protocol", "binding", 1), ("framework-convention", "binding", 1),
         ("declaration", "non-binding", 3), ("recommendation", "non-binding", 2), ("resolution", "non-binding", 2)]
BINDING_FORCES = ["obligation", "prohibition", "right"]
SOFT_FORCES = ["hortatory", "declaratory", "permission", "institutional"]
TOPICS = ["cultural-rights", "access-to-culture", "artistic-freedom", "diversity-of-cultural-expressions",
          "linguistic-diversity", "discoverability", "cultural-policy", "cultural-industries", "copyright",
          "artificial-intelligence", "digital-platforms", "international-cooperation", "sustainable-development"]
ACTIONS = ["ratification", "acceptance", "approval", "accession"]
WORDS = ("parties shall take appropriate measures to protect and promote the diversity of cultural expressions "
         "within their territory and ensure access for all to culture in the digital environment").split()
DEFECTS = [
    "EntryIntoForceNotBeforeAdoption", "ActionNotBeforeAdoption", "ClassifiedProvision-quote",
    "Provision-topic-in-scheme", "NoDanglingLink", "EIdMatchesIRI", "Agent-name-french",
    "EventEndsNotBeforeStart", "TreatyAction-source", "NoResourceInDisjointClasses",
]


def lit(text: str, lang: str | None = None) -> str:
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return quoted + (f"@{lang}" if lang else "")


def date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def block(subject: str, pairs: list[tuple[str, str]]) -> str:
    return subject + "\n    " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n"


class Generator:
    def __init__(self, out: Path, seed: int, defects: int) -> None:
        self.out, self.random, self.triples = out, random.Random(seed), 0
        self.pending = Counter({kind: defects for kind in DEFECTS})
        self.expected: Counter = Counter()

    def defect(self, kind: str, chance: float = 0.2) -> bool:
        """Whether to break this resource with a defect of this kind, while some are still to inject."""
        if self.pending[kind] and self.random.random() < chance:
            self.pending[kind] -= 1
            self.expected[kind] += 1
            return True
        return False

    def write(self, relative: str, title: str, blocks: list[str]) -> None:
        graph = "https://w3id.org/normkg/graph/" + relative.removesuffix(".ttl")
        header = block(f"<{graph}>", [
            ("a", "void:Dataset"), ("dct:title", f"{lit(title, 'en')} , {lit(title + ' (fr)', 'fr')}"),
            ("prov:wasAttributedTo", "agent:bench-secretariat"), ("dct:modified", date(dt.date(2026, 11, 28))),
            ("dct:license", "<https://creativecommons.org/licenses/by/4.0/>"),
            ("dct:source", "<https://example.org/bench>")])
        text = PREFIXES + "\n" + header + "\n" + "\n".join(blocks)
        self.triples += sum(1 + line.count(" , ") for line in text.splitlines() if line.startswith("    "))
        path = self.out / "data" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def agents(self, states: int) -> list[str]:
        blocks = [block("agent:bench-secretariat", [
            ("a", "org:FormalOrganization"), ("skos:prefLabel", f"{lit('Bench Organisation', 'en')} , {lit('Organisation de test', 'fr')}"),
            ("nkg:agentType", "atype:intergovernmental-organisation"), ("dct:source", "<https://example.org/bench/agents>")])]
        blocks += [block(f"agent:bench-assembly-{i}", [
            ("a", "org:Organization"), ("skos:prefLabel", f"{lit(f'Assembly {i}', 'en')} , {lit(f'Assemblée {i}', 'fr')}"),
            ("nkg:agentType", "atype:organ"), ("org:subOrganizationOf", "agent:bench-secretariat"),
            ("dct:source", "<https://example.org/bench/agents>")]) for i in range(5)]
        names = []
        for i in range(states):
            name = f"agent:bench-state-{i}"
            labels = lit(f"State {i}", "en") + ("" if self.defect("Agent-name-french", 0.2) else " , " + lit(f"État {i}", "fr"))
            types = "org:FormalOrganization" + (" , nkg:Event" if self.defect("NoResourceInDisjointClasses", 0.2) else "")
            pairs = [("a", types), ("skos:prefLabel", labels), ("nkg:agentType", "atype:state"),
                     ("dct:source", "<https://example.org/bench/agents>")]
            if "nkg:Event" in types:  # described as an event too, so that the clash is its only finding
                pairs += [("schema:name", f"{lit(f'State {i}', 'en')} , {lit(f'État {i}', 'fr')}"),
                          ("schema:startDate", date(dt.date(2000, 1, 1)))]
            blocks.append(block(name, pairs))
            names.append(name)
        self.write("agents/bench-agents.ttl", "Bench agents", blocks)
        return names

    def sessions(self, count: int) -> list[tuple[str, dt.date]]:
        blocks, sessions = [], []
        for i in range(count):
            start = dt.date(1950, 1, 1) + dt.timedelta(days=self.random.randrange(27000))
            end = start - dt.timedelta(days=2) if self.defect("EventEndsNotBeforeStart") else start + dt.timedelta(days=4)
            blocks.append(block(f"event:bench-session-{i}", [
                ("a", "nkg:Event"), ("schema:name", f"{lit(f'Session {i}', 'en')} , {lit(f'Session {i} (fr)', 'fr')}"),
                ("schema:startDate", date(start)), ("schema:endDate", date(end)),
                ("schema:organizer", f"agent:bench-assembly-{i % 5}"), ("nkg:sessionNumber", f'"{i + 1}"^^xsd:positiveInteger'),
                ("dct:source", "<https://example.org/bench/sessions>")]))
            sessions.append((f"event:bench-session-{i}", end if end > start else start))
        self.write("events/bench-sessions.ttl", "Bench sessions", blocks)
        return sessions

    def instrument(self, n: int, states: list[str], sessions: list[tuple[str, dt.date]]) -> None:
        kind, nature, _ = self.random.choices(KINDS, weights=[k[2] for k in KINDS])[0]
        session, adopted = self.random.choice(sessions)
        iri = f"{INSTRUMENTS}/{kind}/{adopted.year}/instrument-{n}"
        binding = nature == "binding"
        pairs = [("a", "nkg:Instrument"), ("dct:title", f"{lit(f'Instrument {n}', 'en')} , {lit(f'Instrument {n} (fr)', 'fr')}"),
                 ("eli:type_document", f"itype:{kind}"), ("nkg:legalNature", f"nature:{nature}"),
                 ("eli:passed_by", f"agent:bench-assembly-{n % 5}"), ("nkg:adoptedAt", session),
                 ("eli:date_document", date(adopted)), ("eli:is_about", "topic:" + self.random.choice(TOPICS)),
                 ("dct:source", f"<https://example.org/bench/instrument-{n}>")]
        in_force = adopted + dt.timedelta(days=self.random.randrange(200, 1500))
        if binding:
            swapped = self.defect("EntryIntoForceNotBeforeAdoption", 0.3)
            pairs.append(("eli:first_date_entry_in_force", date(adopted - dt.timedelta(days=30) if swapped else in_force)))
        if self.defect("NoDanglingLink", 0.2):
            pairs.append(("eli:cites", f"<{INSTRUMENTS}/convention/1900/no-such-instrument-{n}>"))
        blocks = [block(f"<{iri}>", pairs)] + self.provisions(iri, binding)
        self.write(f"instruments/bench-{n}.ttl", f"Bench instrument {n}", blocks)
        if binding and self.random.random() < 0.6:
            self.treaty_actions(n, iri, adopted, in_force, states)

    def provisions(self, instrument: str, binding: bool) -> list[str]:
        blocks = []
        for article in range(1, self.random.randint(8, 20) + 1):
            eid = f"art_{article}"
            blocks.append(self.provision(instrument, instrument, eid, str(article), binding, classified=False))
            for para in range(1, self.random.randint(1, 4) + 1):
                blocks.append(self.provision(instrument, f"{instrument}/art_{article}", f"{eid}__para_{para}",
                                             str(para), binding, classified=self.random.random() < 0.6))
        return blocks

    def provision(self, instrument: str, parent: str, eid: str, number: str, binding: bool, classified: bool) -> str:
        iri = f"{instrument}/{eid.replace('__', '/')}"
        written_eid = eid + "000" if self.defect("EIdMatchesIRI", 0.01) else eid  # names no other provision
        pairs = [("a", "nkg:Provision"), ("eli:is_part_of", f"<{parent}>"), ("nkg:eId", lit(written_eid)),
                 ("eli:number", lit(number)), ("dct:source", "<https://example.org/bench/text>")]
        if classified:
            forces = BINDING_FORCES + SOFT_FORCES if binding else SOFT_FORCES
            topic = "force:obligation" if self.defect("Provision-topic-in-scheme", 0.01) else "topic:" + self.random.choice(TOPICS)
            pairs += [("eli:is_about", topic), ("nkg:normativeForce", "force:" + self.random.choice(forces))]
            if not self.defect("ClassifiedProvision-quote", 0.01):
                pairs.append(("nkg:quote", lit(" ".join(self.random.sample(WORDS, 12)), "en")))
        return block(f"<{iri}>", pairs)

    def treaty_actions(self, n: int, instrument: str, adopted: dt.date, in_force: dt.date, states: list[str]) -> None:
        blocks = []
        for i, state in enumerate(self.random.sample(states, self.random.randint(5, 60))):
            acted = adopted + dt.timedelta(days=self.random.randrange(30, 3000))
            if self.defect("ActionNotBeforeAdoption", 0.02):
                acted = adopted - dt.timedelta(days=10)
            pairs = [("a", "nkg:TreatyAction"), ("nkg:actor", state), ("nkg:instrument", f"<{instrument}>"),
                     ("nkg:actionType", "tact:" + self.random.choice(ACTIONS)), ("dct:date", date(acted)),
                     ("nkg:entryIntoForceForActor", date(max(in_force, acted + dt.timedelta(days=90))))]
            if not self.defect("TreatyAction-source", 0.02):
                pairs.append(("dct:source", f"<https://example.org/bench/depositary-{n}>"))
            blocks.append(block(f"action:bench-{n}-{i}", pairs))
        self.write(f"treaty-actions/bench-{n}.ttl", f"Bench treaty actions {n}", blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="approximate number of data triples [100000]")
    parser.add_argument("--defects", type=int, default=0, help="resources to break per kind of defect [0]")
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--out", type=Path, required=True, help="project folder to create (replaced if it exists)")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    for folder in ("ontology", "validation"):
        shutil.copytree(REPO / folder, args.out / folder)
    generator = Generator(args.out, args.seed, args.defects)
    states = generator.agents(200)
    sessions = generator.sessions(300)
    n = 0
    while generator.triples < args.triples:
        generator.instrument(n, states, sessions)
        n += 1
    if any(generator.pending.values()):
        raise SystemExit(f"too few resources to inject every defect: {dict(generator.pending)}; ask for more triples")
    summary = {"triples": generator.triples, "instruments": n, "expected": dict(sorted(generator.expected.items()))}
    (args.out / "expected.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
