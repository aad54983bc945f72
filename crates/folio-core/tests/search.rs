//! Search, ranking and filters over a small archive.
#![allow(clippy::expect_used)] // A failed expectation is how a test fails.

use chrono::NaiveDate;
use folio_core::query::Query;
use folio_core::search::{day_number, Filters, SearchIndex, Sort};
use folio_core::Archive;

fn archive() -> Archive {
    Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [
          {"id": "body", "title": "Spring update", "date_published": "2024-04-10T10:00:00Z",
           "content_html": "<p>The <b>otter</b> survey found clean water upstream.</p>",
           "tags": ["wildlife"], "authors": [{"name": "Ada"}]},
          {"id": "title", "title": "Otter sightings", "date_published": "2023-05-02T10:00:00Z",
           "content_text": "Three sightings this month.", "tags": ["wildlife", "survey"], "authors": [{"name": "Ben"}]},
          {"id": "tag", "title": "Monthly notes", "date_published": "2024-01-31T23:30:00Z",
           "content_text": "Nothing about animals.", "tags": ["otter"], "authors": [{"name": "Ada"}]},
          {"id": "summary", "title": "River report", "date_published": "2023-05-20T10:00:00Z",
           "summary": "Includes an otter count.", "content_text": "Water levels were low.", "tags": ["reports"],
           "authors": [{"name": "Ben"}]},
          {"id": "fa", "title": "گزارش آب رودخانه", "language": "fa", "date_published": "2022-12-01T10:00:00+03:30",
           "content_text": "کیفیت آب خوب است", "tags": ["reports"], "authors": [{"name": "لاله"}]},
          {"id": "cafe", "title": "Café meeting", "date_published": "2022-11-15T10:00:00Z",
           "content_text": "Clean-water volunteers met at the café.", "tags": ["events"], "authors": [{"name": "Ada"}]},
          {"id": "undated", "title": "Otter poem", "content_text": "An undated otter."}
        ]}"#,
    )
    .expect("fixture parses")
}

fn ids(archive: &Archive, found: &[usize]) -> Vec<String> {
    found.iter().map(|&p| archive.posts[p].id.clone()).collect()
}

fn search(archive: &Archive, query: &str) -> Vec<String> {
    let index = SearchIndex::build(archive);
    let filters = Filters {
        query: Query::parse(query),
        ..Filters::default()
    };
    ids(archive, &index.search(&filters).posts)
}

fn day(y: i32, m: u32, d: u32) -> Option<i32> {
    NaiveDate::from_ymd_opt(y, m, d).map(day_number)
}

#[test]
fn no_query_lists_everything_newest_first() {
    let a = archive();
    assert_eq!(
        search(&a, ""),
        ["body", "tag", "summary", "title", "fa", "cafe", "undated"]
    );
}

#[test]
fn title_beats_tag_beats_summary_beats_body_and_newer_wins_ties() {
    let a = archive();
    // "title" and "undated" both have otter in the title: the newer first, undated last.
    assert_eq!(
        search(&a, "otter "),
        ["title", "undated", "tag", "summary", "body"]
    );
}

#[test]
fn every_word_must_match() {
    let a = archive();
    assert_eq!(search(&a, "otter clean "), ["body"]);
    assert!(search(&a, "otter zebra ").is_empty());
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let a = archive();
    assert_eq!(search(&a, "ott"), search(&a, "otter "));
    // Every post with a word starting with "o", ranked as "otter" is: no other post
    // has one.
    assert_eq!(
        search(&a, "o"),
        ["title", "undated", "tag", "summary", "body"]
    );
    assert!(
        search(&a, "ott ").is_empty(),
        "a finished word is not a prefix"
    );
}

#[test]
fn phrases_must_appear_in_order() {
    let a = archive();
    assert_eq!(search(&a, "\"clean water\""), ["body", "cafe"]);
    assert!(search(&a, "\"water clean\"").is_empty());
}

