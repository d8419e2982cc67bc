"""Demo people: administrator, contact persons, role models, teachers, classes, students."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from app.demo import data
from app.demo.dates import BOOKING_WORKING_DAYS, DemoCalendar
from app.extensions import db
from app.models import (
    Booking,
    BookingEvent,
    ContactPerson,
    Offer,
    Preference,
    RoleModel,
    RoleModelYear,
    SchoolClass,
    Student,
    Teacher,
    User,
)

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slug(text: str) -> str:
    """An e-mail-safe slug: 'Nidaros Programvare AS' -> 'nidaros-programvare'."""
    words = text.translate(_ASCII).lower().replace(" as", "").split()
    return "-".join("".join(ch for ch in w if ch.isalnum()) for w in words)


def add_people(
    rng: random.Random, password_hash: str, schools, companies, season, cal: DemoCalendar
) -> None:
    """Everyone who logs in, plus classes, students, preferences and bookings."""
    user = _user("Ada Administrator", "admin@skolebro.no", password_hash)
    user.is_admin, user.admin_region = True, "Trøndelag"
    role_models = _add_company_people(rng, password_hash, companies, cal)
    _add_open_invitations(companies[0], user)
    classes = _add_school_people(rng, password_hash, schools, season)
    db.session.flush()
    _add_students(rng, password_hash, classes, companies, season)
    _add_class_requests(rng, classes, season)
    _add_bookings(classes, role_models, cal)


def _add_open_invitations(company, admin: User) -> None:
    """Two role-model invitations nobody has answered yet, so the company sees them."""
    from app.accounts.models import Invitation
    from app.core.model_base import utcnow

    for name in ("Aurora Strand", "Sindre Moen"):
        email = f"{slug(name).replace('-', '.')}@{slug(company.name)}.no"
        db.session.add(
            Invitation(
                kind="role_model",
                email=email,
                name=name,
                company=company,
                invited_by=admin,
                expires_at=utcnow() + timedelta(days=14),
            )
        )


def _user(name: str, email: str | None, password_hash: str, username: str | None = None) -> User:
    user = User(
        name=name, email=email, username=username, password_hash=password_hash, language="nb"
    )
    db.session.add(user)
    return user


def _person(rng: random.Random) -> tuple[str, str]:
    """A name and self-declared gender, about half women."""
    if rng.random() < 0.5:
        return f"{rng.choice(data.FIRST_NAMES_F)} {rng.choice(data.LAST_NAMES)}", "female"
    return f"{rng.choice(data.FIRST_NAMES_M)} {rng.choice(data.LAST_NAMES)}", "male"


def _add_company_people(
    rng: random.Random, password_hash: str, companies, cal: DemoCalendar
) -> list[RoleModel]:
    """One contact person per company and one to three role models."""
    role_models = []
    for i, company in enumerate(companies):
        domain = f"{slug(company.name)}.no"
        name, _ = _person(rng)
        contact = _user(name, f"kontakt@{domain}", password_hash)
        db.session.add(ContactPerson(user=contact, company=company, phone="+47 73 00 00 00"))
        for j in range(1 + (company.employees >= 50) + (company.employees >= 500)):
            name, gender = ("Ingrid Aune", "female") if i == j == 0 else _person(rng)
            email = f"{slug(name).replace('-', '.')}@{domain}"
            role_models.append(
                _role_model(
                    rng,
                    company,
                    _user(name, email, password_hash),
                    gender,
                    status="pending" if (i + j) % 9 == 8 else "approved",
                    cal=cal,
                )
            )
    return role_models


def _role_model(
    rng: random.Random, company, user: User, gender: str, status: str, cal: DemoCalendar
) -> RoleModel:
    field = company.fields[0]
    consent = rng.random() < 0.7
    rm = RoleModel(
        user=user,
        company=company,
        site=company.sites[0],
        status=status,
        job_title=rng.choice(data.JOB_TITLES.get(field, ["Ingeniør"])),
        education_path=rng.choice(data.EDUCATION_PATHS),
        about="Jeg forteller gjerne om hva jeg gjør på jobben og hvordan jeg kom hit.",
        fields=list(company.fields),
        languages=["nb", "en"] if rng.random() < 0.8 else ["nb"],
        modes=rng.choice([["digital", "physical"], ["physical"], ["digital"]]),
        travel_km=rng.choice([20, 40, 60, 100, 150]),
        visits_per_year=rng.choice([2, 2, 2, 3, 4]),
        has_diversity_consent=consent,
        gender=gender if consent else None,
        approved_at=cal.days_ago(90) if status == "approved" else None,
    )
    db.session.add(rm)
    db.session.add(
        Offer(
            company=company,
            site=rm.site,
            role_model=rm,
            kind="role_model_visit",
            mode="digital" if rm.modes == ["digital"] else "physical",
            duration_minutes=60,
            title=f"{rm.job_title} forteller om jobben",
            fields=list(company.fields),
            grades=[8, 9, 10],
            description=rm.about,
            group_size=30,
            is_active=status == "approved",
        )
    )
    for year in cal.years:
        db.session.add(RoleModelYear(role_model=rm, year=year, capacity=rm.visits_per_year))
    return rm


def _add_school_people(
    rng: random.Random, password_hash: str, schools, season
) -> list[SchoolClass]:
    """A teacher per school and classes in grades 8, 9 and 10, work weeks inside the season."""
    from app.schools.services import current_school_year

    school_year = current_school_year(season.starts_on)
    classes = []
    for i, school in enumerate(schools):
        name, _ = _person(rng)
        email = "laerer@huseby.skole.no" if i == 0 else f"laerer{i}@{slug(school.name)}.no"
        teacher = Teacher(
            user=_user(name, email, password_hash), school=school, subjects="Naturfag, matematikk"
        )
        db.session.add(teacher)
        if i in (3, 17):  # a new colleague waiting for the administrator's approval
            waiting = _user(_person(rng)[0], f"ny.laerer{i}@{slug(school.name)}.no", password_hash)
            db.session.add(Teacher(user=waiting, school=school, is_approved=False))
        monday = season.starts_on + timedelta(weeks=i % 10)
        for grade in (8, 9, 10):
            cls = SchoolClass(
                school=school,
                teacher=teacher,
                name=f"{grade}A",
                grade=grade,
                size=rng.randint(18, 28),
                subject="Naturfag",
                school_year=school_year,
                work_week_start=monday if grade == 9 else None,
                # grade 9 may go job shadowing one day in weeks 3 to 10 of the season
                shadowing_from=season.starts_on + timedelta(weeks=2) if grade == 9 else None,
                shadowing_to=season.starts_on + timedelta(weeks=10) if grade == 9 else None,
                join_code=f"DEMO{i:02d}{grade:02d}",
            )
            db.session.add(cls)
            classes.append(cls)
    return classes


def _add_students(rng, password_hash: str, classes, companies, season) -> None:
    """Students of the grade-9 classes, with up to five ranked work-week wishes; about a
    third also want a day of job shadowing."""
    offers = [o for c in companies for o in c.offers if o.kind == "work_week"]
    n = 0
    for cls in (c for c in classes if c.grade == 9):
        for _ in range(cls.size if cls.school.name != "Huseby ungdomsskole" else 12):
            name, gender = ("Nora", "female") if n == 0 else _person(rng)
            first = name.split()[0]
            username = "nora.demo" if n == 0 else f"{slug(first)}.{n:04d}"
            user = _user(first, None, password_hash, username=username)
            consent = rng.random() < 0.6
            student = Student(
                user=user,
                school_class=cls,
                display_name=first,
                has_own_network_placement=rng.random() < 0.3,
                has_diversity_consent=consent,
                gender=gender if consent else None,
            )
            db.session.add(student)
            _add_preferences(rng, student, offers, gender, season)
            if n == 0 or rng.random() < 0.35:
                _add_shadowing_wishes(rng, student, gender, season)
            n += 1


GIRL_FIELDS = ["health_tech", "biotech", "environment", "aquaculture", "ict"]
BOY_FIELDS = ["ict", "engineering", "construction", "electronics", "energy", "manufacturing"]


def _add_shadowing_wishes(rng, student: Student, gender: str, season) -> None:
    """One or two job-shadowing wishes by field."""
    fields = GIRL_FIELDS if gender == "female" else BOY_FIELDS
    for rank, field in enumerate(rng.sample(fields, rng.randint(1, 2)), start=1):
        db.session.add(
            Preference(
                season_id=season.id, student=student, rank=rank, field=field, kind="job_shadowing"
            )
        )


def _add_preferences(rng, student: Student, offers, gender: str, season) -> None:
    """Wishes skewed by field as in reality; 40 % name a company."""
    fields = GIRL_FIELDS if gender == "female" else BOY_FIELDS
    for rank in range(1, rng.randint(3, 5) + 1):
        if rank == 1 and rng.random() < 0.4 and offers:
            pref = Preference(
                season_id=season.id,
                student=student,
                rank=rank,
                offer=rng.choice(offers),
                kind="work_week",
            )
        else:
            pref = Preference(
                season_id=season.id,
                student=student,
                rank=rank,
                field=fields[(rank + rng.randrange(6)) % len(fields)],
                kind="work_week",
            )
        db.session.add(pref)


def _add_class_requests(rng: random.Random, classes, season) -> None:
    """Teachers' requests for the season: company visits for 8th, role models for 10th grade."""
    from app.models import ClassRequest

    for i, cls in enumerate(classes):
        if cls.grade == 9 or i % 2:
            continue
        start = season.starts_on + timedelta(weeks=rng.randint(1, 6))
        kind = "company_visit" if cls.grade == 8 else "role_model_visit"
        db.session.add(
            ClassRequest(
                season_id=season.id,
                class_id=cls.id,
                kind=kind,
                mode="physical" if kind == "company_visit" else rng.choice(["any", "digital"]),
                window_start=start,
                window_end=start + timedelta(weeks=4),
                fields=rng.sample(sorted(data.JOB_TITLES), 2),
                max_travel_km=rng.choice([30, 50, 80]),
                note="Vi vil gjerne se hvordan realfag brukes i arbeidslivet.",
            )
        )


