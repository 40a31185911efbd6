"""Each street's ranking in the demo ranks most of its people for real (their scores rest on at least
half the scheme's weight) and shows what 计分不足 looks like on a few: the one or two people sent down
last, who have no login yet. The marks behind the scores come from people rating_record lets rate."""

from grassroots.core.models import User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.evaluation.models import Rating
from grassroots.evaluation.selectors import ranking


def test_most_of_each_streets_ranking_is_measured_on_half_the_scheme_or_more(demo) -> None:  # type: ignore[no-untyped-def]
    hq = User.objects.get(username="district")
    period = demo.extra["assessment_period"]
    for street in demo.streets:
        scores = list(ranking(user=hq, period=period, area=street))
        enough = [s for s in scores if 2 * s.measured_weight >= s.scheme_weight]
        short = [s for s in scores if 2 * s.measured_weight < s.scheme_weight]
        assert len(enough) > 0.75 * len(scores), street.name
        assert 1 <= len(short) <= 2, street.name
        # Ranked after everyone measured on enough, as the page shows them.
        assert scores[-len(short) :] == short


def test_every_mark_comes_from_someone_who_may_give_it(demo) -> None:  # type: ignore[no-untyped-def]
    period = demo.extra["assessment_period"]
    raters: dict[int, User] = {}
    ratings = Rating.objects.filter(period=period).select_related("person__area")
    assert ratings.count() > 1000
    for rating in ratings:
        rater = raters.setdefault(rating.rater_id, User.objects.get(pk=rating.rater_id))
        needed = "community" if rating.code == "community_rating" else "station"
        assert rating.person.user_id != rater.pk
        assert in_scope(rater, rating.person.area) and role_at_least(rater, needed)