#[test]
fn accents_case_and_persian_variants_fold() {
    let a = archive();
    assert_eq!(search(&a, "CAFE "), ["cafe"]);
    // Arabic yeh in the query finds the Persian yeh in the text; digits too.
    assert_eq!(search(&a, "كيفيت"), ["fa"]);
    assert_eq!(search(&a, "رودخ"), ["fa"]);
}

#[test]
fn authors_are_searchable() {
    let a = archive();
    assert_eq!(search(&a, "ben "), ["summary", "title"]);
}

#[test]
fn date_range_is_inclusive_at_both_ends() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let filters = Filters {
        from_day: day(2023, 5, 2),
        to_day: day(2023, 5, 20),
        ..Filters::default()
    };
    assert_eq!(ids(&a, &index.search(&filters).posts), ["summary", "title"]);
    let only_from = Filters {
        from_day: day(2024, 1, 31),
        ..Filters::default()
    };
    assert_eq!(ids(&a, &index.search(&only_from).posts), ["body", "tag"]);
}

#[test]
fn reader_days_replace_the_authors_days() {
    let a = archive();
    // "tag" was posted 2024-01-31 23:30 UTC; a reader at UTC+1 saw it on 1 February.
    let index = SearchIndex::build_with_days(&a, |p| {
        if p.id == "tag" {
            day(2024, 2, 1)
        } else {
            p.published.map(|d| day_number(d.calendar_day()))
        }
    });
    let february = Filters {
        from_day: day(2024, 2, 1),
        to_day: day(2024, 2, 29),
        ..Filters::default()
    };
    assert_eq!(ids(&a, &index.search(&february).posts), ["tag"]);
}

#[test]
fn a_bad_range_finds_nothing_but_keeps_months() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let filters = Filters {
        from_day: day(2024, 1, 1),
        to_day: day(2023, 1, 1),
        ..Filters::default()
    };
    assert!(filters.bad_range());
    let results = index.search(&filters);
    assert!(results.posts.is_empty());
    assert!(!results.months.is_empty());
}

#[test]
fn tags_combine_with_and_and_author_filters() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let both = Filters {
        tags: vec!["wildlife".into(), "survey".into()],
        ..Filters::default()
    };
    assert_eq!(ids(&a, &index.search(&both).posts), ["title"]);
    let ada = Filters {
        author: Some("Ada".into()),
        ..Filters::default()
    };
    assert_eq!(ids(&a, &index.search(&ada).posts), ["body", "tag", "cafe"]);
    let unknown = Filters {
        tags: vec!["nope".into()],
        ..Filters::default()
    };
    assert!(index.search(&unknown).posts.is_empty());
}

#[test]
fn months_reflect_other_filters_but_not_the_date_range() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let filters = Filters {
        author: Some("Ben".into()),
        from_day: day(2030, 1, 1),
        ..Filters::default()
    };
    let results = index.search(&filters);
    assert!(results.posts.is_empty());
    let months: Vec<(i32, u32, usize)> = results
        .months
        .iter()
        .map(|m| (m.year, m.month, m.count))
        .collect();
    assert_eq!(months, [(2023, 5, 2)]);
}

#[test]
fn facets_count_the_results() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let filters = Filters {
        query: Query::parse("otter "),
        ..Filters::default()
    };
    let results = index.search(&filters);
    assert_eq!(results.tags[0], ("wildlife".to_owned(), 2));
    assert!(results.authors.contains(&("Ada".to_owned(), 2)));
}

#[test]
fn newest_sort_ignores_relevance() {
    let a = archive();
    let index = SearchIndex::build(&a);
    let filters = Filters {
        query: Query::parse("otter "),
        sort: Sort::Newest,
        ..Filters::default()
    };
    assert_eq!(
        ids(&a, &index.search(&filters).posts),
        ["body", "tag", "summary", "title", "undated"]
    );
}

