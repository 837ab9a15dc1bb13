"""Framework endpoints: topics, goals, targets, indicators and codelists, each as a list and one by code."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from compactwatch.api import selectors
from compactwatch.api.errors import answers
from compactwatch.api.schemas import (
    CodelistList,
    CodelistOut,
    GoalDetail,
    GoalList,
    IndicatorDetail,
    IndicatorList,
    TargetList,
    TargetOut,
    TopicDetail,
    TopicList,
)
from compactwatch.framework.models import Codelist, FrameworkElement, Goal, Indicator, Target, Topic

router = Router(tags=["framework"])

IndicatorType = Literal["structural", "process", "outcome", "context"]


def _codes(related: Any) -> list[str]:
    return [item.code for item in related.all()]


def provenance(element: FrameworkElement) -> dict[str, Any] | None:
    found = element.provenance
    return found.model_dump() if found else None


def topic_out(topic: Topic) -> dict[str, Any]:
    return {
        "code": topic.code,
        "number": topic.number,
        "title": topic.title,
        "summary": topic.summary,
        "provenance": provenance(topic),
        "goals": _codes(topic.goals),
        "commitments": _codes(topic.commitments),
    }


def _crosswalks(element: Goal | Target) -> dict[str, list[str]]:
    return {
        "indicators": _codes(element.indicators),
        "commitments": _codes(element.commitments),
        "policy_areas": _codes(element.policy_areas),
        "references": _codes(element.references),
    }


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "code": goal.code,
        "topic": goal.topic.code,
        "number": goal.number,
        "text": goal.text,
        "explanation": goal.explanation,
        "provenance": provenance(goal),
        "targets": _codes(goal.targets),
        **_crosswalks(goal),
    }


def target_out(target: Target) -> dict[str, Any]:
    return {
        "code": target.code,
        "goal": target.goal.code,
        "number": target.number,
        "text": target.text,
        "target_year": target.target_year,
        "provenance": provenance(target),
        **_crosswalks(target),
    }


def indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "title": indicator.title,
        "definition": indicator.definition,
        "type": indicator.type,
        "unit": {"code": indicator.unit.code, "label": indicator.unit.label},
        "direction": indicator.direction,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "target_text": indicator.target_text,
        "goals": _codes(indicator.goals),
        "targets": _codes(indicator.targets),
        "disaggregations": _codes(indicator.disaggregations),
        "preferred_sources": list(indicator.preferred_sources),
        "sensitive": indicator.sensitive,
        "official_code": indicator.official_code,
        "provenance": provenance(indicator),
    }


def codelist_out(codelist: Codelist) -> dict[str, Any]:
    codes = [{"code": c.code, "label": c.label, "description": c.description} for c in codelist.codes.all()]
    return {"code": codelist.code, "title": codelist.title, "is_open": codelist.is_open, "codes": codes}


def listing(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(items), "results": items}


@router.get("/topics", response=answers(TopicList), summary="The six topics")
def list_topics(request: HttpRequest) -> dict[str, Any]:
    return listing([topic_out(topic) for topic in selectors.topics()])


@router.get(
    "/topics/{code}", response=answers(TopicDetail, 404), summary="One topic with its goals and commitments"
)
def get_topic(request: HttpRequest, code: str) -> dict[str, Any]:
    topic = selectors.one(selectors.topics(), "topic", code=code)
    commitments = [
        {
            "code": c.code,
            "document": c.document.code,
            "document_title": c.document.title,
            "paragraph": c.paragraph,
            "quote": c.quote,
        }
        for c in topic.commitments.all()
    ]
    goals = [goal_out(goal) for goal in topic.goals.all()]
    return {**topic_out(topic), "goal_details": goals, "commitment_details": commitments}


@router.get("/goals", response=answers(GoalList, 422), summary="Goals, optionally of one topic")
def list_goals(request: HttpRequest, topic: str | None = None) -> dict[str, Any]:
    return listing([goal_out(goal) for goal in selectors.goals(topic)])


@router.get("/goals/{code}", response=answers(GoalDetail, 404), summary="One goal with its targets")
def get_goal(request: HttpRequest, code: str) -> dict[str, Any]:
    goal = selectors.one(selectors.goals(), "goal", code=code)
    return {**goal_out(goal), "target_details": [target_out(t) for t in goal.targets.all()]}


@router.get("/targets", response=answers(TargetList, 422), summary="Targets, optionally of one goal")
def list_targets(request: HttpRequest, goal: str | None = None) -> dict[str, Any]:
    return listing([target_out(target) for target in selectors.targets(goal)])


@router.get("/targets/{code}", response=answers(TargetOut, 404), summary="One target")
def get_target(request: HttpRequest, code: str) -> dict[str, Any]:
    return target_out(selectors.one(selectors.targets(), "target", code=code))


@router.get(
    "/indicators", response=answers(IndicatorList, 422), summary="Indicators, filtered by topic, goal or type"
)
def list_indicators(
    request: HttpRequest,
    topic: str | None = None,
    goal: str | None = None,
    type: IndicatorType | None = None,  # the public name of the filter
) -> dict[str, Any]:
    return listing([indicator_out(i) for i in selectors.indicators(topic, goal, type)])


@router.get(
    "/indicators/{code}",
    response=answers(IndicatorDetail, 404),
    summary="One indicator with its disaggregation codelists and the coverage of its published data",
)
def get_indicator(request: HttpRequest, code: str) -> dict[str, Any]:
    indicator = selectors.indicator_detail(code)
    return {
        **indicator_out(indicator),
        "notes": indicator.notes,
        "codelists": [codelist_out(c) for c in indicator.disaggregations.all()],
        "data": selectors.data_coverage(indicator),
        "observations_url": f"{reverse('api:observations')}?indicator={indicator.code}",
    }


@router.get("/codelists", response=answers(CodelistList), summary="Disaggregation codelists with their codes")
def list_codelists(request: HttpRequest) -> dict[str, Any]:
    return listing([codelist_out(codelist) for codelist in selectors.active_codelists()])


@router.get("/codelists/{code}", response=answers(CodelistOut, 404), summary="One codelist")
def get_codelist(request: HttpRequest, code: str) -> dict[str, Any]:
    return codelist_out(selectors.one(selectors.active_codelists(), "codelist", code=code))
