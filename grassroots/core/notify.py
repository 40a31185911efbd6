"""One call notifies people or posts: the in-app inbox at once, external channels after commit, in the worker.

The sender and the readers may read different languages, so a message is not passed as text but as a
way to say it (`Compose`), said once in each language of the site: the inbox keeps every version and
shows each reader theirs; external channels send the site's language, the language their readers share.

Each external message is a `Delivery` row; the worker sends it, and a failure is retried with a growing
wait (1, 4, 16, 64 minutes) until `MAX_ATTEMPTS`, then stays visible as failed (page and admin)."""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from grassroots.places.models import Post

from .channels import SENDERS
from .models import AccessGrant, Channel, ChannelSetting, Delivery, DeliveryStatus, Notification, User

MAX_ATTEMPTS = 5


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=4 ** (attempts - 1))


def post_users(posts: Iterable[Post]) -> list[User]:
    """The active users holding an office on any of these posts."""
    return list(User.objects.filter(grants__post__in=list(posts), is_active=True).distinct())


def _address(setting: ChannelSetting) -> str:
    if setting.address:
        return setting.address
    if setting.user is not None and setting.channel == Channel.EMAIL:
        return setting.user.email
    if setting.user is not None and setting.channel == Channel.SMS:
        return setting.user.phone
    return ""


def _area_paths(users: list[User]) -> dict[int, str]:
    paths: dict[int, str] = {}
    for user_id, path in AccessGrant.objects.filter(user__in=users).values_list("user_id", "area__path"):
        paths.setdefault(user_id, path)
    return paths


class Message(NamedTuple):
    """A notification's words, in the language active when they were composed."""

    title: str
    body: str = ""


# Says a message in the active language. `notify` calls it once per language, so every word that
# depends on the language (choice labels, lists, times) is said inside it, never before the call.
type Compose = Callable[[], Message]

TITLE_MAX = Delivery._meta.get_field("title").max_length or 200


def _fit(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def compose(message: Compose) -> dict[str, Message]:
    """The message in each language of the site, the site's own first, titles cut to fit. Times are
    said where the site is, whatever zone the sender's request had active."""
    codes = dict.fromkeys([settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)])
    said: dict[str, Message] = {}
    with timezone.override(settings.TIME_ZONE):
        for code in codes:
            with translation.override(code):
                title, body = message()
            said[code] = Message(_fit(title), body)
    return said


def notify(
    *,
    users: Iterable[User] = (),
    posts: Iterable[Post] = (),
    message: Compose,
    link: str = "",
    urgent: bool = False,
) -> list[Notification]:
    """Put the message in each person's inbox (posts resolve to the users holding grants on them) and
    queue one delivery on every active channel configured for those users and posts."""
    posts = list(posts)
    people = {u.pk: u for u in users}
    people.update({u.pk: u for u in post_users(posts)})
    recipients = list(people.values())
    said = compose(message)
    texts = {code: m._asdict() for code, m in said.items()}
    notes = Notification.objects.bulk_create(
        Notification(recipient=user, texts=texts, link=link, urgent=urgent) for user in recipients
    )
    site = said[settings.LANGUAGE_CODE]
    configured = (
        ChannelSetting.objects.filter(active=True)
        .filter(Q(user__in=recipients) | Q(post__in=posts))
        .select_related("user", "post__area")
    )
    if not urgent:
        configured = configured.exclude(urgent_only=True)
    user_paths = _area_paths(recipients)
    deliveries = []
    for setting in configured:
        address = _address(setting)
        if not address:
            continue
        path = setting.post.area.path if setting.post else user_paths.get(setting.user_id or 0, "")
        deliveries.append(
            Delivery(
                channel=setting.channel,
                address=address,
                user=setting.user,
                post=setting.post,
                area_path=path,
                title=site.title,
                body=site.body,
                link=link,
                urgent=urgent,
            )
        )
    if deliveries:
        created = Delivery.objects.bulk_create(deliveries)
        ids = [d.pk for d in created]
        transaction.on_commit(lambda: deliveries_enqueue(ids))
    return notes


def deliveries_enqueue(ids: list[int], run_after: datetime | None = None) -> None:
    from .tasks import delivery_send

    queued = delivery_send.using(run_after=run_after) if run_after else delivery_send
    for pk in ids:
        queued.enqueue(pk)


def delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> str:
    """Try one delivery once; on failure schedule the next try, or give up after MAX_ATTEMPTS."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
            return delivery.status if delivery else "gone"
        try:
            SENDERS[Channel(delivery.channel)](delivery)
        except Exception as exc:  # any provider failure is recorded and retried, never lost
            error = f"{type(exc).__name__}: {exc}"[:500]
        else:
            error = ""
        now = now or timezone.now()
        delivery.attempts += 1
        delivery.last_error = error
        if not error:
            delivery.status, delivery.sent_at, delivery.next_attempt_at = DeliveryStatus.SENT, now, None
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        else:
            delivery.status, delivery.next_attempt_at = (
                DeliveryStatus.RETRYING,
                now + backoff(delivery.attempts),
            )
        delivery.save(update_fields=["attempts", "last_error", "status", "sent_at", "next_attempt_at"])
        if delivery.status == DeliveryStatus.RETRYING:
            retry_at = delivery.next_attempt_at
            transaction.on_commit(lambda: deliveries_enqueue([delivery.pk], run_after=retry_at))
    return delivery.status


@transaction.atomic
def delivery_retry(*, delivery: Delivery, by: User) -> Delivery:
    """Send a failed delivery again now, with a fresh set of attempts (from the failures page or admin)."""
    from .services import audit_record

    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.PENDING, 0, None
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit_record(actor=by, action="delivery_retry", obj=delivery, detail={"channel": delivery.channel})
    transaction.on_commit(lambda: deliveries_enqueue([delivery.pk]))
    return delivery
