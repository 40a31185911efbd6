"""Every services page with a form loads the app's stylesheet, where `.card.form` sets labels above
full-width inputs; without it, labels and inputs ran together on a 360 px phone."""

from django.urls import reverse

from grassroots.services.stock_services import stock_item_create


def test_every_form_page_loads_the_services_stylesheet(place, client) -> None:  # type: ignore[no-untyped-def]
    item = stock_item_create(by=place.station_user, post=place.station, name="口罩", category="protective")
    client.force_login(place.station_user)
    pages = [
        reverse("services-task-new"),
        reverse("services-rounds"),
        reverse("services-stock") + f"?post={place.station.pk}",
        reverse("services-stock-item", args=[item.pk]),
        reverse("services-plans"),
    ]

    for url in pages:
        page = client.get(url).content.decode()
        assert 'class="card form"' in page, url
        assert "services/services.css" in page, url
