"""Entities: a person, and the household of people who live together.

The household holds everyone who lives together. Who counts as a member of
the household for a programme (the co-residing family members of the
minimum-living-security rules, defined differently before and after
2021-07-01) is a computed per-person flag, not the entity membership.
"""

from openfisca_core.entities import build_entity

Household = build_entity(
    key="household",
    plural="households",
    label="People who live together",
    doc=(
        "Everyone who lives together in one dwelling. Each person states a "
        "relationship_to_applicant; exactly one person is the applicant."
    ),
    roles=[
        {
            "key": "member",
            "plural": "members",
            "label": "Member",
            "doc": "A person who lives in the household.",
        },
    ],
)

Person = build_entity(
    key="person",
    plural="persons",
    label="A person",
    doc="One person, whose facts are stated in the situation.",
    is_person=True,
)

entities = [Household, Person]
