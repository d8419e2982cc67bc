"""Load one of the engine's seeded synthetic instances (scheduler.synthetic) into the database,
so the matching pages can be tried and measured at region or national scale.

Work weeks only: schools, classes, students and their ranked wishes, companies with one site
and one work-week offer each, places per week; a season closed for wishes, ready to run.
Rows are written with core inserts in batches and explicit ids (sequences moved on after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import sqlalchemy as sa

from app.accounts.models import User
from app.companies.models import Company, ContactPerson, Offer, OfferSlot, Site
from app.extensions import db
from app.schools.models import School, SchoolClass, Student, Teacher
from app.seasons.models import Preference, Season
from scheduler.problem import WORK_WEEK, Problem
from scheduler.synthetic import generate

REGION = "Syntetisk"
# The coming spring: the season lies ahead, as a real one does when it is matched, so its
# placements can still be changed after publication.
YEAR = dt.date.today().year + 1
# The generator's field names, in the app's vocabulary (app.core.domain.STEM_FIELDS).
FIELD_KEYS = {"it": "ict", "health": "health_tech", "biology": "biotech", "math": "mathematics"}
BATCH = 5_000


def monday_of(week: int, year: int = YEAR) -> dt.date:
    """The Monday of an ISO week."""
    return dt.date.fromisocalendar(year, week, 1)


def _field(name: str) -> str:
    return FIELD_KEYS.get(name, name)


def load(preset: str, seed: int, password: str) -> dict[str, int]:
    """Write the instance into an empty database; returns row counts. Students log in as
    `syn.<school>-<class>-<n>` with `password` (one hash shared, to keep loading fast)."""
    problem = generate(preset, seed)
    user = User(name="x")
    user.set_password(password)
    counts = {
        "schools": _insert(School, _schools(problem)),
        "users": _insert(User, _users(problem, user.password_hash)),
        "teachers": _insert(Teacher, _teachers(problem)),
        "classes": _insert(SchoolClass, _classes(problem)),
        "students": _insert(Student, _students(problem)),
        "companies": _insert(Company, _companies(problem)),
        "contact persons": _insert(ContactPerson, _contacts(problem)),
        "sites": _insert(Site, _sites(problem)),
        "offers": _insert(Offer, _offers(problem)),
        "slots": _insert(OfferSlot, _slots(problem)),
        "seasons": _insert(Season, [_season(preset, seed)]),
    }
    counts["wishes"] = _insert(Preference, _wishes(problem))
    _move_sequences_on()
    db.session.commit()
    return counts


def _insert(model: type, rows: Iterable[dict]) -> int:
    """Insert rows in batches; returns how many."""
    n, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            db.session.execute(sa.insert(model), batch)
            n, batch = n + len(batch), []
    if batch:
        db.session.execute(sa.insert(model), batch)
    return n + len(batch)


def _ids(items: Iterable) -> dict[str, int]:
    """Engine ids to row ids, 1.. in order."""
    return {item.id: i for i, item in enumerate(items, start=1)}


def _schools(p: Problem) -> Iterator[dict]:
    for i, s in enumerate(p.schools, start=1):
        kind = "rural" if s.is_rural else "town"
        yield {
            "id": i,
            "name": f"Skole {s.id[1:]} ({kind})",
            "municipality": REGION,
            "region": REGION,
            "country": "NO",
            "latitude": s.lat,
            "longitude": s.lon,
            "is_rural": s.is_rural,
        }


def _classes(p: Problem) -> Iterator[dict]:
    schools = _ids(p.schools)
    for i, c in enumerate(p.classes, start=1):
        yield {
            "id": i,
            "school_id": schools[c.school_id],
            "teacher_id": schools[c.school_id],
            "name": f"{c.grade}{'ABCDEFGHIJ'[int(c.id.rsplit('C', 1)[1]) % 10]}",
            "grade": c.grade,
            "size": c.size,
            "school_year": f"{YEAR - 1}-{YEAR}",
            "work_week_start": monday_of(c.work_week) if c.work_week else None,
            "join_code": f"SYN{i:07d}",
        }


def _users(p: Problem, password_hash: str | None) -> Iterator[dict]:
    """Students (no e-mail), then one contact person per company, then one teacher per
    school, so ids follow from the position: see _contacts and _teachers."""
    for i, s in enumerate(p.students, start=1):
        yield {
            "id": i,
            "username": f"syn.{s.id.lower()}",
            "name": f"Elev {s.id}",
            "password_hash": password_hash,
            "language": "nb",
        }
    n = len(p.students)
    for i, o in enumerate(_work_weeks(p), start=n + 1):
        yield {
            "id": i,
            "email": f"kontakt.{o.company_id.lower()}@bedrift.example",
            "name": f"Kontakt {o.company_id}",
            "password_hash": password_hash,
        }
    n += len(_work_weeks(p))
    for i, school in enumerate(p.schools, start=n + 1):
        yield {
            "id": i,
            "email": f"laerer.{school.id.lower()}@skole.example",
            "name": f"Lærer {school.id}",
            "password_hash": password_hash,
        }


def _contacts(p: Problem) -> Iterator[dict]:
    n = len(p.students)
    for i in range(1, len(_work_weeks(p)) + 1):
        yield {"id": i, "user_id": n + i, "company_id": i}


def _teachers(p: Problem) -> Iterator[dict]:
    n = len(p.students) + len(_work_weeks(p))
    for i in range(1, len(p.schools) + 1):
        yield {"id": i, "user_id": n + i, "school_id": i, "is_approved": True}


def _students(p: Problem) -> Iterator[dict]:
    classes = _ids(p.classes)
    for i, s in enumerate(p.students, start=1):
        yield {
            "id": i,
            "user_id": i,
            "class_id": classes[s.class_id],
            "display_name": f"Elev {s.id}",
            "has_own_network_placement": s.has_own_work_week,
            "has_diversity_consent": s.gender is not None,
            "gender": s.gender,
        }


def _work_weeks(p: Problem) -> list:
    return [o for o in p.offers if o.kind == WORK_WEEK]


def _companies(p: Problem) -> Iterator[dict]:
    for i, o in enumerate(_work_weeks(p), start=1):
        yield {
            "id": i,
            "org_number": f"{900_000_000 + i}",
            "country": "NO",
            "name": f"Bedrift {o.company_id[1:]}",
            "employees": 50,
            "fields": [_field(f) for f in o.fields],
        }


def _sites(p: Problem) -> Iterator[dict]:
    for i, o in enumerate(_work_weeks(p), start=1):
        yield {
            "id": i,
            "company_id": i,
            "name": "Hovedkontor",
            "address": f"Syntetisk vei {i}",
            "municipality": REGION,
            "latitude": o.lat,
            "longitude": o.lon,
        }


def _offers(p: Problem) -> Iterator[dict]:
    for i, o in enumerate(_work_weeks(p), start=1):
        yield {
            "id": i,
            "company_id": i,
            "site_id": i,
            "kind": WORK_WEEK,
            "title": f"Arbeidsuke hos bedrift {o.company_id[1:]}",
            "fields": [_field(f) for f in o.fields],
            "grades": list(o.grades or (8, 9, 10)),
            "duration_minutes": 5 * 7 * 60,
            "supervisor_name": "Veileder",
        }


def _slots(p: Problem) -> Iterator[dict]:
    n = 0
    for i, o in enumerate(_work_weeks(p), start=1):
        for s in o.slots:
            n += 1
            monday = monday_of(s.week or 1)
            yield {
                "id": n,
                "offer_id": i,
                "date": monday,
                "end_date": monday + dt.timedelta(days=4),
                "start_time": "08:00",
                "capacity": s.capacity,
            }


def _season(preset: str, seed: int) -> dict:
    return {
        "id": 1,
        "name": f"Syntetisk {preset} {seed}, vår {YEAR}",
        "region": REGION,
        "status": "closed",
        "offers_open_on": dt.date(YEAR - 1, 9, 1),
        "requests_open_on": dt.date(YEAR - 1, 10, 1),
        "requests_close_on": dt.date(YEAR - 1, 12, 1),
        "publish_on": dt.date(YEAR - 1, 12, 15),
        "starts_on": dt.date(YEAR, 1, 5),
        "ends_on": dt.date(YEAR, 6, 19),
        "allows_last_resort": True,
        "weights": {},
    }


def _wishes(p: Problem) -> Iterator[dict]:
    offers = _ids(_work_weeks(p))
    n = 0
    for student_row, s in enumerate(p.students, start=1):
        for rank, wish in enumerate(s.wishes, start=1):
            n += 1
            yield {
                "id": n,
                "season_id": 1,
                "student_id": student_row,
                "kind": WORK_WEEK,
                "rank": rank,
                "offer_id": offers.get(wish.offer_id or ""),
                "field": _field(wish.field) if wish.field else None,
            }


def _move_sequences_on() -> None:
    """PostgreSQL hands out ids from sequences: start them after the ids written here."""
    if db.engine.dialect.name != "postgresql":
        return
    tables = (School, Teacher, SchoolClass, User, Student, Company, ContactPerson, Site, Offer)
    for model in (*tables, OfferSlot, Season, Preference):
        table = model.__table__.name
        db.session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        )
