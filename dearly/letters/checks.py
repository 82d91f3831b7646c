"""Deploy checks for where letters could leak outside Dearly's tables (`manage.py check --deploy`).

PostgreSQL writes the whole text of a failing statement to its own log by default
(log_min_error_statement = error): an INSERT of a letter that fails, on a constraint or a
dropped connection, would put the letter in the server's log, which Dearly's retention never
purges and which backups and log shippers copy on. log_statement = 'all' or 'mod' and
log_min_duration_statement / log_min_duration_sample log every (slow) write with its text.
"""

from django.core.checks import Warning, register
from django.db import DatabaseError, connections

# Each setting: the values that log no letter's text, and the one to suggest.
SAFE_VALUES = {
    "log_min_error_statement": ({"panic"}, "panic"),
    "log_statement": ({"none", "ddl"}, "none"),
    "log_min_duration_statement": ({"-1"}, "-1"),
    "log_min_duration_sample": ({"-1"}, "-1"),
}


def statement_logging(connection) -> dict[str, str]:
    """The PostgreSQL settings, in force for Dearly's own sessions, that decide which statements
    go to the server's log with their text."""
    settings = {}
    with connection.cursor() as cursor:
        for name in SAFE_VALUES:
            cursor.execute("SELECT setting FROM pg_settings WHERE name = %s", [name])
            row = cursor.fetchone()
            if row is not None:  # log_min_duration_sample is PostgreSQL 13 and later
                settings[name] = row[0].lower()
        cursor.execute("SELECT current_user")
        settings["role"] = cursor.fetchone()[0]
    return settings


def letters_in_server_log(connection) -> list[Warning]:
    if connection.vendor != "postgresql":
        return []
    try:
        found = statement_logging(connection)
    except DatabaseError as exc:
        return [Warning(f"Could not read how PostgreSQL ({connection.alias}) logs statements: {exc}",
                        hint="Run `manage.py check --deploy` where the database can be reached.",
                        id="dearly.W002")]
    role = connection.ops.quote_name(found.pop("role"))
    unsafe = {name: value for name, value in found.items() if value not in SAFE_VALUES[name][0]}
    if not unsafe:
        return []
    settings = ", ".join(f"{name} = {value}" for name, value in unsafe.items())
    fixes = " ".join(f"ALTER ROLE {role} SET {name} = {SAFE_VALUES[name][1]};" for name in unsafe)
    return [Warning(
        f"PostgreSQL ({connection.alias}) writes statements with their text to its log ({settings}): "
        "a letter's INSERT or UPDATE that fails or runs slowly would be kept in the server's log, "
        "out of reach of Dearly's retention.",
        hint=f"As a superuser, for Dearly's database role: {fixes} Dearly's sessions take these on "
             "their next connection. (Or set them in postgresql.conf for the whole server.)",
        id="dearly.W001",
    )]


@register("database", "privacy", deploy=True)
def check_statement_logging(app_configs=None, databases=None, **kwargs):
    # `check --deploy` names no database: check the one Dearly writes letters to.
    aliases = databases if databases is not None else ["default"]
    warnings = []
    for alias in aliases:
        warnings += letters_in_server_log(connections[alias])
    return warnings
