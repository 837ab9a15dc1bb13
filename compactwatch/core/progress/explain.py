"""One plain sentence for each rating, safe to publish: counts from 1 to the threshold read "<5".

"Birth registration rose from 62% in 2015 to 71% in 2021; at that pace it would be 87% in 2030
(projected), short of the target of 100% by 2030: progress too slow to meet the target."

Every value in a sentence is observed, or said to be projected; none is interpolated. The rules behind a
rating (a break, a partial year, a base of 0) are stated after it.
"""

from __future__ import annotations

from compactwatch.core.progress import rules
from compactwatch.core.progress.model import Components, Outcome, Status, Subject
from compactwatch.core.suppression import below

REASONS = {
    rules.FEWER_THAN_TWO_POINTS: "fewer than two values from {base_year} on",
    rules.ACROSS_BREAK: "not rated across a break: the series breaks in {break_year} and fewer than two "
    "values from {base_year} on follow it",
    rules.TOO_OLD: "the latest value is more than {max_age} years old",
    rules.BASE_AFTER_LATEST: "no value in or after the base year {base_year}",
    rules.SIGN_CHANGE: "the values change sign, so a growth rate has no meaning",
    rules.ZERO_BASE: "the base value is 0, from which no growth rate can be computed",
    rules.ZERO_TARGET: "a growth rate cannot reach a target of 0 (the absolute-change method can)",
    rules.NOT_POSITIVE: "a value of 0 or below has no logarithm (the linear-trend method can rate it)",
    rules.NO_TARGET: "this method needs a target and the indicator has none",
    rules.NO_DATA_BY_TARGET_YEAR: "the target year {target_year} has passed, the target was not reached by "
    "the latest value, and no value has been observed since",
    rules.NO_DATA: "no value yet",
    rules.NOT_COMPARABLE: "the two groups have no year in common",
}

TREND_WORDS = {
    Status.SUBSTANTIAL_PROGRESS: "substantial progress",
    Status.MODERATE_PROGRESS: "moderate progress",
    Status.LIMITED_PROGRESS: "limited progress",
    Status.DETERIORATION: "deterioration",
}


def format_value(value: float, subject: Subject) -> str:
    """A value as published: small counts withheld, percentages with %, counts rounded to whole numbers."""
    if subject.unit == "NUMBER":
        rounded = max(round(value), 0)
        if 0 < value < subject.small_count_threshold:
            return below(subject.small_count_threshold)
        return f"{rounded:,}"
    if subject.unit == "PERCENT":
        return f"{_short(min(max(value, 0.0), 100.0))}%"
    return _short(value)


def _short(value: float) -> str:
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_gap(value: float, subject: Subject) -> str:
    magnitude = abs(value)
    if subject.unit == "PERCENT":
        return f"{_short(magnitude)} percentage points"
    return format_value(magnitude, subject)


def explain(outcome: Outcome, subject: Subject, base_year: int = 2015, max_age: int = 10) -> str:
    c = outcome.components
    if outcome.status is Status.INSUFFICIENT_DATA:
        reason = REASONS.get(c.reason or "", c.reason or "").format(
            base_year=base_year, max_age=max_age, target_year=c.target_year, break_year=c.break_year
        )
        sentence = f"{subject.label}: not enough data to rate progress ({reason})"
        return sentence + _trend_beside(c) + "." + notes(c)
    if c.method == "structural":
        return _structural(outcome, subject)
    if c.method == "equity-gap":
        return _equity(outcome, subject)
    return f"{_trend(c, subject)}; {_verdict(outcome, subject)}{_trend_beside(c)}." + notes(c)


def notes(c: Components) -> str:
    """The rules a rating followed, in words: breaks, partial years, a base of 0."""
    if c.break_year is None and not c.partial_years and c.zero_base is None:
        return ""
    said = []
    if c.break_year is not None and c.reason != rules.ACROSS_BREAK:
        said.append(f"Rated from the series break in {c.break_year}; earlier values are not comparable.")
    if c.partial_years:
        years = ", ".join(map(str, c.partial_years))
        said.append(
            f"{years} {'is a partial year' if len(c.partial_years) == 1 else 'are partial years'}, "
            "not used as a full year."
        )
    if c.zero_base in rules.ZERO_BASE_RULES:
        rule = rules.ZERO_BASE_RULES[c.zero_base]
        said.append(rule[0].upper() + rule[1:] + ".")
    return "".join(" " + note for note in said)


def _trend(c: Components, subject: Subject) -> str:
    if c.base_year is None or c.latest_year is None or c.base_value is None or c.latest_value is None:
        if c.latest_year is not None and c.latest_value is not None:
            return f"{subject.label} was {format_value(c.latest_value, subject)} in {c.latest_year}"
        return subject.label
    start, end = format_value(c.base_value, subject), format_value(c.latest_value, subject)
    if start == end:
        return f"{subject.label} stayed at {end} from {c.base_year} to {c.latest_year}"
    verb = "rose" if c.latest_value > c.base_value else "fell"
    return f"{subject.label} {verb} from {start} in {c.base_year} to {end} in {c.latest_year}"


