import pandas as pd
import pytest

from news_statements.transforms.aliases import match

ALIASES = pd.DataFrame(
    {"actor_id": ["hts", "hts", "iran", "us"], "alias": ["Hayat Tahrir al-Sham", "Tahrir al-Sham", "Iran", "US"]}
)


def mentions(text):
    return match(pd.DataFrame({"article_id": ["a"], "text": [text]}), ALIASES)


def test_longest_alias_wins_and_matches_do_not_overlap():
    found = mentions("The Hayat Tahrir al-Sham group; Tahrir al-Sham again.")
    assert found["text"].tolist() == ["Hayat Tahrir al-Sham", "Tahrir al-Sham"]
    assert found["char_start"].tolist() == [4, 32]


def test_the_longest_alias_wins_where_several_start_at_one_position():
    """The aliases compete at one start ("Tahrir" and "Tahrir al-Sham"): the longer one is the mention."""
    aliases = pd.DataFrame({"actor_id": ["hts", "tahrir", "hts"], "alias": ["Tahrir", "Tahrir al", "Tahrir al-Sham"]})
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["x Tahrir al-Sham y", "Tahrir and Tahrir al"]})
    found = match(articles, aliases)
    assert found[["article_id", "char_start", "char_end", "text", "actor_id"]].values.tolist() == [
        ["a", 2, 16, "Tahrir al-Sham", "hts"],
        ["b", 0, 6, "Tahrir", "hts"],
        ["b", 11, 20, "Tahrir al", "tahrir"],
    ]


def test_whole_words_only_but_possessives_match():
    found = mentions("Iranian officials; Iran’s view; USA; US troops")
    assert found["text"].tolist() == ["Iran", "US"]


def test_matching_is_case_sensitive():
    assert mentions("the us and iran").empty


def test_offsets_point_at_the_alias():
    text = "x Iran y"
    row = mentions(text).iloc[0]
    assert text[row["char_start"] : row["char_end"]] == "Iran" and row["kind"] == "name"


def test_a_country_that_locates_is_a_place_and_one_that_acts_is_a_state():
    from news_statements.transforms.aliases import locating

    text = "Iran backs Syria. Fighting in northwest Syria, in neighboring Lebanon, near the border with Turkey."
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    aliases = pd.DataFrame({"actor_id": ["syria", "lebanon", "turkey"], "alias": ["Syria", "Lebanon", "Turkey"]})
    found = match(articles, aliases)
    assert locating(articles, found).tolist() == [False, True, True, True]


def test_locating_looks_at_the_40_characters_before_each_hit_of_its_own_article():
    from news_statements.transforms.aliases import locating

    phrase = "north" + "x" * 31 + " of "  # 40 characters, after a letter: locating only when seen from its start
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["in Syria, Syria", f"X{phrase}Syria"]})
    hits = pd.DataFrame({"article_id": ["a", "a", "b"], "char_start": [3, 10, 41]}, index=[5, 6, 7])
    found = locating(articles, hits)
    assert found.dtype == bool and found.index.tolist() == [5, 6, 7]
    assert found.tolist() == [True, False, True]


def test_no_aliases_or_no_articles_give_an_empty_frame_with_the_columns():
    articles = pd.DataFrame({"article_id": ["a"], "text": ["Iran"]})
    for found in (match(articles, ALIASES.iloc[:0]), match(articles.iloc[:0], ALIASES)):
        assert found.empty and found.columns.tolist() == [
            "article_id",
            "char_start",
            "actor_id",
            "text",
            "char_end",
            "kind",
        ]


def test_a_capital_that_stands_for_its_state_is_the_state_and_one_that_locates_is_the_city():
    """curation/README.md, "Capitals: state or city": a capital that is an alias of its state follows the rule
    for countries, and a journey's destination locates ("leaving for Damascus"), where "support for" does not."""
    from news_statements.transforms.aliases import locating

    text = (
        "Tehran’s firm support for Damascus. Today I am leaving for Damascus. During his stay in Damascus, "
        "Ankara aims to normalise relations with Ankara; his presence in Ankara."
    )
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    aliases = pd.DataFrame({"actor_id": ["iran", "syria", "turkey"], "alias": ["Tehran", "Damascus", "Ankara"]})
    found = match(articles, aliases)
    assert found["text"].tolist() == ["Tehran", "Damascus", "Damascus", "Damascus", "Ankara", "Ankara", "Ankara"]
    assert locating(articles, found).tolist() == [False, False, True, True, False, False, True]


# --- `places:` in an article file: which place an ambiguous place alias names at one occurrence -----------------

GOVERNORATE = (
    "- id: aleppo-governorate\n  name: Aleppo Governorate\n  type: governorate\n  country: SYR\n  admin1: Aleppo\n"
    '  aliases: []\n  coordinates: {lat: 36.2262, lon: 37.4681, precision: admin_area, basis: "test fixture"}\n'
)


def _with_choice(mini, place="aleppo-governorate", quote="Aleppo", notes='"test"'):
    from tests.test_curation_errors import ARTICLE

    places = mini / "curation/places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + GOVERNORATE, encoding="utf-8")
    article = mini / ARTICLE
    entry = f'places:\n  - place: {place}\n    quote: "{quote}"\n    notes: {notes}\n'
    text = article.read_text(encoding="utf-8")
    if (place, quote) == ("aleppo-governorate", "Aleppo"):  # the fixture's event place quotes that very name: it
        text = text.replace("place: aleppo, role: at", f"place: {place}, role: at")  # follows (event_place_evidence)
    article.write_text(text + entry, encoding="utf-8")


def test_a_places_entry_chooses_the_place_of_one_occurrence(mini):
    from news_statements.build import assemble

    frames = assemble(mini / "curation", mini / "sources", releases_dir=mini / "no-releases")
    assert frames["place_mentions"]["place_id"].tolist() == ["aleppo"]
    _with_choice(mini)
    frames = assemble(mini / "curation", mini / "sources", releases_dir=mini / "no-releases")
    assert frames["place_mentions"][["text", "place_id"]].values.tolist() == [["Aleppo", "aleppo-governorate"]]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (
            {"quote": "the army"},
            "curation/articles/mini-article.yaml:36: aleppo-governorate: places entry matches no place mention "
            "(got 'the army', expected the quote of exactly one place name)",
        ),
        (
            {"place": "aleppo-province"},
            "curation/articles/mini-article.yaml:36: aleppo-province: places entry: `place:` names no place of "
            "places.yaml (got 'aleppo-province', expected a place id of places.yaml)",
        ),
        (
            {"place": "aleppo"},
            "curation/articles/mini-article.yaml:36: aleppo: places entry names the place its alias already gives "
            "(got 'aleppo', expected another place, or no entry)",
        ),
    ],
)
def test_a_places_entry_that_chooses_nothing_is_an_error(mini, choice, expected):
    from tests.test_curation_checks import run

    _with_choice(mini, **choice)
    problems, _ = run(mini)
    assert problems == [expected]


def test_a_places_entry_says_why(mini):
    from tests.test_curation_checks import run

    _with_choice(mini, notes="null")
    problems, _ = run(mini)
    assert len(problems) == 1 and "notes is required" in problems[0], problems
