"""Offer capacity: dates for most kinds, the role model's visits for role-model visits."""


def test_role_model_visit_offer_counts_the_role_models_visits(db):
    from datetime import date

    from app.companies.models import RoleModelYear
    from app.companies.offers import capacity_of
    from tests.factories import OfferFactory, RoleModelFactory

    rm = RoleModelFactory(visits_per_year=3)
    db.session.add(RoleModelYear(role_model=rm, year=2027, capacity=3, taken=1))
    db.session.commit()
    offer = OfferFactory(company=rm.company, kind="role_model_visit", role_model=rm)
    assert capacity_of(offer, date(2027, 3, 1)) == (3, 1)
    assert capacity_of(offer, date(2028, 3, 1)) == (3, 0)
