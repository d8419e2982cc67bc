"""A host company sees who comes to it from the published season, with the school contact."""

from __future__ import annotations

from app.matching import changes


def _host(placement):
    return placement.slot.offer.company, placement.slot.offer.company.contact_persons[0].user


def test_the_host_sees_its_students_with_the_teacher_to_contact(login, published):
    placement = next(p for p in published.placements if p.student is not None)
    company, contact = _host(placement)
    page = login(contact).get(f"/companies/{company.id}/season-placements")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    ours = [p for p in published.placements if p.slot.offer.company_id == company.id]
    for p in ours:
        assert p.student.display_name in text
    teacher = placement.student.school_class.teacher.user
    assert teacher.name in text and f"mailto:{teacher.email}" in text
    others = [p for p in published.placements if p.slot.offer.company_id != company.id]
    assert others and all(f"· {p.slot.offer.title}</p>" not in text for p in others)
    assert f"· {placement.slot.offer.title}</p>" in text


def test_search_and_a_cancelled_placement(login, admin, published):
    placement = next(p for p in published.placements if p.student is not None)
    company, contact = _host(placement)
    client = login(contact)
    school = placement.student.school_class.school.name
    found = client.get(f"/companies/{company.id}/season-placements?q={school}")
    assert placement.student.display_name in found.get_data(as_text=True)
    changes.cancel_placement(admin, placement, "Syk.")
    after = client.get(f"/companies/{company.id}/season-placements").get_data(as_text=True)
    assert placement.student.display_name not in after
    earlier = client.get(f"/companies/{company.id}/season-placements?when=earlier")
    assert "Ingenting tidligere." in earlier.get_data(as_text=True)


def test_another_companys_contact_is_refused(login, published):
    ours, theirs = None, None
    for p in published.placements:
        if ours is None:
            ours = p
        elif p.slot.offer.company_id != ours.slot.offer.company_id:
            theirs = p
            break
    company, _contact = _host(ours)
    _other_company, stranger = _host(theirs)
    response = login(stranger).get(f"/companies/{company.id}/season-placements")
    assert response.status_code == 403


def test_the_contacts_dashboard_counts_and_links_them(login, published):
    placement = next(p for p in published.placements if p.student is not None)
    company, contact = _host(placement)
    ours = [p for p in published.placements if p.slot.offer.company_id == company.id]
    text = login(contact).get("/").get_data(as_text=True)
    assert f"Fra sesongens matching: {len(ours)} kommer" in text
    assert f"/companies/{company.id}/season-placements" in text
