from django.db import migrations, models


class Migration(migrations.Migration):
    """The stored "on duty" flag becomes the member's choice to show the card: whether the member is on
    duty is now read from the command network (rota shifts, assignments, leave) each day."""

    dependencies = [
        ("party", "0002_squadcase_request_squadcase_task"),
    ]

    operations = [
        migrations.RenameField(model_name="partymember", old_name="on_duty", new_name="shows_card"),
        migrations.AlterField(
            model_name="partymember",
            name="shows_card",
            field=models.BooleanField(default=True, verbose_name="show my card while I am on duty"),
        ),
    ]
