"""Departments that send staff down, and the staff themselves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.places.models import Area


class DepartmentLevel(models.TextChoices):
    CITY = "city", _("city level")
    DISTRICT = "district", _("district level")


class Department(models.Model):
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=DepartmentLevel.choices)
    # The city or district (or county) the department belongs to.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="department_name_unique")]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Rank(models.TextChoices):
    HEAD = "head", _("head")
    DEPUTY = "deputy", _("deputy head")
    STAFF = "staff", _("cadre")


class StaffKind(models.TextChoices):
    CADRE = "cadre", _("sent-down cadre")
    COMMUNITY_WORKER = "community_worker", _("community worker")
    MEDIC = "medic", _("medic")
    POLICE = "police", _("police officer")
    RESCUE = "rescue", _("rescue team")
    PROPERTY = "property", _("property staff")
    VOLUNTEER = "volunteer", _("volunteer")


class Staff(models.Model):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    rank = models.CharField(_("rank"), max_length=8, choices=Rank.choices, default=Rank.STAFF)
    kind = models.CharField(_("kind"), max_length=20, choices=StaffKind.choices)
    # Where the person serves; reads of staff are scoped by this area.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="staff")
    is_party_member = models.BooleanField(_("party member"), default=False)
    party_post = models.CharField(_("party post"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["kind", "area"], name="staff_kind_area")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(party_post__gt="") | models.Q(is_party_member=True),
                name="staff_party_post_needs_member",
            )
        ]

    def __str__(self) -> str:
        return self.name
