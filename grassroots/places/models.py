"""The grid: one area tree from city to unit, and the posts that stand on it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    CITY = "city", _("city")
    DISTRICT = "district", _("district")
    COUNTY = "county", _("county-level city")
    STREET = "street", _("street")
    TOWNSHIP = "township", _("township")
    COMMUNITY = "community", _("community")
    VILLAGE = "village", _("village")
    COMPOUND = "compound", _("compound")
    BUILDING = "building", _("building")
    UNIT = "unit", _("unit")


# Which kinds may stand directly under which: urban district → street → community → compound →
# building → unit, rural county → township → village.
ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
    AreaKind.CITY: (None,),
    AreaKind.DISTRICT: (AreaKind.CITY,),
    AreaKind.COUNTY: (AreaKind.CITY,),
    AreaKind.STREET: (AreaKind.DISTRICT,),
    AreaKind.TOWNSHIP: (AreaKind.COUNTY,),
    AreaKind.COMMUNITY: (AreaKind.STREET,),
    AreaKind.VILLAGE: (AreaKind.TOWNSHIP,),
    AreaKind.COMPOUND: (AreaKind.COMMUNITY, AreaKind.VILLAGE),
    AreaKind.BUILDING: (AreaKind.COMPOUND,),
    AreaKind.UNIT: (AreaKind.BUILDING,),
}

# Top-down order, used to sort counts and levels.
KIND_ORDER = [k.value for k in AreaKind]


class Area(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("code"), max_length=32, help_text=_("GB/T 2260 or statistical code; a sequence below")
    )
    # "/<id>/<id>/…/": a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    land_area_m2 = models.PositiveIntegerField(_("land area (m²)"), null=True, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("management difficulty"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (easy) to 5 (hardest)"),
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "code"], name="area_code_unique_in_parent"),
            models.CheckConstraint(
                condition=models.Q(difficulty__isnull=True) | models.Q(difficulty__gte=1, difficulty__lte=5),
                name="area_difficulty_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="area_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["kind", "path"], name="area_kind_path"),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/")[:-1] if p]


class PostKind(models.TextChoices):
    ZONE = "zone", _("combat zone")
    CENTRE = "centre", _("command centre")
    STATION = "station", _("command station")
    ISOLATION_POINT = "isolation_point", _("isolation point")
    CHECKPOINT = "checkpoint", _("traffic checkpoint")


# The area kind each post stands on.
POST_AREA_KINDS: dict[str, tuple[str, ...]] = {
    PostKind.ZONE: (AreaKind.DISTRICT, AreaKind.COUNTY),
    PostKind.CENTRE: (AreaKind.COMMUNITY, AreaKind.VILLAGE),
    PostKind.STATION: (AreaKind.COMPOUND,),
    PostKind.ISOLATION_POINT: (AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.TOWNSHIP, AreaKind.VILLAGE),
    PostKind.CHECKPOINT: (AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.TOWNSHIP, AreaKind.VILLAGE),
}


class Post(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="posts")
    # A combat zone groups one or more streets of its district.
    covers = models.ManyToManyField(Area, verbose_name=_("streets covered"), blank=True, related_name="zones")
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["area__path", "kind", "name"]
        indexes = [models.Index(fields=["kind", "area"], name="post_kind_area")]

    def __str__(self) -> str:
        return self.name
