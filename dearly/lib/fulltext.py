"""Full-text indexes on SQLite FTS5 (bm25) and PostgreSQL (tsvector + GIN), behind one API.

An index is a table of (id, title, body) kept beside the rows it describes. The column indexes
articles with it; the desk indexes letters with its own, separate table. Queries are built from
word tokens only, so no reader input ever reaches the query syntax of either engine.
"""

import functools
import html
import math
import re
from dataclasses import dataclass

from django.db import connection

START, STOP = "\x02", "\x03"
# At most this many matches are ranked per search, on both engines; at most SHORTLIST rows
# are ranked in full for a "similar" look-up on PostgreSQL.
CANDIDATES = 1000
SHORTLIST = 50
TOKENIZE = "porter unicode61 remove_diacritics 2"  # SQLite FTS5's tokenizer
# The most one shared word adds to the evidence of a match (an idf: ln 20, a word in 1 row of 20).
RARITY_CAP = math.log(20)
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

# Words that carry no topic: left out of "similar" look-ups so that rarer words decide.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
    don't down during each even ever every few for from further get gets getting got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself just know let's like me more
    most much mustn't my myself no nor not now of off on once one only or other ought our ours
    ourselves out over own really said same say says shan't she she'd she'll she's should shouldn't
    so some still such than that that's the their theirs them themselves then there there's these
    they they'd they'll they're they've thing things think this those though through to too under
    until up us very want was wasn't way we we'd we'll we're we've well were weren't what what's
    when when's where where's which while who who's whom why why's will with won't would wouldn't
    yes yet you you'd you'll you're you've your yours yourself yourselves also always never
    back going go make made time years year dear help feel feels felt thanks thank""".split()
)


@dataclass
class Hit:
    id: int
    title_hit: bool
    snippet_html: str


def rarity(docs: int, rows: int) -> float:
    """How much sharing a word says: its idf, ln((rows + 1) / docs), at least 0.1 (a word in
    nearly every row still counts a little) and at most RARITY_CAP (one name or typo shared
    with a single row must not count as much as several topic words)."""
    if docs <= 0:
        return 0.0
    return min(max(math.log((rows + 1) / docs), 0.1), RARITY_CAP)


@dataclass
class Match:
    """A "similar" look-up: the ids found, and the informative words it ranked them over."""

    index: "FullTextIndex"
    ids: list[int]
    words: list[tuple[str, int]]  # the letter's rarest words, each with how many rows hold it

    @functools.cached_property
    def rows(self) -> int:
        """How many rows the index holds: read only when evidence is weighed."""
        return self.index.rows()

    def evidence(self, ids) -> dict[int, float]:
        """For each of `ids` that shares any of the words, the summed rarity of those it holds:
        absolute, unlike a rank, so a row that merely shares the most common of a letter's words
        is told from one that shares several rare ones."""
        docs = dict(self.words)
        held = self.index.holding([w for w, _ in self.words], ids)
        return {i: sum(rarity(docs[w], self.rows) for w in found) for i, found in held.items()}


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("’", "'"))]


def highlight(raw: str) -> str:
    """Escape a snippet, then turn the engine's markers into <mark>."""
    escaped = html.escape(raw or "")
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


