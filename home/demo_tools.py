"""Small helpers shared by every app's demo loader (load_demo): idempotent page creation and
publishing, translating a page through wagtail-localize with given strings, and the demo's dates."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page

# The day the demo's stories are written for: its campaigns under way, meetings, trainings, replies
# falling due and this year's releases stand as they would on this day. DemoDates moves them to the
# day the demo was first loaded; the seed documents keep their real dates.
WRITTEN_FOR = datetime.date(2026, 12, 4)


@dataclass(frozen=True)
class DemoDates:
    """The demo's calendar: `today` is the day the demo was first loaded here (the home page's first
    publication; today on a new database), so loading it again later changes nothing."""

    today: datetime.date

    @classmethod
    def for_this_site(cls) -> "DemoDates":
        from home.models import HomePage

        published = (
            HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .values_list("first_published_at", flat=True)
            .first()
        )
        return cls(timezone.localdate(published) if published else timezone.localdate())

    def __call__(self, written: datetime.date | str) -> datetime.date:
        """A date of the stories, as far from `today` as it was from WRITTEN_FOR (a month's last day
        stays its month's last day: deadlines are set that way)."""
        day = datetime.date.fromisoformat(written) if isinstance(written, str) else written
        moved = day + (self.today - WRITTEN_FOR)
        if (day + datetime.timedelta(days=1)).day == 1:
            moved = moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
        return moved

    def year(self, written_year: int) -> int:
        """A year of the stories (a release's, a report's), as many years before `today`'s."""
        return written_year + self.today.year - WRITTEN_FOR.year


def ensure_child(
    parent: Page, model, slug: str, create_only: dict | None = None, published=None, **fields
) -> Page:
    """The live child of `parent` with this slug, created and published if missing, its fields
    brought up to date (and republished) when the demo content changed. `create_only` fields
    (bodies) are set when the page is created and left alone afterwards, edits included.
    `published` (a date) backdates the first publication, so demo lists read like real ones."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **fields, **(create_only or {}))
        parent.add_child(instance=page)
        page.save_revision().publish()
    else:
        page = existing.specific
        changed = [name for name, value in fields.items() if getattr(page, name) != value]
        if changed:
            for name in changed:
                setattr(page, name, fields[name])
            page.save_revision().publish()
    if published is not None:
        moment = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9, 0)))
        if page.first_published_at != moment:
            Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
            page.first_published_at = page.last_published_at = moment
    return page


def translate_page(page: Page, language_code: str, strings: dict[str, str], publish: bool = True) -> Page:
    """Create or update the translation of `page` through wagtail-localize: every source segment
    must be in `strings` (source text -> translated text); the target is saved and published."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    changed = not page.has_translation(locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        # ASCII segments (slugs, codes) stay as they are; every Chinese text needs its translation.
        source_text = segment.string.data
        text = strings.get(source_text, source_text if source_text.isascii() else None)
        if text is None:
            raise KeyError(f"no {language_code} text for “{source_text}” ({page.title})")
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is None or existing.data != text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
            changed = True
    if not changed:
        return page.get_translation(locale)
    # Publish here rather than through save_target(publish=True), which defers it to on_commit.
    translation.save_target(publish=False)
    target = page.get_translation(locale)
    if publish:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
