"""Readable names for the audit log's action codes and object kinds, in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "account.delete": _l("Account deleted"),
    "booking.cancel": _l("Booking cancelled"),
    "booking.confirm": _l("Booking confirmed"),
    "booking.decline": _l("Booking declined"),
    "booking.feedback": _l("Feedback on a booking"),
    "booking.propose": _l("New time proposed"),
    "booking.request": _l("Visit requested"),
    "booking.reschedule": _l("Booking moved"),
    "calendar.feed_revoked": _l("Calendar link revoked"),
    "calendar.feed_token": _l("Calendar link created"),
    "class.delete": _l("Class deleted"),
    "class.rotate_code": _l("New class code"),
    "class.save": _l("Class saved"),
    "company.logo": _l("Company logo changed"),
    "company.register": _l("Company registered"),
    "company.update": _l("Company details changed"),
    "invitation.accept": _l("Invitation accepted"),
    "invitation.create": _l("Invitation sent"),
    "invitation.withdraw": _l("Invitation withdrawn"),
    "matching.cancel": _l("Published placement cancelled"),
    "matching.place": _l("Student placed by hand"),
    "matching.move": _l("Placement moved"),
    "matching.move_published": _l("Published placement moved"),
    "matching.feedback": _l("Feedback on a placement"),
    "matching.pin": _l("Placement pinned"),
    "matching.unpin": _l("Placement unpinned"),
    "matching.publish_started": _l("Publishing started"),
    "matching.published": _l("Result published"),
    "matching.run_started": _l("Matching run started"),
    "membership.terminate": _l("Membership ended"),
    "offer.active": _l("Offer switched on or off"),
    "offer.save": _l("Offer saved"),
    "offer.slots": _l("Offer dates added"),
    "outbox.retry": _l("E-mail sent again"),
    "password.change": _l("Password changed"),
    "password.choose_own": _l("Own password chosen"),
    "password.reset": _l("Password reset"),
    "plan.reopen": _l("Annual plan reopened"),
    "plan.submit": _l("Annual plan submitted"),
    "role_model.approve": _l("Role model approved"),
    "role_model.delete": _l("Role model deleted"),
    "role_model.pause": _l("Role model paused"),
    "role_model.profile": _l("Role model profile saved"),
    "role_model.remove": _l("Role model removed from company"),
    "school.import": _l("Schools imported"),
    "season.archived": _l("Season archived"),
    "season.request_deleted": _l("Class request deleted"),
    "season.request_saved": _l("Class request saved"),
    "season.saved": _l("Season saved"),
    "season.status": _l("Season phase changed"),
    "season.student_details": _l("Student details saved"),
    "season.weights": _l("Matching settings changed"),
    "season.wish_added": _l("Wish added"),
    "setting.annual_plan_deadline": _l("Annual plan deadline changed"),
    "site.delete": _l("Site deleted"),
    "site.save": _l("Site saved"),
    "slot.capacity": _l("Capacity changed"),
    "slot.delete": _l("Offer date deleted"),
    "student.remove": _l("Student removed"),
    "student.reset_password": _l("Student password reset"),
    "teacher.approve": _l("Teacher approved"),
    "teacher.register": _l("Teacher registered"),
    "teacher.reject": _l("Teacher rejected"),
    "user.admin_grant": _l("Administrator role given"),
    "user.admin_remove": _l("Administrator role removed"),
    "user.deactivate": _l("Account deactivated"),
    "user.reactivate": _l("Account reactivated"),
}


# Kinds of object, by model class name as audit.record stores them.
OBJECT_LABELS = {
    "Season": _l("Season"),
    "Placement": _l("Placement"),
    "Booking": _l("Booking"),
    "SchoolClass": _l("Class"),
    "Company": _l("Company"),
    "Offer": _l("Offer"),
    "OfferSlot": _l("Offer date"),
    "Site": _l("Site"),
    "RoleModel": _l("Role model"),
    "User": _l("User"),
    "Invitation": _l("Invitation"),
    "Student": _l("Student"),
    "Teacher": _l("Teacher"),
    "ClassRequest": _l("Class request"),
    "Preference": _l("Wish"),
    "AnnualPlan": _l("Annual plan"),
    "Membership": _l("Membership"),
    "OutboxMessage": _l("E-mail"),
    "School": _l("School"),
}


def object_label(object_type: str) -> str:
    """The kind of object for people; an unknown class name is shown as it is."""
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


def action_label(action: str) -> str:
    """The action's name for people; an unknown code is shown as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def actions_matching(text: str) -> list[str]:
    """Codes whose name in the current language contains the text, for the log's search."""
    needle = text.strip().casefold()
    if not needle:
        return []
    return [code for code, label in ACTION_LABELS.items() if needle in str(label).casefold()]
