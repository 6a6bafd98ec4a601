"""The scores, prices and ties of the confidential evaluation: the second half of validate/evaluation.py.

* Scores only on the published criteria of the lot, only with values of the published scale; every evaluator of
  the lot scores every criterion for every bidder that is admitted; a consensus score has a motivation, and one
  far from the individual scores (more than one step of the scale from the nearest) gets a warning.
* A bidder excluded by a test is not scored: its scores are an error (it cannot be ranked).
* Prices only on the price criteria of the lot, for every admitted bidder.
* A tie the published rule (content/criteria.yaml `tie_break`) cannot break is an error; a rule that ends in
  `loting` needs the drawn order in the evaluation (`lottery`), and a lottery nobody needed is an error too.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from generator.core.errors import ErrorList
from generator.core.ranking import entries, rank
from generator.core.scoring import LOTTERY, fraction, names, scale_values, score_text
from generator.core.scoring import shown as shown_total
from generator.core.text import count
from generator.load.yamlsource import YamlDocument
from generator.validate.evaluation_published import (
    Published,
    admitted,
    bidder_lots,
    consensus_scores,
    lot_specs,
    offered_prices,
    unknown,
)
from generator.validate.evaluation_schema import TEST_NAMES


class _Lot:
    """One evaluation (a lot) being checked."""

    def __init__(self, document: YamlDocument, model: Published, index: int, bidders: dict[str, dict[str, Any]],
                 errors: ErrorList):
        self.document, self.model, self.errors = document, model, errors
        self.place: tuple[Any, ...] = ("evaluations", index)
        self.data: dict[str, Any] = document.data["evaluations"][index]
        self.lot: str | None = self.data.get("lot")
        self.bidders = bidders
        self.weights = model.weights.get(self.lot, {})
        self.on_lot = [b for b in bidders.values() if self.lot in bidder_lots(b, model)]
        self.admitted = [b["id"] for b in self.on_lot if not admitted(b, self.lot)]
        self.committee: list[str] = []

    def add(self, path: tuple[Any, ...], message: str, key: bool = False, warn: bool = False) -> None:
        pos = self.document.key_position((*self.place, *path)) if key else self.document.position((*self.place, *path))
        (self.errors.warn if warn else self.errors.add)(self.document.path, pos.line, pos.col, message)

    @property
    def name(self) -> str:
        return self.model.lot_name(self.lot)

    def kinds(self, kind: str) -> list[str]:
        return [c for c in self.weights if (self.model.criteria[c]["kind"] == "prijs") == (kind == "prijs")]

    def bidder(self, field: str, ident: str) -> dict[str, Any] | None:
        """The bidder of a `scores` or `prices` key when it may be scored on this lot, else None (reported)."""
        bidder = self.bidders.get(ident)
        if bidder is None:
            self.add((field, ident), unknown("onbekende inschrijver", ident, list(self.bidders)), key=True)
            return None
        if self.lot not in bidder_lots(bidder, self.model):
            self.add((field, ident), f"inschrijver '{ident}' schreef niet in op {self.name} (wel op: "
                                     f"{', '.join(bidder.get('lots', [])) or 'geen'})", key=True)
            return None
        failed = admitted(bidder, self.lot)
        if failed:
            why = "; ".join(f"{TEST_NAMES[test]}: {item['requirement']}" for test, item in failed)
            what = "scores" if field == "scores" else "prijzen"
            self.add((field, ident), f"inschrijver '{ident}' voldoet niet aan {why} en wordt daarom niet beoordeeld "
                                     f"of gerangschikt op {self.name}; haal deze {what} weg (of zet de uitkomst van de "
                                     "toets op voldaan als die niet klopt)", key=True)
            return None
        return bidder

    def check(self, committee: list[str]) -> None:
        self.committee = committee
        for k, evaluator in enumerate(self.data["evaluators"]):
            if evaluator not in committee:
                self.add(("evaluators", k), unknown("onbekend commissielid", evaluator, committee))
        quality, price = self.kinds("kwaliteit"), self.kinds("prijs")
        scores = self.data.get("scores") or {}
        for ident, given in scores.items():
            if self.bidder("scores", ident) is not None:
                self._scores(ident, given, quality)
        typo = any(ident not in self.bidders for ident in scores)  # one mistake, one message
        for ident in self.admitted:
            if quality and ident not in scores and not typo:
                self.add(("scores",) if scores else (), f"inschrijver '{ident}' is toegelaten tot {self.name} maar "
                         f"heeft geen scores; geef onder scores voor elk criterium ({', '.join(quality)}) de scores "
                         "van de commissie", key=bool(scores))
        prices = self.data.get("prices") or {}
        for ident, given in prices.items():
            if self.bidder("prices", ident) is None:
                continue
            for criterion in given:
                if criterion not in price:
                    self.add(("prices", ident, criterion),
                             f"'{criterion}' is geen prijscriterium van {self.name} (prijscriteria: "
                             f"{', '.join(price) or 'geen'}); een kwaliteitscriterium krijgt scores, geen prijs",
                             key=True)
            for criterion in price:
                if criterion not in given:
                    self.add(("prices", ident), f"de prijs van '{ident}' voor {self.model.label(criterion)} ontbreekt",
                             key=True)
        contract = self.data.get("contract") or {}
        for field in ("values", "subcontracting"):
            for ident in contract.get(field) or {}:
                at = ("contract", field, ident)
                bidder = self.bidders.get(ident)
                if bidder is None:
                    self.add(at, unknown("onbekende inschrijver", ident, list(self.bidders)), key=True)
                elif self.lot not in bidder_lots(bidder, self.model):
                    self.add(at, f"inschrijver '{ident}' schreef niet in op {self.name} (wel op: "
                                 f"{', '.join(bidder.get('lots', [])) or 'geen'})", key=True)
        for ident in self.admitted:
            if price and ident not in prices:
                self.add(("prices",) if prices else (), f"inschrijver '{ident}' is toegelaten tot {self.name} maar "
                         f"heeft geen prijs; geef onder prices de prijs voor {', '.join(price)}", key=bool(prices))

    def _scores(self, bidder: str, given: dict[str, Any], quality: list[str]) -> None:
        evaluators = self.data["evaluators"]
        known = all(e in self.committee for e in evaluators)  # else only that is reported
        for criterion, score in given.items():
            at = ("scores", bidder, criterion)
            if criterion not in self.model.criteria:
                self.add(at, unknown("onbekend gunningscriterium", criterion, list(self.weights)), key=True)
                continue
            if criterion not in self.weights:
                self.add(at, f"criterium '{criterion}' telt niet mee voor {self.name} (daar: "
                             f"{', '.join(self.weights)}); haal deze score weg", key=True)
                continue
            if criterion not in quality:
                self.add(at, f"{self.model.label(criterion)} is een prijscriterium: de score volgt uit de prijsformule "
                             "van de leidraad; geef de prijs onder prices", key=True)
                continue
            scale = scale_values(self.model.criteria[criterion].get("scoring")) or ()
            written = " - ".join(score_text(v) for v in scale)
            for evaluator, value in score["individual"].items():
                if evaluator not in evaluators and known:
                    self.add((*at, "individual", evaluator),
                             f"commissielid '{evaluator}' beoordeelt {self.name} niet (evaluators: "
                             f"{', '.join(evaluators)})", key=True)
                elif fraction(value) not in scale:
                    self.add((*at, "individual", evaluator),
                             f"score {score_text(fraction(value))} staat niet op de schaal van "
                             f"{self.model.label(criterion)} ({written}); geef een van die scores")
            missing = [e for e in evaluators if e not in score["individual"]]
            if missing and known:
                self.add((*at, "individual"), f"de {'score' if len(missing) == 1 else 'scores'} van "
                         f"{names([repr(e) for e in missing])} {'ontbreekt' if len(missing) == 1 else 'ontbreken'}; "
                         "elk lid van de "
                         f"commissie voor {self.name} scoort elk criterium zelfstandig (evaluators: "
                         f"{', '.join(evaluators)})")
            consensus = fraction(score["consensus"])
            if consensus not in scale:
                self.add((*at, "consensus"), f"consensusscore {score_text(consensus)} staat niet op de schaal van "
                                             f"{self.model.label(criterion)} ({written}); geef een van die scores")
            elif "motivation" not in score:
                self.add((*at, "consensus"), "deze consensusscore heeft geen motivering; schrijf onder motivation "
                                             "waarom de commissie deze score gaf (de motivering komt in de "
                                             "gunningsbeslissing: Aw 2012 art. 2.130)")
            individual = [fraction(v) for v in score["individual"].values()]
            step = min((b - a for a, b in zip(scale, scale[1:], strict=False)), default=Fraction(1))
            if individual and consensus in scale and min(abs(consensus - v) for v in individual) > step:
                self.add((*at, "consensus"), f"de consensusscore {score_text(consensus)} ligt ver van de individuele "
                                             f"scores ({', '.join(score_text(v) for v in individual)}); licht in de "
                                             "motivering toe hoe de commissie tot deze score kwam", warn=True)
        lacking = [c for c in quality if c not in given]
        if lacking and all(c in self.model.criteria for c in given):  # a typo is reported as such
            self.add(("scores", bidder), f"de scores van '{bidder}' op {self.name} missen "
                                         f"{names([self.model.label(c) for c in lacking])}", key=True)

    def ties(self) -> None:
        """The ranking with the published tie-break rule: every tie broken, a lottery only when needed."""
        model = self.model
        lottery = self.data.get("lottery")
        order = tuple(lottery["order"]) if lottery else ()
        for k, ident in enumerate(order):
            if ident not in self.admitted:
                self.add(("lottery", "order", k), unknown("onbekende inschrijver", ident, self.admitted))
                return
        allowed = set(self.admitted)
        scores = {b: s for b, s in consensus_scores(self.data).items() if b in allowed}
        prices = {b: p for b, p in offered_prices(self.data).items() if b in allowed}
        ranking = rank(entries(lot_specs(model, self.lot), scores, prices), model.tie_break, order)
        rule = ", ".join(step.upper() if step != LOTTERY else LOTTERY for step in model.tie_break)
        drawn = {ident for tie in ranking.ties for ident in tie.drawn}
        for tie in ranking.ties:
            for group in tie.unresolved:
                who = names([self.bidders[b]["name"] for b in group])
                total = shown_total(tie.total)
                if not model.tie_break:
                    message = (f"op {self.name} hebben {who} dezelfde totaalscore ({total}), en de "
                               "aanbestedingsstukken geven geen beslisregel bij een gelijke totaalscore (tie_break in "
                               "content/criteria.yaml); zo is de rangorde niet vast te stellen, en een regel achteraf "
                               "toevoegen mag niet (gelijke behandeling, Aw 2012 art. 1.8): leg dit voor aan uw jurist")
                elif LOTTERY in tie.steps:
                    message = (f"op {self.name} hebben {who} dezelfde totaalscore ({total}), ook na de beslisregel "
                               f"({rule}); volgens de leidraad beslist dan loting: leg de uitkomst vast onder lottery "
                               f"(order: [{', '.join(group)}] in de getrokken volgorde, date: de dag van de loting)")
                else:
                    message = (f"op {self.name} hebben {who} dezelfde totaalscore ({total}) en ook de beslisregel van "
                               f"de aanbestedingsstukken ({rule}) maakt geen verschil; zo is de rangorde niet vast te "
                               "stellen: leg dit voor aan uw jurist")
                self.add(("lot",) if "lot" in self.data else (), message)
        if lottery is not None and set(order) != drawn:
            needless = sorted(set(order) - drawn)
            if LOTTERY not in model.tie_break:
                text = "de beslisregel van de aanbestedingsstukken kent geen loting; haal lottery weg"
            elif not drawn:
                text = "er is geen gelijke stand die door loting beslist moet worden; haal lottery weg"
            else:
                text = (f"de loting gaat alleen over {names(sorted(drawn))}; haal {names(needless)} uit de "
                        "volgorde" if needless else f"de loting moet {names(sorted(drawn))} ordenen")
            self.add(("lottery",), text, key=True)


def check_scores(document: YamlDocument, model: Published, errors: ErrorList) -> None:
    """The evaluations of a tender with award criteria; an open house (admission) has none."""
    data = document.data
    evaluations = data.get("evaluations") or []
    if not model.ranked:
        if evaluations:
            pos = document.key_position(("evaluations",))
            errors.add(document.path, pos.line, pos.col,
                       "bij open house worden inschrijvers niet beoordeeld en gerangschikt (HvJ EU 2 juni 2016, "
                       "C-410/14, Falk Pharma); het toelatingsbesluit zegt alleen of zij aan de eisen voldoen: haal "
                       "evaluations weg")
        return
    if "committee" not in data:
        errors.add(document.path, 1, 1, "de beoordelingscommissie ontbreekt; noem onder committee elk lid (id, name, "
                                        "role): het proces-verbaal legt vast wie beoordeelde")
        return
    bidders = {b["id"]: b for b in data["bidders"]}
    committee = [m["id"] for m in data["committee"]]
    checked: dict[str | None, _Lot] = {}
    for i, evaluation in enumerate(evaluations):
        lot = evaluation.get("lot")
        place = ("evaluations", i)
        if model.lots and lot not in model.lots:
            pos = document.position((*place, "lot") if lot else place)
            errors.add(document.path, pos.line, pos.col, unknown("onbekend perceel", lot, list(model.lots)) if lot else
                       f"noem het perceel van deze beoordeling (lot: ...; percelen: {', '.join(model.lots)})")
        elif not model.lots and lot is not None:
            pos = document.key_position((*place, "lot"))
            errors.add(document.path, pos.line, pos.col, "deze aanbesteding heeft geen percelen; haal lot weg")
        elif lot in checked:
            pos = document.position((*place, "lot"))
            first = document.position((*checked[lot].place, "lot")).line
            errors.add(document.path, pos.line, pos.col, f"{model.lot_name(lot)} heeft al een beoordeling (op regel "
                       f"{first}); zet alle scores van dat perceel in één")
        else:
            checked[lot] = _Lot(document, model, i, bidders, errors)
            checked[lot].check(committee)
    for lot in model.lots or [None]:
        waiting = [b["id"] for b in bidders.values() if lot in bidder_lots(b, model) and not admitted(b, lot)]
        if waiting and lot not in checked:
            pos = document.key_position(("evaluations",))
            errors.add(document.path, pos.line, pos.col,
                       f"{model.lot_name(lot)} heeft geen beoordeling, terwijl "
                       f"{count(len(waiting), 'inschrijver', 'inschrijvers')} erop "
                       f"{'is' if len(waiting) == 1 else 'zijn'} toegelaten ({', '.join(waiting)}); voeg onder "
                       "evaluations een beoordeling toe" + (f" met lot: {lot}" if lot else ""))
    if not errors:
        for checked_lot in checked.values():
            checked_lot.ties()
