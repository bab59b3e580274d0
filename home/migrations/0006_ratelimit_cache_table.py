"""The database cache table behind the rate limits when no Redis is configured: made with the
schema, so a fresh clone, the tests and production all have it without an extra command."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_securityevent")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
