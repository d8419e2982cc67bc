"""The annual report on the plan page: last year's plan against actual stays readable."""

from datetime import UTC, date, datetime

from app.companies.models import AnnualPlan
from app.extensions import db
from tests.factories import BookingFactory, RoleModelFactory


def test_last_years_report_can_be_chosen_after_new_year(client, login, contact):
    last = date.today().year - 1
    db.session.add(AnnualPlan(company_id=contact.company.id, year=last, role_model_visits=7))
    rm = RoleModelFactory(company=contact.company)
    BookingFactory(role_model=rm, status="confirmed", starts_at=datetime(last, 5, 4, 9, tzinfo=UTC))
    db.session.commit()
    login(contact.user)
    url = f"/companies/{contact.company_id}/plan"
    page = client.get(url).get_data(as_text=True)
    assert f"{last + 1}: plan og faktisk" in page and f'<option value="{last}"' in page
    page = client.get(f"{url}?year={last}").get_data(as_text=True)
    assert f"{last}: plan og faktisk" in page
    assert "<td>Rollemodellbesøk på skolen</td><td>7</td><td>1</td>" in page
    page = client.get(f"{url}?year=1999").get_data(as_text=True)
    assert f"{last + 1}: plan og faktisk" in page
