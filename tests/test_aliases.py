import pandas as pd

from syria_offensive.transforms.aliases import match

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
    from syria_offensive.transforms.aliases import locating

    text = "Iran backs Syria. Fighting in northwest Syria, in neighboring Lebanon, near the border with Turkey."
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    aliases = pd.DataFrame({"actor_id": ["syria", "lebanon", "turkey"], "alias": ["Syria", "Lebanon", "Turkey"]})
    found = match(articles, aliases)
    assert locating(articles, found).tolist() == [False, True, True, True]
