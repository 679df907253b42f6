"""Job roles and the platform-admin group every installation starts with.

Role codes are the platform's own, short and stable; HR job codes are mapped onto them in the
roster file (docs/roster-import.md). Names are Danish because they are what staff call themselves.
"""

# Migration 0002 creates the group and reads its name here.
from learning.accounts.roles import PLATFORM_ADMIN_GROUP  # noqa: F401

JOB_ROLES = [
    ("SYG", "Sygeplejerske"),
    ("SSA", "Social- og sundhedsassistent"),
    ("SSH", "Social- og sundhedshjælper"),
    ("LAEGE", "Læge"),
    ("PLAEGE", "Praktiserende læge"),
    ("PSYG", "Praksissygeplejerske"),
    ("LSEK", "Lægesekretær"),
    ("FYS", "Fysioterapeut"),
    ("ERGO", "Ergoterapeut"),
    ("BIOA", "Bioanalytiker"),
    ("PARA", "Paramediciner"),
    ("SUNDP", "Sundhedsplejerske"),
    ("UDV", "Udviklingskonsulent"),
    ("LEDER", "Leder"),
    ("ADM", "Administrativ medarbejder"),
]


def seed_roles(JobRole):
    """Create missing roles; never rename a role an administrator has edited. Queries the DB."""
    for code, name in JOB_ROLES:
        JobRole.objects.get_or_create(code=code, defaults={"name": name})