def _trend_beside(c: Components) -> str:
    if c.trend_status is None or c.trend_status == Status.INSUFFICIENT_DATA.value:
        return ""
    words = TREND_WORDS.get(Status(c.trend_status), Status(c.trend_status).label.lower())
    pace = f", {abs(c.progress_value) * 100:.1f}% a year" if c.progress_value is not None else ""
    return f" (the trend alone: {words}{pace})"


def _verdict(outcome: Outcome, subject: Subject) -> str:
    c, label = outcome.components, outcome.status.label.lower()
    target = _target_text(c, subject)
    if c.evaluated_year is not None and c.value_at_target_year is not None:
        return f"{_deadline(outcome, subject, target)}: {label}"
    if outcome.status is Status.ACHIEVED:
        return f"it has reached the {target}: {label}"
    if c.reaches_target_year is not None and c.target_year is not None:
        goal = format_value(float(c.target_value or 0), subject)
        when = "before" if c.reaches_target_year <= c.target_year else "only after"
        return (
            f"at that pace it would reach {goal} by {c.reaches_target_year}, {when} the target year "
            f"{c.target_year}: {label}"
        )
    if c.projected_value is not None and c.projected_year is not None:
        return f"{_projection(outcome, subject)}, {_relation(outcome.status)} the {target}: {label}"
    if c.progress_value is not None:
        wanted = "an increase" if c.direction == "increase" else "a decrease"
        pace = f"{abs(c.progress_value) * 100:.1f}% a year"
        way = "in the desired direction" if c.progress_value >= 0 else "in the wrong direction"
        return f"{pace} {way}, where {wanted} is wanted and no target is set: {label}"
    if c.zero_base == rules.DIRECTION_FROM_ZERO:
        wanted = "an increase" if c.direction == "increase" else "a decrease"
        return f"it moved from 0, where {wanted} is wanted and no target is set: {label}"
    return label


def _projection(outcome: Outcome, subject: Subject) -> str:
    c = outcome.components
    projected = format_value(c.projected_value or 0.0, subject)
    if c.method == "escap" and c.ratio is not None:
        share = f"{c.ratio * 100:.0f}% of the progress required from {c.base_year}"
        return f"its weighted trend would reach {projected} in {c.projected_year} (projected), {share}"
    return f"at that pace it would be {projected} in {c.projected_year} (projected)"


def _relation(status: Status) -> str:
    return "meeting" if status is Status.ON_TRACK else "short of"


def _deadline(outcome: Outcome, subject: Subject, target: str) -> str:
    c = outcome.components
    was = format_value(c.value_at_target_year or 0.0, subject)
    if outcome.status is Status.MISSED:
        when = (
            "the target year"
            if c.evaluated_year == c.target_year
            else "the first value from the target year on"
        )
        return f"in {c.evaluated_year}, {when}, it was {was}, short of the {target}"
    if outcome.status is Status.ACHIEVED_LATE:
        return f"it was {was} in {c.evaluated_year}, short of the {target}, and reached it in {c.met_year}"
    if outcome.status is Status.MET_THEN_FELL_BACK:
        latest = format_value(c.latest_value or 0.0, subject)
        return f"it reached the {target} in {c.met_year}, but was {latest} in {c.latest_year}"
    if "first_value" in c.extra:
        return (
            f"its first value, {was} in {c.evaluated_year}, is at the {target} (earlier values are not known)"
        )
    if "unknown_since" in c.extra:
        return (
            f"it was at the {target} in {c.evaluated_year}; no value between {c.extra['unknown_since']} and "
            f"{c.evaluated_year} shows whether it was by {c.target_year}"
        )
    return f"it reached the {target} in {c.evaluated_year} ({was}) and has held it since"


def _target_text(c: Components, subject: Subject) -> str:
    if c.target_value is None or isinstance(c.target_value, str):
        return "target"
    value = format_value(float(c.target_value), subject) if c.target_value else "0"
    return f"target of {value} by {c.target_year}"


def _structural(outcome: Outcome, subject: Subject) -> str:
    c = outcome.components
    since = c.extra.get("since", c.latest_year)
    now = f"{subject.label}: {c.latest_code} since {since}"
    if c.previous_code is not None:
        now += f" (before: {c.previous_code})"
    goal = f"target {c.target_value}" + (f" by {c.target_year}" if c.target_year else "")
    return f"{now}; {goal}: {outcome.status.label.lower()}."


def _equity(outcome: Outcome, subject: Subject) -> str:
    c = outcome.components
    group = c.extra.get("group_label", c.group)
    reference = c.extra.get("reference_label", c.reference_group)
    who = f"{subject.label}: the gap between {group} and {reference}"
    latest = format_gap(c.gap_latest or 0.0, subject)
    if c.gap_base is None or c.base_year is None:
        return f"{who} was {latest} in {c.latest_year}."
    start = format_gap(c.gap_base, subject)
    return (
        f"{who} went from {start} in {c.base_year} to {latest} in {c.latest_year}: "
        f"{outcome.status.label.lower()}."
    )