proptest::proptest! {
    #[test]
    fn adding_a_word_never_adds_results(q in "[a-z ]{0,12}", extra in "[a-z]{1,4}") {
        let a = archive();
        let index = SearchIndex::build(&a);
        let base = index.search(&Filters { query: Query::parse(&format!("{q} ")), ..Filters::default() });
        let narrower = index.search(&Filters { query: Query::parse(&format!("{q} {extra} ")), ..Filters::default() });
        for p in &narrower.posts {
            proptest::prop_assert!(base.posts.contains(p));
        }
    }
}

#[test]
fn the_newest_year_is_that_of_the_newest_dated_post_in_the_index_calendar() {
    let archive = archive();
    assert_eq!(SearchIndex::build(&archive).newest_year(), Some(2024));
    // In a calendar a year ahead (a stand-in for the reader's), the index says so.
    let shifted = SearchIndex::build_with_days(&archive, |post| {
        post.published.and_then(|d| {
            NaiveDate::from_ymd_opt(2025, 1, 1)
                .filter(|_| d.iso().starts_with("2024"))
                .map(day_number)
        })
    });
    assert_eq!(shifted.newest_year(), Some(2025));
    let empty =
        Archive::from_json(r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#)
            .expect("empty feed parses");
    assert_eq!(SearchIndex::build(&empty).newest_year(), None);
}

#[test]
fn a_typed_query_replaces_the_urls_without_touching_other_filters() {
    use folio_core::list_state::ListState;
    let state =
        ListState::from_pairs([("q", "otter"), ("tag", "wildlife"), ("from", "2023-01-01")]);
    let filters = state.filters_with_query(Query::parse("survey"));
    assert_eq!(filters.query, Query::parse("survey"));
    assert_eq!(filters.tags, vec!["wildlife".to_owned()]);
    assert_eq!(filters.from_day, state.filters().from_day);
}

#[test]
fn an_index_built_a_few_posts_at_a_time_answers_as_one_built_at_once() {
    use folio_core::search::IndexBuilder;
    let a = archive();
    let whole = SearchIndex::build(&a);
    let mut builder = IndexBuilder::default();
    let mut rounds = 0;
    while !builder.add(&a, 2, |p| p.published.map(|d| day_number(d.calendar_day()))) {
        rounds += 1;
    }
    assert_eq!(builder.done(), a.posts.len());
    assert_eq!(rounds, 3, "7 posts, 2 at a time");
    let sliced = builder.finish();
    for query in ["", "otter ", "o", "\"clean water\"", "café", "ada"] {
        let filters = Filters {
            query: Query::parse(query),
            ..Filters::default()
        };
        assert_eq!(sliced.search(&filters), whole.search(&filters), "{query}");
    }
}

#[test]
fn the_first_list_before_an_index_is_the_unfiltered_order() {
    use folio_core::search::{first_results, is_unfiltered};
    let a = archive();
    let index = SearchIndex::build(&a);
    for sort in [Sort::Relevance, Sort::Newest] {
        let filters = Filters {
            sort,
            ..Filters::default()
        };
        assert!(is_unfiltered(&filters));
        assert_eq!(first_results(&a).posts, index.search(&filters).posts);
    }
    let typed = Filters {
        query: Query::parse("o"),
        ..Filters::default()
    };
    assert!(!is_unfiltered(&typed));
}

#[test]
fn a_category_ranks_between_title_and_tag_and_filters_and_counts_like_tags() {
    let archive = Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
          {"id": "tag", "title": "Notes", "date_published": "2024-03-01T00:00:00Z", "content_text": "x", "tags": ["floods"]},
          {"id": "category", "title": "Weekly", "date_published": "2024-02-01T00:00:00Z", "content_text": "x",
           "_folio": {"categories": ["Floods", "News"]}},
          {"id": "title", "title": "Floods return", "date_published": "2024-01-01T00:00:00Z", "content_text": "x",
           "_folio": {"categories": ["News"]}}
        ]}"#,
    )
    .expect("feed");
    assert_eq!(search(&archive, "floods"), ["title", "category", "tag"]);

    let index = SearchIndex::build(&archive);
    let all = index.search(&Filters::default());
    assert_eq!(
        all.categories,
        [("News".to_owned(), 2), ("Floods".to_owned(), 1)]
    );
    let news = index.search(&Filters {
        categories: vec!["News".into()],
        ..Filters::default()
    });
    assert_eq!(ids(&archive, &news.posts), ["category", "title"]);
    let both = index.search(&Filters {
        categories: vec!["News".into(), "Floods".into()],
        ..Filters::default()
    });
    assert_eq!(ids(&archive, &both.posts), ["category"]);
    let none = index.search(&Filters {
        categories: vec!["Sport".into()],
        ..Filters::default()
    });
    assert!(none.posts.is_empty());
}

