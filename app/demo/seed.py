"""`flask seed-demo`: a deterministic, realistic Trøndelag region; a second run changes nothing."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from argon2 import PasswordHasher
from flask_babel import force_locale

from app.admin.models import Setting
from app.core.domain import STEM_FIELDS
from app.core.geo import haversine_km
from app.core.model_base import utcnow
from app.demo import data
from app.demo.dates import DemoCalendar
from app.demo.past import add_past_season
from app.demo.people import add_people
from app.extensions import db
from app.models import (
    AnnualPlan,
    Company,
    Membership,
    Offer,
    OfferSlot,
    Season,
    Site,
)

DEMO_PASSWORD = "Skolebro-demo-2026"
MARKER = "demo_seeded"


def seed(today: date | None = None) -> dict[str, str]:
    """Create the demo region once, dated from `today`; return one login per role."""
    marker = db.session.get(Setting, MARKER)
    if marker is None:
        cal = DemoCalendar(today or date.today())
        rng = random.Random(2026)
        password_hash = PasswordHasher().hash(DEMO_PASSWORD)
        schools = add_schools()
        companies = add_companies(rng, schools, cal)
        season = add_season(cal)
        add_people(rng, password_hash, schools, companies, season, cal)
        add_past_season(rng, companies, cal)
        db.session.add(Setting(key=MARKER, value=utcnow().isoformat()))
        db.session.commit()
    return demo_logins()


def database_is_empty() -> bool:
    """True when no user exists yet."""
    from app.models import User

    return db.session.query(User.id).first() is None


def demo_logins() -> dict[str, str]:
    """The login of one user per role."""
    return {
        "password": DEMO_PASSWORD,
        "administrator": "admin@skolebro.no",
        "contact": "kontakt@nidaros-programvare.no",
        "role model": "ingrid.aune@nidaros-programvare.no",
        "teacher": "laerer@huseby.skole.no",
        "student": "nora.demo",
    }


def mod11_org_number(base: int) -> str:
    """Make a valid 9-digit Norwegian organisation number from an 8-digit base."""
    from app.companies.orgnumber import no_check_digit

    while (check := no_check_digit(f"{base:08d}")) is None:
        base += 1
    return f"{base:08d}{check}"


def add_schools() -> list:
    """Forty-two lower secondary schools in real municipalities, rural ones included."""
    from app.schools.models import School

    schools = []
    for name, municipality, lat, lon, rural in data.SCHOOLS:
        school = School(
            name=name,
            municipality=municipality,
            region="Trøndelag",
            country="NO",
            latitude=lat,
            longitude=lon,
            is_rural=rural,
        )
        db.session.add(school)
        schools.append(school)
    db.session.flush()
    return schools


RURAL_FROM = 64  # companies from this index on are local employers next to rural schools


def add_companies(rng: random.Random, schools: list, cal: DemoCalendar) -> list[Company]:
    """About 120 companies of varied size and field: most in the towns, some by rural schools."""
    towns = [t for t in data.TOWNS for _ in range(t[4])]
    rural = [(s.name, s.municipality, s.latitude, s.longitude, 1) for s in schools if s.is_rural]
    weeks = [(s.latitude, s.longitude, i % 10) for i, s in enumerate(schools)]
    companies, used = [], set()
    for i in range(120):
        prefix = data.COMPANY_PREFIXES[i % len(data.COMPANY_PREFIXES)]
        stem, fields = data.COMPANY_KINDS[(i * 7 + i // 20) % len(data.COMPANY_KINDS)]
        name = f"{prefix} {stem} AS"
        if name in used:
            name = f"{prefix} {stem} Trøndelag AS"
        used.add(name)
        town = towns[rng.randrange(len(towns))] if i else data.TOWNS[0]
        if i >= RURAL_FROM:
            town = rural[(i - RURAL_FROM) % len(rural)]
        company = _add_company(rng, i, name, fields, town, weeks, cal)
        companies.append(company)
    db.session.flush()
    return companies


def _field_words(fields: list[str]) -> str:
    """The fields in bokmål words ("IT og programvare, matematikk og statistikk"): the
    description is text the company wrote, not a list of codes."""
    with force_locale("nb"):
        words = [str(STEM_FIELDS[f]) for f in fields]
    return ", ".join(w[0].lower() + w[1:] if w[1:2].islower() else w for w in words)


def _add_company(rng, i: int, name: str, fields: list[str], town, weeks, cal) -> Company:
    """One company with its site, membership, annual plan and offers."""
    sizes = [15, 20, 30, 45, 60] if i >= RURAL_FROM else [8, 15, 30, 45, 60, 90, 140, 250, 420]
    employees = rng.choice(sizes + ([] if i >= RURAL_FROM else [650, 1200, 3500]))
    company = Company(
        org_number=mod11_org_number(91000000 + i * 1373),
        country="NO",
        name=name,
        employees=employees,
        fields=fields,
        description=f"{name} arbeider med {_field_words(fields)} i {town[1]}.",
        website=f"https://www.{name.split()[0].lower()}.example.no",
    )
    site = Site(
        company=company,
        name="Hovedkontor",
        address=f"Industriveien {i % 40 + 1}",
        postal_code="7000",
        municipality=town[1],
        latitude=round(town[2] + rng.uniform(-0.03, 0.03), 5),
        longitude=round(town[3] + rng.uniform(-0.05, 0.05), 5),
    )
    db.session.add_all([company, site])
    tier, fee = (
        ("large", 50000)
        if employees >= 500
        else (("medium", 25000) if employees >= 50 else ("small", 0))
    )
    this_year, next_year = cal.years
    for year in cal.years:
        db.session.add(Membership(company=company, year=year, tier=tier, fee_nok=fee))
    if i % 3 == 0:  # this year's plan, so "plan against actual" has something to compare
        db.session.add(
            AnnualPlan(
                company=company,
                year=this_year,
                role_model_visits=rng.randint(2, 6),
                company_visits=rng.randint(0, 3),
                job_shadowing_days=rng.randint(0, 4),
                work_week_places=rng.randint(0, 4) if employees >= 15 else 0,
                submitted_at=datetime(this_year - 1, 10, rng.randint(1, 30), 12, tzinfo=UTC),
            )
        )
    if i % 5 != 4:  # one in five has not filed next year's plan yet
        db.session.add(
            AnnualPlan(
                company=company,
                year=next_year,
                role_model_visits=rng.randint(2, 8),
                company_visits=rng.randint(0, 4),
                job_shadowing_days=rng.randint(0, 6),
                work_week_places=rng.randint(0, 6) if employees >= 15 else 0,
                submitted_at=_filed(cal, rng.randint(1, 30)),
            )
        )
    _add_offers(rng, company, site, employees, weeks, cal.season_start)
    return company


def _filed(cal: DemoCalendar, day: int) -> datetime:
    """When next year's plan was filed: on an October day, but never after the seeding day."""
    return min(datetime(cal.today.year, 10, day, 12, tzinfo=UTC), cal.days_ago(day))


