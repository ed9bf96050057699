"""Grouping articles into stories: pure maths over features, and the hand-written corpus."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from fakes import BagOfWordsEmbedder
from test_batch_corpus import corpus_items

from storydiff.batch.articles import read_article
from storydiff.batch.features import ArticleFeatures, article_features, embedded_texts, parse_date, shingles
from storydiff.batch.grouping import GroupingOptions, group_articles, near_duplicates, term_similarity
from storydiff.batch.inputs import ArticleSource
from storydiff.engine import split_passages
from storydiff.storage.cache import text_key


def features(vector, terms=(), date=None, text="") -> ArticleFeatures:
    v = np.asarray(vector, dtype=np.float32)
    v = v / np.linalg.norm(v)
    return ArticleFeatures(v, v, frozenset(terms), parse_date(date), shingles(text))


def corpus_features(dated=True):
    items = corpus_items()
    embedder = BagOfWordsEmbedder()
    out = []
    for n, (_, outlet, date, text) in enumerate(items):
        article = read_article(n, ArticleSource(outlet, None, text=text, date=date if dated else None))
        passages = split_passages(article.version)
        texts = embedded_texts(article.version, passages)
        vectors = dict(zip(map(text_key, texts), embedder.embed(texts)))
        out.append(article_features(article.version, passages, vectors))
    return [event for event, *_ in items], out


@pytest.mark.parametrize("dated", [True, False])
def test_the_corpus_regroups_into_its_events(dated):
    events, found = corpus_features(dated)
    groups = group_articles(found)
    assert sorted(sorted(events[i] for i in g) for g in groups) == sorted(
        sorted(e for e in events if e == event) for event in set(events))


def test_articles_apart_by_more_than_the_window_never_join():
    same = features([1, 0.1], {"okafor"}, "2024-05-01")
    later = features([1, 0.1], {"okafor"}, "2024-06-01")
    assert group_articles([same, later]) == [(0,), (1,)]
    assert group_articles([same, later], GroupingOptions(window_days=None)) == [(0, 1)]


def test_one_shared_name_does_not_chain_two_events():
    # a~b and b~c each share something, a and c nothing: average linkage keeps a and c apart.
    a = features([1, 0, 0], {"okafor", "westbrook"})
    b = features([0.7, 0.7, 0], {"okafor", "linden"})
    c = features([0, 0, 1], {"linden", "harrow"})
    groups = group_articles([a, b, c])
    assert (0, 2) not in groups and all(not {0, 2} <= set(g) for g in groups)


def test_near_duplicates_join_whatever_their_vectors():
    text = " ".join(f"word{n}" for n in range(60))
    copy = text.replace("word30", "changed")
    a, b = features([1, 0], text=text), features([0, 1], text=copy)
    assert near_duplicates([a.shingles, b.shingles], 0.7) == [(0, 1)]
    assert group_articles([a, b]) == [(0, 1)]


def test_rare_shared_terms_weigh_more_than_common_ones():
    common = [frozenset({"obama", f"x{n}"}) for n in range(6)]
    rare = [frozenset({"obama", "etheridge", "y1"}), frozenset({"obama", "etheridge", "y2"})]
    scores = term_similarity(common + rare)
    assert scores[6, 7] > 0.3 and scores[0, 1] < 0.01
    assert np.allclose(scores, scores.T) and np.all((scores >= 0) & (scores <= 1))


def test_grouping_does_not_depend_on_the_order_of_the_articles():
    events, found = corpus_features()
    order = list(reversed(range(len(found))))
    forward = {frozenset(events[i] + str(i) for i in g) for g in group_articles(found)}
    backward = {frozenset(events[order[i]] + str(order[i]) for i in g)
                for g in group_articles([found[i] for i in order])}
    assert forward == backward


def test_dates_parse_from_iso_days_and_times():
    assert parse_date("2012-12-09T10:00:00Z") == dt.date(2012, 12, 9)
    assert parse_date("yesterday") is None and parse_date(None) is None


def test_no_articles_no_stories():
    assert group_articles([]) == []