#[test]
fn related_posts_share_tags_or_categories_most_shared_then_nearest_shown_newest_first() {
    let archive = Archive::from_json(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
          {"id": "a", "title": "A", "date_published": "2024-05-01T00:00:00Z", "content_text": "x", "tags": ["otters"]},
          {"id": "b", "title": "B", "date_published": "2024-04-01T00:00:00Z", "content_text": "x", "tags": ["otters", "rivers"],
           "_folio": {"categories": ["News"]}},
          {"id": "c", "title": "C", "date_published": "2024-03-01T00:00:00Z", "content_text": "x", "tags": ["roads"]},
          {"id": "d", "title": "D", "date_published": "2024-02-01T00:00:00Z", "content_text": "x", "tags": ["rivers"],
           "_folio": {"categories": ["News"]}},
          {"id": "e", "title": "E", "date_published": "2024-01-01T00:00:00Z", "content_text": "x", "tags": ["otters", "rivers"],
           "_folio": {"categories": ["News"]}},
          {"id": "f", "title": "F", "date_published": "2023-01-01T00:00:00Z", "content_text": "x"}
        ]}"#,
    )
    .expect("feed");
    let index = SearchIndex::build(&archive);
    let position = |id: &str| archive.posts.iter().position(|p| p.id == id).expect("post");
    // B shares otters, rivers and News with E (3), rivers and News with D (2), otters
    // with A (1): the most shared are chosen, and shown newest first.
    assert_eq!(
        ids(&archive, &index.related(position("b"), 3)),
        ["a", "d", "e"]
    );
    assert_eq!(ids(&archive, &index.related(position("b"), 2)), ["d", "e"]);
    assert_eq!(ids(&archive, &index.related(position("b"), 1)), ["e"]);
    // Equal overlap: the nearest in time is chosen first.
    assert_eq!(ids(&archive, &index.related(position("a"), 1)), ["b"]);
    assert_eq!(ids(&archive, &index.related(position("a"), 3)), ["b", "e"]);
    // Nothing shared, or nothing to share.
    assert!(index.related(position("c"), 3).is_empty());
    assert!(index.related(position("f"), 3).is_empty());
}

#[test]
fn related_posts_in_a_large_tag_come_from_near_the_post_in_time() {
    let items: Vec<String> = (0..400)
        .map(|i| {
            format!(
                r#"{{"id": "{i}", "title": "P{i}", "date_published": "2020-01-01T00:00:00Z", "content_text": "x", "tags": ["common"], "_folio": {{"slug": "p{i}"}}}}"#
            )
        })
        .collect();
    let archive = Archive::from_json(&format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{}]}}"#,
        items.join(",")
    ))
    .expect("feed");
    let index = SearchIndex::build(&archive);
    // Everyone shares the one tag: the nearest three, the newer first among equals.
    // Everyone shares the one tag: the nearest three (the newer of two as near), shown
    // newest first.
    assert_eq!(index.related(200, 3), [198, 199, 201]);
    assert_eq!(index.related(0, 3), [1, 2, 3]);
    assert_eq!(index.related(399, 2), [397, 398]);
}