def _naive_stems(word: str) -> set[str]:
    # Porter stems are (nearly always) prefixes of the word; these cover the common endings so
    # a single look-up in the FTS5 vocabulary finds the document frequency of the word.
    stems = {word}
    for suffix in ("ing", "ed", "es", "s", "ly", "ness", "ment", "ful", "er", "ation", "ions", "ion"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.add(word[: -len(suffix)])
    if word.endswith("y"):
        stems.add(word[:-1] + "i")
    if word.endswith("e"):
        stems.add(word[:-1])
    return stems


class FullTextIndex:
    """One index table. `join_sql` restricts results to rows a reader may see."""

    def __init__(self, table: str, *, join_sql: str = "", join_params_fn=None, language="english", titled=True):
        self.table = table
        # An index whose rows have no titles (the desk's letters) skips the search for title
        # matches that ranks them first: on SQLite that second MATCH cost as much again as the
        # ranking itself at 100,000 rows (bench/similar), to find nothing.
        self.titled = titled
        self.join_sql = join_sql
        self.join_params_fn = join_params_fn or (lambda: [])
        self.language = language

    # --- schema (called from migrations) -------------------------------------------------
    def create_sql(self, vendor: str) -> list[str]:
        t = self.table
        if vendor == "sqlite":
            return [
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {t} USING fts5(title, body, tokenize='{TOKENIZE}')",
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {t}_vocab USING fts5vocab({t}, 'row')",
                *self.terms_sql(vendor),
            ]
        if vendor == "postgresql":
            return [
                f"CREATE TABLE IF NOT EXISTS {t} (id bigint PRIMARY KEY, title text NOT NULL, "
                "body text NOT NULL, title_vector tsvector NOT NULL, document tsvector NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS {t}_document ON {t} USING gin (document)",
                *self.terms_sql(vendor),
            ]
        raise NotImplementedError(vendor)

    def terms_sql(self, vendor: str) -> list[str]:
        """The table of how many rows hold each word (a lexeme on PostgreSQL, a stem of FTS5's
        on SQLite), filled from the rows already indexed, and under the empty term the number of
        rows. Safe to run again; a migration that adds it to an index made before it existed
        runs just this.

        On SQLite FTS5's vocabulary gives the same counts, but by walking each word's whole list
        of rows: 25 ms a letter at 100,000 rows for its commoner words, more than the rest of a
        look-up (bench/similar); this table answers in a B-tree look-up on both engines."""
        t = self.table
        if vendor == "sqlite":
            return [
                f"CREATE TABLE IF NOT EXISTS {t}_terms (term text PRIMARY KEY, docs integer NOT NULL) WITHOUT ROWID",
                f"DELETE FROM {t}_terms",
                f"INSERT INTO {t}_terms (term, docs) SELECT term, doc FROM {t}_vocab",
                f"INSERT INTO {t}_terms (term, docs) SELECT '', count(*) FROM {t}_docsize",
            ]
        if vendor != "postgresql":
            return []
        return [
            f"CREATE TABLE IF NOT EXISTS {t}_terms (term text PRIMARY KEY, docs integer NOT NULL)",
            f"INSERT INTO {t}_terms (term, docs) SELECT lexeme, count(*) FROM {t}, "
            "unnest(tsvector_to_array(document)) AS lexeme GROUP BY lexeme "
            "ON CONFLICT (term) DO UPDATE SET docs = EXCLUDED.docs",
            # The empty term, never a lexeme, counts the rows themselves.
            f"INSERT INTO {t}_terms (term, docs) SELECT '', count(*) FROM {t} "
            "ON CONFLICT (term) DO UPDATE SET docs = EXCLUDED.docs",
        ]

    def drop_sql(self, vendor: str) -> list[str]:
        if vendor == "sqlite":
            return [f"DROP TABLE IF EXISTS {self.table}_terms", f"DROP TABLE IF EXISTS {self.table}_vocab",
                    f"DROP TABLE IF EXISTS {self.table}"]
        return [f"DROP TABLE IF EXISTS {self.table}_terms", f"DROP TABLE IF EXISTS {self.table}"]

    # --- writes --------------------------------------------------------------------------
    def upsert(self, row_id: int, title: str, body: str, *, count_terms: bool = True) -> None:
        """Index a row (again). `count_terms=False` is for a bulk fill, which then counts every
        word once at the end with `terms_sql` (as the migration that added the counts does)
        instead of updating the counts for each row."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                if count_terms:
                    self._count_sqlite(cursor, row_id, -1)
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [row_id])
                cursor.execute(
                    f"INSERT INTO {self.table} (rowid, title, body) VALUES (%s, %s, %s)",
                    [row_id, title, body],
                )
                if count_terms:
                    self._count_sqlite(cursor, row_id, +1)
            elif not count_terms:
                cursor.execute(f"DELETE FROM {self.table} WHERE id = %s", [row_id])
                cursor.execute(
                    f"INSERT INTO {self.table} (id, title, body, title_vector, document) "
                    "VALUES (%s, %s, %s, to_tsvector(%s::regconfig, %s), "
                    "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'B'))",
                    [row_id, title, body, self.language, title, self.language, title, self.language, body],
                )
            else:
                self._delete_postgres(cursor, row_id)
                # Lexemes come sorted out of a tsvector, so concurrent writers lock term rows in
                # the same order and cannot deadlock.
                cursor.execute(
                    f"WITH new AS (INSERT INTO {self.table} (id, title, body, title_vector, document) "
                    "VALUES (%s, %s, %s, to_tsvector(%s::regconfig, %s), "
                    "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'B')) RETURNING document) "
                    f"INSERT INTO {self.table}_terms (term, docs) "
                    "SELECT unnest('{\"\"}'::text[] || tsvector_to_array(new.document)), 1 FROM new "
                    f"ON CONFLICT (term) DO UPDATE SET docs = {self.table}_terms.docs + 1",
                    [row_id, title, body, self.language, title, self.language, title, self.language, body],
                )

    def _delete_postgres(self, cursor, row_id: int) -> None:
        cursor.execute(
            f"WITH old AS (DELETE FROM {self.table} WHERE id = %s RETURNING document) "
            f"UPDATE {self.table}_terms AS t SET docs = t.docs - 1 "
            "FROM old WHERE t.term = ANY('{\"\"}'::text[] || tsvector_to_array(old.document))",
            [row_id],
        )

    def _scratch(self, cursor, purpose: str) -> str:
        """SQLite: a small index of this connection's own, tokenized as the index is (made once)."""
        name = f"{self.table}_{purpose}"
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5(title, body, tokenize='{TOKENIZE}')")
        return name

    def _count_sqlite(self, cursor, row_id: int, step: int) -> None:
        """Add `step` to the count of every stem row `row_id` holds (nothing if there is no such
        row), and to the row count under the empty term. The stems are FTS5's own: the row is
        copied into a one-row index of this connection's, tokenized the same way, and read
        back from its vocabulary."""
        t, scratch = self.table, self._scratch(cursor, "tokens")
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{scratch}_vocab USING fts5vocab(temp, {scratch}, 'row')")
        cursor.execute(f"DELETE FROM temp.{scratch}")
        cursor.execute(
            f"INSERT INTO temp.{scratch} (rowid, title, body) SELECT rowid, title, body FROM {t} WHERE rowid = %s",
            [row_id],
        )
        cursor.execute(
            f"INSERT INTO {t}_terms (term, docs) SELECT term, %s FROM temp.{scratch}_vocab "
            f"UNION ALL SELECT '', %s FROM temp.{scratch} "
            f"WHERE true ON CONFLICT (term) DO UPDATE SET docs = {t}_terms.docs + excluded.docs",
            [step, step],
        )
        cursor.execute(f"DELETE FROM temp.{scratch}")

    def delete(self, row_id: int) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                self._count_sqlite(cursor, row_id, -1)
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [row_id])
            else:
                self._delete_postgres(cursor, row_id)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            cursor.execute(f"DELETE FROM {self.table}_terms")

    # --- reads ---------------------------------------------------------------------------
    def search(self, query: str, *, limit=20, offset=0, any_word=False) -> tuple[list[Hit], int]:
        """Ranked hits for the words of `query`, title matches first, and the total count.

        All words must match; when that finds nothing, any word may.
        """
        words = tokens(query)[:12]
        if not words:
            return [], 0
        # "my husband won't talk" searches for husband and talk: words in nearly every row
        # narrow nothing and are the slowest to match. A query of only such words keeps them.
        words = [w for w in words if w not in STOPWORDS] or words
        hits, total = self._search(words, limit, offset, any_word)
        if not hits and offset:
            # Past the last page, or no match at all? Only the first page can tell.
            total = self._search(words, 1, 0, any_word, snippets=False)[1]
            if total:
                return [], total
        if total == 0 and not any_word and len(words) > 1:
            hits, total = self._search(words, limit, offset, True)
        return hits, total

    def similar(self, text: str, *, limit=5, exclude_id=None, max_terms=12) -> list[int]:
        """Ids of the rows most like `text`, ranked over its most informative words."""
        return self.match(text, limit=limit, exclude_id=exclude_id, max_terms=max_terms).ids

    def match(self, text: str, *, limit=5, exclude_id=None, max_terms=12) -> "Match":
        """What `similar` finds (`.ids`), and how to weigh what any row shares with `text`
        (`.evidence(ids)`), from the same informative words."""
        words = [w for w in dict.fromkeys(tokens(text)) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
        rarest = self._informative(words[:80], max_terms) if words else []
        if not rarest:
            return Match(self, [], [])
        wanted = limit + (1 if exclude_id else 0)
        if connection.vendor == "sqlite":
            hits, _ = self._search([w for w, _ in rarest], wanted, 0, True, snippets=False)
            ids = [h.id for h in hits]
        else:
            ids = self._similar_postgres(rarest, wanted)
        return Match(self, [i for i in ids if i != exclude_id][:limit], rarest)

    def rows(self) -> int:
        """How many rows the index holds, exactly, from one small read on either engine."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT docs FROM {self.table}_terms WHERE term = ''")
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def holding(self, words: list[str], ids) -> dict[int, set[str]]:
        """Which of `words` each of `ids` holds, matched as a search matches them (stemmed)."""
        ids = [int(i) for i in dict.fromkeys(ids)]
        if not words or not ids:
            return {}
        held: dict[int, set[str]] = {}
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # FTS5 reads a word's whole list of rows even to test one row for it (25 ms for
                # five rows at 100,000), so the rows asked about are copied into a small index
                # of this connection's own, tokenized the same way, and the words matched there.
                scratch = self._scratch(cursor, "holding")
                cursor.execute(f"DELETE FROM temp.{scratch}")
                marks = ",".join(["%s"] * len(ids))
                cursor.execute(
                    f"INSERT INTO temp.{scratch} (rowid, title, body) "
                    f"SELECT rowid, title, body FROM {self.table} WHERE rowid IN ({marks})",
                    ids,
                )
                sql = " UNION ALL ".join(f"SELECT %s, rowid FROM {scratch} WHERE {scratch} MATCH %s" for _ in words)
                params = []
                for k, w in enumerate(words):
                    params += [k, '"' + w.replace('"', "") + '"']
                cursor.execute(sql, params)
            else:
                cursor.execute(
                    f"SELECT u.k - 1, x.id FROM {self.table} x JOIN unnest(%s::text[]) WITH ORDINALITY AS u(w, k) "
                    "ON x.document @@ plainto_tsquery(%s::regconfig, u.w) WHERE x.id = ANY(%s)",
                    [words, self.language, ids],
                )
            for k, row_id in cursor.fetchall():
                held.setdefault(row_id, set()).add(words[k])
        return held

    def _similar_postgres(self, rarest: list[tuple[str, int]], limit: int) -> list[int]:
        """Rows ranked by the summed rarity (idf) of the rare words they share, from one index
        look-up per word; only the best SHORTLIST are then ranked by ts_rank_cd, title matches
        first, as search ranks. ts_rank_cd over every row holding any of the words had to read
        each row's whole tsvector: ~20-50 ms at 100,000 rows (bench/similar)."""
        t = self.table
        words = [w for w, _ in rarest]
        sql = (
            # The rows counted exactly under the empty term, as evidence counts them (Match.rows).
            f"WITH n AS (SELECT GREATEST(coalesce((SELECT docs FROM {t}_terms WHERE term = ''), 1), 1) AS rows), "
            "terms AS (SELECT u.word, GREATEST(ln((n.rows + 1) / u.docs), 0.1) AS idf "
            "FROM unnest(%s::text[], %s::float8[]) AS u(word, docs), n), "
            "shared AS (SELECT m.id, sum(terms.idf) AS score FROM terms CROSS JOIN LATERAL "
            f"(SELECT id FROM {t} WHERE document @@ plainto_tsquery(%s::regconfig, terms.word) LIMIT {CANDIDATES}) m "
            "GROUP BY m.id), "
            f"shortlist AS (SELECT s.id, s.score FROM shared s {self.join_sql} "
            f"ORDER BY s.score DESC, s.id DESC LIMIT {SHORTLIST}), "
            "q AS (SELECT to_tsquery(%s::regconfig, %s) AS query) "
            f"SELECT x.id FROM shortlist o JOIN {t} x ON x.id = o.id, q "
            "ORDER BY x.title_vector @@ q.query DESC, ts_rank_cd(x.document, q.query) DESC, x.id LIMIT %s"
        )
        params = [words, [float(n) for _, n in rarest], self.language, *self.join_params_fn(),
                  self.language, " | ".join(words), limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def _informative(self, words: list[str], max_terms: int) -> list[tuple[str, int]]:
        """The words rarest in the index (present at least once), at most max_terms of them,
        each with the number of rows that hold it."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                stems = {}
                for w in words:
                    for s in _naive_stems(w):
                        stems.setdefault(s, w)
                marks = ",".join(["%s"] * len(stems))
                cursor.execute(
                    f"SELECT term, docs FROM {self.table}_terms WHERE docs > 0 AND term IN ({marks})", list(stems)
                )
                freq: dict[str, int] = {}
                for term, doc in cursor.fetchall():
                    word = stems[term]
                    freq[word] = max(freq.get(word, 0), doc)
            else:
                # One look-up in the terms table: counting matches per word took ~80 ms at
                # 100,000 rows (bench/similar).
                cursor.execute(
                    f"SELECT u.w, max(t.docs) FROM unnest(%s::text[]) AS u(w) JOIN {self.table}_terms t "
                    "ON t.term = ANY(tsvector_to_array(to_tsvector(%s::regconfig, u.w))) "
                    "WHERE t.docs > 0 GROUP BY u.w",
                    [words, self.language],
                )
                freq = dict(cursor.fetchall())
        ranked = sorted((n, i, w) for i, (w, n) in enumerate((w, freq[w]) for w in words if freq.get(w)))
        return [(w, n) for n, _, w in ranked[:max_terms]]

    def _search(self, words, limit, offset, any_word, snippets=True):
        if connection.vendor == "sqlite":
            return self._search_sqlite(words, limit, offset, any_word, snippets)
        return self._search_postgres(words, limit, offset, any_word, snippets)

    def _search_sqlite(self, words, limit, offset, any_word, snippets):
        t = self.table
        joiner = " OR " if any_word else " "
        match = joiner.join('"' + w.replace('"', "") + '"' for w in words)
        title_match = "title : (" + match + ")"
        # Rank a bounded candidate set, the newest matches: bm25 over every match of a very
        # common word is slow (the total is then capped at CANDIDATES, as on PostgreSQL).
        # MATERIALIZED keeps SQLite from running the MATCH again for every joined row, which
        # made a search at 100,000 rows take seconds (bench/similar).
        ranked = (f"WITH m AS MATERIALIZED (SELECT rowid AS id, bm25({t}, 8.0, 1.0) AS rank FROM {t} "
                  f"WHERE {t} MATCH %s ORDER BY rowid DESC LIMIT {CANDIDATES})")
        if self.titled:
            sql = (
                f"{ranked}, th AS MATERIALIZED (SELECT rowid AS id FROM {t} WHERE {t} MATCH %s "
                f"AND rowid >= (SELECT min(id) FROM m)) "
                f"SELECT s.id, s.id IN th AS title_hit, count(*) OVER () FROM m s {self.join_sql} "
                f"ORDER BY title_hit DESC, s.rank LIMIT %s OFFSET %s"
            )
            params = [match, title_match, *self.join_params_fn(), limit, offset]
        else:
            sql = (f"{ranked} SELECT s.id, 0 AS title_hit, count(*) OVER () FROM m s {self.join_sql} "
                   f"ORDER BY s.rank LIMIT %s OFFSET %s")
            params = [match, *self.join_params_fn(), limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            snippet_for = {}
            if rows and snippets:
                marks = ",".join(["%s"] * len(rows))
                cursor.execute(
                    f"SELECT rowid, snippet({t}, 1, char(2), char(3), '…', 24) FROM {t} "
                    f"WHERE {t} MATCH %s AND rowid IN ({marks})",
                    [match, *[r[0] for r in rows]],
                )
                snippet_for = dict(cursor.fetchall())
        total = rows[0][2] if rows else 0
        return [Hit(r[0], bool(r[1]), highlight(snippet_for.get(r[0], ""))) for r in rows], total

    def _search_postgres(self, words, limit, offset, any_word, snippets):
        t = self.table
        op = " | " if any_word else " & "
        tsquery = op.join(words)
        # Rank a bounded candidate set: ts_rank over every match of a very common word is slow.
        sql = (
            f"WITH q AS (SELECT to_tsquery(%s::regconfig, %s) AS query), "
            f"s AS (SELECT {t}.id, {t}.body, {t}.title_vector, {t}.document FROM {t}, q "
            f"WHERE {t}.document @@ q.query LIMIT {CANDIDATES}), "
            f"ranked AS (SELECT s.id, s.body, s.title_vector @@ q.query AS title_hit, "
            f"ts_rank_cd(s.document, q.query) AS rank, count(*) OVER () AS total "
            f"FROM s {self.join_sql}, q ORDER BY title_hit DESC, rank DESC, s.id LIMIT %s OFFSET %s) "
            "SELECT r.id, r.title_hit, r.total, "
            + (
                "ts_headline(%s::regconfig, r.body, q.query, 'StartSel=\x02, StopSel=\x03, "
                "MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"') "
                if snippets
                else "'' "
            )
            + "FROM ranked r, q ORDER BY r.title_hit DESC, r.rank DESC, r.id"
        )
        params = [self.language, tsquery, *self.join_params_fn(), limit, offset]
        params += [self.language] if snippets else []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total = rows[0][2] if rows else 0
        return [Hit(r[0], bool(r[1]), highlight(r[3])) for r in rows], total
