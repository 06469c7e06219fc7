"""A small hand-made project as summaries, for the tests of the site's cross-journey pages.

Three journeys and a broken one: persona `anna` is in two journeys, owner `Sales` has an
overdue action, channel `web` is used by two journeys, study `survey-2026` is shared by two,
two journeys have a local study that is each their own, and one journey has no owner for an
action, no personas and no research.
"""

from __future__ import annotations

from cjmctl.site.summary import Moment, Named, PlanItem, Study, Summary


def summary(**fields: object) -> Summary:
    """A summary with the fields a test does not care about filled in."""
    base: dict[str, object] = {
        "description": None,
        "owner": None,
        "locale": "en",
        "personas": [],
        "channels": [],
        "stages": 2,
        "touchpoints": 3,
        "curve": [],
        "review": "current",
        "reviewed": None,
        "review_due": None,
    }
    return Summary(**(base | fields))  # type: ignore[arg-type]


def action(
    id: str, owner: str | None, status: str, due: str | None = None, **more: object
) -> PlanItem:
    fields: dict[str, object] = {
        "title": f"Action {id}",
        "overdue": False,
        "addresses": [],
        "metric": None,
    } | more
    return PlanItem(id=id, owner=owner, status=status, due=due, **fields)  # type: ignore[arg-type]


def project() -> list[Summary]:
    """The journeys in a shuffled order: the pages sort them."""
    return [
        summary(
            id="support",
            title="After-sales support",
            channels=[Named("email", "E-mail")],
            channel_touchpoints={"email": 2},
            plan=[action("s1", None, "planned", title="Answer within a day")],
            lowest=[Moment("", "ticket", "Ticket", "Help", -1.0)],
        ),
        summary(
            id="broken",
            title="broken.yaml",
            valid=False,
            problems=["broken.yaml:1:1: not a journey"],
        ),
        summary(
            id="retail/furniture",
            title="Buying a sofa",
            owner="Retail",
            personas=[Named("anna", "Anna, moving house"), Named("ben", "Ben")],
            channels=[Named("web", "Website"), Named("store", "Store")],
            channel_touchpoints={"web": 3, "store": 2},
            plan=[
                action("a2", "Sales", "planned", "2026-12-01", addresses=["Checkout"]),
                action(
                    "a1",
                    "Sales",
                    "in_progress",
                    "2026-09-01",
                    overdue=True,
                    title="Shorten the checkout",
                    addresses=["Checkout", "Purchase"],
                    metric="Conversion",
                ),
                action("a3", None, "planned", title="Call back within an hour"),
            ],
            lowest=[
                Moment("anna", "checkout", "Checkout", "Purchase", -2.0),
                Moment("ben", "browse", "Browse", "Search", -0.5),
            ],
            research=[
                Study(
                    "survey-2026",
                    "Customer survey 2026",
                    "survey",
                    "2026-03-31",
                    True,
                    ["Browse", "Checkout"],
                ),
                Study("interviews", "Shop floor interviews", "interview", None, False, []),
            ],
        ),
        summary(
            id="delivery",
            title="Sofa delivery",
            personas=[Named("anna", "Anna")],
            channels=[Named("phone", "Call centre"), Named("web", "Site")],
            channel_touchpoints={"phone": 1, "web": 1},
            plan=[
                action("d1", "logistics", "done", "2026-08-01"),
                action("d2", "Sales", "dropped"),
            ],
            lowest=[Moment("anna", "handover", "Handover", "Delivery", -1.0)],
            research=[
                Study(
                    "survey-2026",
                    "Customer survey 2026",
                    "survey",
                    "2026-03-31",
                    True,
                    ["Handover"],
                ),
                Study("interviews", "Driver interviews", "interview", "2026-05", False, ["Call"]),
            ],
        ),
    ]