def _add_bookings(classes, role_models, cal: DemoCalendar) -> None:
    """Confirmed and pending role-model visits on coming working days, so dashboards show them."""
    approved = [rm for rm in role_models if rm.status == "approved"]
    db.session.flush()
    for i, cls in enumerate(classes[:30]):
        rm = approved[0] if i < 2 else approved[(i * 5) % len(approved)]
        day = cal.working_day((i * 3) % BOOKING_WORKING_DAYS)  # 30 different days
        start = datetime(day.year, day.month, day.day, 8 + i % 5, 15, tzinfo=UTC)
        status = "confirmed" if i % 3 != 2 else "requested"
        booking = Booking(
            school_class=cls,
            teacher=cls.teacher,
            role_model=rm,
            status=status,
            mode=rm.modes[0],
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            message="Klassen vår jobber med teknologi og samfunn i naturfag.",
        )
        db.session.add(booking)
        db.session.flush()
        db.session.add(BookingEvent(booking=booking, from_status=None, to_status="requested"))
        if status == "confirmed":
            booking.calendar_uid = f"booking-{booking.id}@skolebro.no"
            db.session.add(
                BookingEvent(booking=booking, from_status="requested", to_status="confirmed")
            )
            year = next(y for y in rm.years if y.year == start.year)
            year.taken = min(year.taken + 1, year.capacity)
