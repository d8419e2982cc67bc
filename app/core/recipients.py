"""Who is told about a class's or a company's activity: active accounts only.

A deactivated teacher, role model or contact person no longer reads Skolebro's mail (they
left the school or the company). Their share of the news goes to whoever speaks for the
class or the company now: the school's other approved teachers, or the company's contact
persons, so a change never goes unread.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.accounts.models import User


def reachable(users: Iterable[User]) -> list[User]:
    """Active users with an e-mail address, each once, in order."""
    seen: set[int] = set()
    return [u for u in users if u.is_active and u.email and not (u.id in seen or seen.add(u.id))]


def class_teachers(school_class) -> list[User]:
    """The class's teacher, or, when it has none or theirs is deactivated, every approved
    active teacher of the school."""
    teacher = school_class.teacher
    if teacher is not None and teacher.user.is_active:
        return [teacher.user]
    return [t.user for t in school_class.school.teachers if t.is_approved and t.user.is_active]


def company_contacts(company) -> list[User]:
    """The company's active contact persons."""
    return [cp.user for cp in company.contact_persons if cp.user.is_active]


def role_model_or_company(role_model) -> list[User]:
    """The role model, or their company's contact persons once the role model is deactivated."""
    if role_model.user.is_active:
        return [role_model.user]
    return company_contacts(role_model.company)