def _add_offers(rng, company: Company, site: Site, employees: int, weeks, start: date) -> None:
    """Offers of all four kinds, with dates in the spring season."""
    specs = [("company_visit", "Bedriftsbesøk", 150, 2), ("job_shadowing", "Hospitering", 450, 3)]
    if employees >= 15:
        specs.append(("work_week", "Arbeidsuke", 0, 2))
    for kind, label, minutes, slots in specs:
        offer = Offer(
            company=company,
            site=site,
            kind=kind,
            mode="physical",
            title=f"{label} hos {company.name}",
            fields=company.fields,
            grades=[8, 9, 10] if kind == "company_visit" else [9, 10],
            duration_minutes=minutes or 5 * 450,
            group_size=30 if kind == "company_visit" else 1,
            description="Bli med på en vanlig arbeidsdag og se hva vi lager.",
            what_to_bring="Matpakke, gode sko og nysgjerrighet.",
            safety_notes="Vi låner ut vernesko og hjelm der det trengs.",
            supervisor_name="Kari Lien" if kind == "work_week" else None,
            school_contact_info=(
                "Eleven møter kl. 08.00 i resepsjonen. Ring veileder ved fravær: 73 00 00 00."
                if kind == "work_week"
                else ""
            ),
        )
        db.session.add(offer)
        near = sorted(
            {
                w
                for lat, lon, w in weeks
                if haversine_km(lat, lon, site.latitude, site.longitude) <= 30
            }
        )
        _add_slots(rng, offer, kind, slots, near, start)


def _add_slots(rng, offer: Offer, kind: str, count: int, near: list[int], start: date) -> None:
    """Dates (visits, shadowing) or work weeks in the weeks of the schools nearby."""
    if kind == "work_week" and near:
        weeks = sorted(rng.sample(near, min(len(near), count + 1)))
    else:
        weeks = sorted(rng.sample(range(0, 16), count))
    for w in weeks:
        monday = start + timedelta(weeks=w)
        if kind == "work_week":
            slot = OfferSlot(
                offer=offer,
                date=monday,
                end_date=monday + timedelta(days=4),
                capacity=rng.randint(3, 8),
                start_time="08:00",
            )
        else:
            day = monday + timedelta(days=rng.randint(0, 4))
            capacity = 1 if kind == "company_visit" else rng.randint(1, 3)
            slot = OfferSlot(offer=offer, date=day, capacity=capacity, start_time="09:00")
        db.session.add(slot)


def add_season(cal: DemoCalendar) -> Season:
    """The coming season, open for requests and preferences on the seeding day."""
    season = Season(
        name=cal.season_name,
        region="Trøndelag",
        status="requests_open",
        allows_last_resort=True,
        **cal.season_dates(),
    )
    db.session.add(season)
    db.session.flush()
    return season
